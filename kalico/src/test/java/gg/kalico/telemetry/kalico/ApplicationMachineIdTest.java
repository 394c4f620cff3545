package gg.kalico.telemetry.kalico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.TelemetryBuilder;
import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.host.HostConfig;
import gg.kalico.telemetry.core.host.HostConfigReader;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.collector.HostFacts;
import gg.kalico.telemetry.spi.collector.MachineIdHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine id is keyed by the host application, as systemd's machine-id(5) asks: two hosts on
 * one computer report different ids; the Kalico adapter keeps the key Kalico's own reports get at
 * the collect service; a host that names no application gets no machine section and a message
 * saying how to name one.
 */
class ApplicationMachineIdTest {
  private static final String RAW = "0123456789abcdef0123456789abcdef";
  private static final HostConfigReader GENERIC =
      (configPath, environment) ->
          new HostConfig(
              ConfigNames.of(Map.of("printer", List.of("kinematics"))),
              new Consent(Consent.State.UNSET, "not set"));

  @TempDir Path tmp;

  private Path root;
  private Path cfg;

  @BeforeEach
  void computer() throws Exception {
    root = tmp.resolve("root");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/machine-id"), RAW + "\n");
    cfg = tmp.resolve("printer.cfg");
    Files.writeString(cfg, "[printer]\nkinematics: corexy\n");
  }

  private Collected collect(HostConfigReader reader, String application) {
    HostFacts.Builder facts = HostFacts.builder().configPath(cfg).systemRoot(root);
    if (application != null) {
      facts.application(application);
    }
    TelemetryBuilder b = Telemetry.builder().hostFacts(facts.build()).environment(Map.of());
    if (reader != null) {
      b.hostConfigReader(reader);
    }
    try (Telemetry t = b.build()) {
      return t.collect();
    }
  }

  private static String id(Collected c) {
    return c.document().tree().at("/machine/id").asString();
  }

  @Test
  void twoHostsOnOneComputerReportDifferentIds() {
    String a = id(collect(GENERIC, "printer-host-a"));
    String b = id(collect(GENERIC, "printer-host-b"));
    String kalico = id(collect(null, null));
    assertThat(a).matches("[0-9a-f]{32}").isNotEqualTo(b).isNotEqualTo(kalico);
    assertThat(b).isNotEqualTo(kalico);
    assertThat(a).isEqualTo(MachineIdHash.of("printer-host-a", RAW));
  }

  @Test
  void theKalicoAdapterKeepsTheKeyKalicosOwnReportsGet() {
    assertThat(id(collect(null, null)))
        .isEqualTo(MachineIdHash.of(RAW))
        .isEqualTo(MachineIdHash.of(MachineIdHash.KALICO_APPLICATION, RAW));
  }

  @Test
  void aHostThatNamesNoApplicationGetsNoMachineSectionAndIsToldHow() {
    Collected c = collect(GENERIC, null);
    assertThat(c.document().tree().has("machine")).isFalse();
    assertThat(c.failures())
        .anySatisfy(
            f -> assertThat(f.toString()).contains("machine", "HostFacts.builder().application("));
  }

  @Test
  void aBadApplicationNameIsRefusedNamingTheRule() {
    assertThatThrownBy(() -> HostFacts.builder().application("My Product"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'My Product'")
        .hasMessageContaining("a-z, 0-9");
  }
}
