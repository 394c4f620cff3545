package gg.kalico.telemetry.builtin.system;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.builtin.TestContext;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemCollectorTest {
  @TempDir Path root;

  private void file(String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> collect() {
    return new SystemCollector()
        .collect(TestContext.of(HostFacts.builder().systemRoot(root).build()))
        .fields();
  }

  @Test
  void readsEveryFactFromTheSystemRoot() throws Exception {
    file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
    file("proc/sys/kernel/osrelease", "6.1.0-rpi7-rpi-v8\n");
    file("proc/sys/kernel/arch", "aarch64\n");
    file(
        "proc/cpuinfo",
        "processor\t: 0\nmodel name\t: Cortex-A72\n\nprocessor\t: 1\n"
            + "model name\t: Cortex-A72\n");
    Map<String, Object> s = collect();
    assertThat(s)
        .containsEntry("arch", "aarch64")
        .containsEntry("kernel", "6.1.0-rpi7-rpi-v8")
        .containsEntry("os_release", Map.of("ID", "debian", "VERSION_ID", "12"))
        .containsEntry("cpu", Map.of("model", "Cortex-A72", "cores", 2));
    assertThat((Map<String, Object>) s.get("runtime")).containsEntry("name", "java");
  }

  @Test
  void osReleaseFallsBackToUsrLib() throws Exception {
    file("usr/lib/os-release", "ID=arch\n");
    assertThat(collect()).containsEntry("os_release", Map.of("ID", "arch"));
  }

  @Test
  void aMissingOsReleaseLeavesTheFieldOut() {
    assertThat(collect()).doesNotContainKey("os_release").containsKey("runtime");
  }

  @Test
  void armBoardsWithoutModelNameUseHardwareThenModel() throws Exception {
    file(
        "proc/cpuinfo",
        "processor\t: 0\nBogoMIPS\t: 38.40\n\nHardware\t: BCM2835\n"
            + "Model\t\t: Raspberry Pi 3 Model B Rev 1.2\n");
    assertThat(collect()).containsEntry("cpu", Map.of("model", "BCM2835", "cores", 1));
    file("proc/cpuinfo", "processor\t: 0\nprocessor\t: 1\nModel\t\t: Raspberry Pi 4 Model B\n");
    assertThat(collect())
        .containsEntry("cpu", Map.of("model", "Raspberry Pi 4 Model B", "cores", 2));
  }

  @Test
  void theDeviceTreeModelIsTheLastResort() throws Exception {
    file("proc/cpuinfo", "processor\t: 0\nprocessor\t: 1\nprocessor\t: 2\nprocessor\t: 3\n");
    file("proc/device-tree/model", "Xunlong Orange Pi Zero 2\0");
    assertThat(collect())
        .containsEntry("cpu", Map.of("model", "Xunlong Orange Pi Zero 2", "cores", 4));
  }
}
