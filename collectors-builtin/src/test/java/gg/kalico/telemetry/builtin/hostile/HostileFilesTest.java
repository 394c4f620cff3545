package gg.kalico.telemetry.builtin.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gg.kalico.telemetry.builtin.TestContext;
import gg.kalico.telemetry.builtin.machine.MachineCollector;
import gg.kalico.telemetry.builtin.system.SystemCollector;
import gg.kalico.telemetry.spi.collector.HostFacts;
import gg.kalico.telemetry.spi.files.SmallFiles;
import gg.kalico.telemetry.spi.files.SmallFiles.Links;
import gg.kalico.telemetry.spi.files.UnsafeFileException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule: reads are bounded and never block. A FIFO (with no writer: opening it would wait forever),
 * a device, or a huge file where a collector reads gives a clear refusal or leaves the fact out,
 * and never hangs or fills the memory. The bound on each test is a guard against a hang (minutes of
 * margin), not a speed measurement.
 */
class HostileFilesTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(20);

  @TempDir Path root;

  static void mkfifo(Path p) throws IOException, InterruptedException {
    Files.createDirectories(p.getParent());
    Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
    assumeTrue(mk.waitFor() == 0, "mkfifo is not available");
  }

  static void huge(Path p, long bytes) throws IOException {
    Files.createDirectories(p.getParent());
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(bytes); // sparse: takes no disk, but reading it whole would take the memory
    }
  }

  @Test
  void aFifoIsRefusedBeforeItIsOpened() throws Exception {
    Path fifo = root.resolve("state.json");
    mkfifo(fifo);
    assertTimeoutPreemptively(
        HANG_GUARD,
        () -> {
          assertThatThrownBy(() -> SmallFiles.read(fifo, 4096, Links.REFUSE))
              .isInstanceOf(UnsafeFileException.class)
              .hasMessageContaining("state.json is a FIFO, device or socket, not a regular file");
        });
  }

  @Test
  void aDeviceBehindALinkIsRefusedWhenLinksAreFollowed() throws Exception {
    Path link = root.resolve("os-release");
    Files.createSymbolicLink(link, Path.of("/dev/zero"));
    assertTimeoutPreemptively(
        HANG_GUARD,
        () -> {
          assertThatThrownBy(() -> SmallFiles.read(link, 4096, Links.FOLLOW))
              .isInstanceOf(UnsafeFileException.class)
              .hasMessageContaining("not a regular file");
          assertThatThrownBy(() -> SmallFiles.read(link, 4096, Links.REFUSE))
              .isInstanceOf(UnsafeFileException.class)
              .hasMessageContaining("is a symbolic link");
        });
  }

  @Test
  void aHugeFileIsRefusedWithoutReadingIt() throws Exception {
    Path big = root.resolve("big");
    huge(big, 8L * 1024 * 1024 * 1024);
    assertThatThrownBy(() -> SmallFiles.read(big, 1024 * 1024, Links.REFUSE))
        .isInstanceOf(UnsafeFileException.class)
        .hasMessageContaining("is 8589934592 bytes, more than the 1048576");
  }

  @Test
  void aFileUnderProcIsReadUpToItsBoundThoughItSaysZeroBytes() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc here");
    assertThat(Files.size(Path.of("/proc/self/status"))).isZero();
    assertThat(SmallFiles.readText(Path.of("/proc/self/status"), 1 << 20, Links.FOLLOW))
        .contains("Name:");
    assertThatThrownBy(() -> SmallFiles.read(Path.of("/proc/self/status"), 16, Links.FOLLOW))
        .isInstanceOf(UnsafeFileException.class)
        .hasMessageContaining("more than 16 bytes");
  }

  @Test
  void theSystemSectionLeavesOutWhatIsAFifoADeviceOrHuge() throws Exception {
    mkfifo(root.resolve("etc/os-release"));
    mkfifo(root.resolve("usr/lib/os-release"));
    Files.createDirectories(root.resolve("proc/sys/kernel"));
    Files.createSymbolicLink(root.resolve("proc/cpuinfo"), Path.of("/dev/zero"));
    huge(root.resolve("proc/sys/kernel/osrelease"), 4L * 1024 * 1024 * 1024);
    mkfifo(root.resolve("proc/sys/kernel/version"));
    Files.writeString(root.resolve("proc/sys/kernel/arch"), "aarch64\n");

    Map<String, Object> section =
        assertTimeoutPreemptively(
            HANG_GUARD,
            () ->
                new SystemCollector()
                    .collect(TestContext.of(HostFacts.builder().systemRoot(root).build()))
                    .fields());

    assertThat(section)
        .containsEntry("arch", "aarch64")
        .doesNotContainKeys("os_release", "kernel", "kernel_build");
    assertThat(section.get("cpu")).asString().contains("cores");
  }

  @Test
  void aFifoWhereTheMachineIdsAreGivesAFreshIdWithoutHanging() throws Exception {
    mkfifo(root.resolve("etc/machine-id"));
    Path config = Files.createDirectories(root.resolve("config"));
    mkfifo(config.resolve(".machine-id"));
    HostFacts facts =
        HostFacts.builder().systemRoot(root).configPath(config.resolve("printer.cfg")).build();

    Map<String, Object> section =
        assertTimeoutPreemptively(
            HANG_GUARD, () -> new MachineCollector().collect(TestContext.readOnly(facts)).fields());

    assertThat(section).containsEntry("id_source", "generated");
    assertThat((String) section.get("id")).matches("[0-9a-f]{32}");
  }
}
