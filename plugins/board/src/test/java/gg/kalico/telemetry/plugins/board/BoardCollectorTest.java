package gg.kalico.telemetry.plugins.board;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BoardCollectorTest {
  @Test
  void modelAndMemoryBucket() {
    JsonNode section =
        PluginTestKit.of(new BoardCollector())
            .systemFile("proc/device-tree/model", "Raspberry Pi 4 Model B Rev 1.4\0")
            .systemFile("proc/meminfo", "MemTotal:        3884376 kB\nMemFree: 1 kB\n")
            .collect();
    assertThat(section.get("model").asString()).isEqualTo("Raspberry Pi 4 Model B Rev 1.4");
    assertThat(section.get("memory").asString()).isEqualTo("4GB");
  }

  @Test
  void oddCharactersAreDroppedAndMissingFilesLeaveFieldsOut() {
    JsonNode section =
        PluginTestKit.of(new BoardCollector())
            .systemFile("proc/device-tree/model", "BTT-CB1 \"special\" <board>\0")
            .collect();
    assertThat(section.get("model").asString()).isEqualTo("BTT-CB1 special board");
    assertThat(section.has("memory")).isFalse();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "1, 512MB", "524288, 512MB", "524289, 1GB", "1048576, 1GB", "1048577, 2GB",
    "3884376, 4GB", "4194304, 4GB", "4194305, 8GB", "16777216, 16GB", "16777217, more"
  })
  void bucketsRoundUp(
      long kib, String bucket, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path meminfo =
        java.nio.file.Files.writeString(
            dir.resolve("meminfo"), "MemTotal:        " + kib + " kB\nMemFree: 1 kB\n");
    assertThat(BoardCollector.memory(meminfo)).isEqualTo(bucket);
  }

  @Test
  void noMeminfoMeansNoMemoryField() {
    assertThat(BoardCollector.memory(java.nio.file.Path.of("/nonexistent"))).isNull();
  }
}
