package gg.kalico.telemetry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.core.host.HostConfig;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core on its own knows no host: without an adapter (this module's tests have none on the class
 * path) nothing is decided, so nothing is sent; with a host's own reader that decides, the https
 * transport still needs the host to name an endpoint (the core knows none), and says so before
 * anything is collected or spooled.
 */
class GenericHostTest {
  @TempDir Path dir;

  @Test
  void withoutAnAdapterNothingIsDecidedAndNothingIsSent() throws Exception {
    Path cfg = Files.writeString(dir.resolve("host.conf"), "[telemetry]\nenabled: True\n");
    try (Telemetry t = Telemetry.builder().configPath(cfg).environment(Map.of()).build()) {
      assertThat(t.consent().state())
          .as("the core reads no Kalico config")
          .isEqualTo(Consent.State.UNSET);
      assertThat(t.readHostConfig().names()).isEqualTo(ConfigNames.empty());
      assertThatThrownBy(t::sendNow)
          .isInstanceOf(TelemetryException.class)
          .hasMessageContaining("nothing was sent. The user opts in through the host");
    }
  }

  @Test
  void aHostThatDecidesMustStillNameTheEndpoint() throws Exception {
    Path cfg = Files.writeString(dir.resolve("host.conf"), "anything\n");
    try (Telemetry t =
        Telemetry.builder()
            .configPath(cfg)
            .environment(Map.of())
            .hostConfigReader(
                (path, env) ->
                    new HostConfig(
                        ConfigNames.empty(),
                        new Consent(Consent.State.ENABLED, "the host's own setting")))
            .build()) {
      assertThatThrownBy(t::sendNow)
          .isInstanceOf(TelemetryException.class)
          .hasMessageContaining("the https transport needs an endpoint");
    }
    assertThat(new Spool(dir).size()).as("nothing was collected or spooled").isZero();
  }

  @Test
  void theUserAgentNamesOnlyTheFrameworkWithoutAnAdapter() {
    assertThat(
            SendRound.userAgent(
                "{\"software\": {\"version\": \"v1\"}}".getBytes(),
                new gg.kalico.telemetry.core.host.EnvironmentOnly()::userAgentSuffix))
        .isEqualTo("kalico-telemetry/" + FrameworkVersion.current());
  }
}
