package gg.kalico.telemetry.builtin.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.builtin.TestContext;
import gg.kalico.telemetry.spi.collector.HostFacts;
import gg.kalico.telemetry.spi.collector.MachineIdHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MachineCollectorTest {
  private static final String VALID = "3d1219c7c4c5404aaa1f6d2a48adfda4";

  @TempDir Path root;

  private Path configDir() throws Exception {
    return Files.createDirectories(root.resolve("home/pi/printer_data/config"));
  }

  private Map<String, Object> collect() throws Exception {
    HostFacts facts =
        HostFacts.builder().systemRoot(root).configPath(configDir().resolve("printer.cfg")).build();
    return new MachineCollector().collect(TestContext.of(facts)).fields();
  }

  private void machineId(String content) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/machine-id"), content);
  }

  @Test
  void aValidMachineIdIsHashedNeverSentRaw() throws Exception {
    machineId(VALID + "\n");
    Map<String, Object> section = collect();
    assertThat(section).containsEntry("id_source", "machine-id");
    assertThat((String) section.get("id"))
        .matches("[0-9a-f]{32}")
        .isNotEqualTo(VALID)
        .isEqualTo(MachineIdHash.of(VALID));
    assertThat(section.toString()).doesNotContain(VALID);
    assertThat(configDir().resolve(".machine-id")).doesNotExist();
  }

  @Test
  void theHashIsKeyedSoItDiffersFromAPlainSha256() throws Exception {
    var sha =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(VALID.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(MachineIdHash.of(VALID))
        .isNotEqualTo(java.util.HexFormat.of().formatHex(sha).substring(0, 32));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "\n",
        "uninitialized\n",
        "00000000000000000000000000000000\n",
        "3D1219C7C4C5404AAA1F6D2A48ADFDA4\n",
        "3d1219c7c4c5404aaa1f6d2a48adfda\n",
        "3d1219c7c4c5404aaa1f6d2a48adfda4ff\n",
        "3d1219c7-c4c5-404a-aa1f-6d2a48adfda4\n"
      })
  void anInvalidMachineIdFallsBackToAGeneratedOne(String content) throws Exception {
    machineId(content);
    Map<String, Object> section = collect();
    assertThat(section).containsEntry("id_source", "generated");
    assertThat(configDir().resolve(".machine-id")).exists();
  }

  @Test
  void aMissingMachineIdGeneratesOneThatIsPersistedAndReused() throws Exception {
    Map<String, Object> first = collect();
    Path file = configDir().resolve(".machine-id");
    String stored = Files.readString(file).strip();
    assertThat(stored)
        .matches("kalico-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    Map<String, Object> second = collect();
    assertThat(second.get("id")).isEqualTo(first.get("id")).isEqualTo(MachineIdHash.of(stored));
    assertThat(Files.readString(file).strip()).isEqualTo(stored);
    try (var files = Files.list(configDir())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".machine-id");
    }
  }

  @Test
  void anExistingGeneratedIdIsReusedAsWritten() throws Exception {
    String uuid = "0b7f6a4e-3c9d-4f2a-9e1b-5d8c7a6b4e3f";
    Files.writeString(configDir().resolve(".machine-id"), uuid + "\n");
    assertThat(collect()).containsEntry("id", MachineIdHash.of(uuid));
  }

  @Test
  void aDamagedGeneratedIdIsReplaced() throws Exception {
    Files.writeString(configDir().resolve(".machine-id"), "garbage");
    collect();
    assertThat(Files.readString(configDir().resolve(".machine-id")).strip())
        .matches("kalico-[0-9a-f-]{36}");
  }

  @Test
  void kalicosOwnGeneratedIdIsReusedSoBothCountTheMachineOnce() throws Exception {
    String kalico = "kalico-0b7f6a4e-3c9d-4f2a-9e1b-5d8c7a6b4e3f";
    Files.writeString(configDir().resolve(".machine-id"), kalico);
    assertThat(collect()).containsEntry("id", MachineIdHash.of(kalico));
  }

  @Test
  void beforeTheUserOptsInNothingIsStored() throws Exception {
    HostFacts facts =
        HostFacts.builder().systemRoot(root).configPath(configDir().resolve("printer.cfg")).build();
    var section = new MachineCollector().collect(TestContext.readOnly(facts)).fields();
    assertThat(section).containsEntry("id_source", "generated");
    assertThat(configDir().resolve(".machine-id")).doesNotExist();
  }

  @Test
  void withoutAValidIdOrAConfigFolderTheSectionFails() {
    HostFacts facts = HostFacts.builder().systemRoot(root).build();
    assertThatThrownBy(() -> new MachineCollector().collect(TestContext.of(facts)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("machine-id");
  }
}
