package gg.kalico.telemetry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user on a printer host gets it: unpacked with tar, run with only a Java
 * runtime (no Maven anywhere on the PATH), installed with install.sh into a temporary HOME, its
 * systemd units checked by systemd-analyze, and removed again with uninstall.
 */
class ReleaseArchiveIT {
  private static final Path ARCHIVE = Path.of(System.getProperty("telemetry.archive"));

  /** What the launcher and install.sh may use; Maven is not among them. */
  private static final List<String> TOOLS =
      List.of(
          "bash",
          "env",
          "readlink",
          "dirname",
          "sed",
          "stat",
          "mkdir",
          "rm",
          "cat",
          "cp",
          "grep",
          "printf",
          "head",
          "ls");

  @TempDir Path tmp;

  private Path release;
  private Path home;
  private Path path;

  @BeforeEach
  void unpack() throws Exception {
    assertThat(ARCHIVE).as("built by `mvn package`").exists();
    Path unpacked = Files.createDirectories(tmp.resolve("download"));
    run(List.of("tar", "-xzf", ARCHIVE.toString(), "-C", unpacked.toString()), null, Map.of());
    try (Stream<Path> top = Files.list(unpacked)) {
      release = top.findFirst().orElseThrow();
    }
    home = Files.createDirectories(tmp.resolve("home"));
    path = Files.createDirectories(tmp.resolve("path"));
    Files.createSymbolicLink(
        path.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    for (String tool : TOOLS) {
      Path real = which(tool);
      Files.createSymbolicLink(path.resolve(tool), real);
    }
  }

  private static Path which(String tool) {
    for (String dir : System.getenv("PATH").split(":")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(tool + " is not on the PATH");
  }

  private record Run(int exit, String out) {}

  /** Runs with HOME in the test folder and only the tools above on the PATH. */
  private Run run(List<String> cmd, Path dir, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    if (home != null) {
      pb.environment().clear();
      pb.environment().put("HOME", home.toString());
      pb.environment().put("PATH", path.toString());
    }
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  /** The packages whose libraries ship class files older than Java 6, rewritten by the build. */
  private static final List<String> RETARGETED =
      List.of(
          "picocli/",
          "com/google/inject/internal/asm/",
          "org/aopalliance/",
          "javax/annotation/",
          "com/google/j2objc/");

  /**
   * Every class file of the CLI's jar is one Java's class-data archive can hold (Java 6 or newer):
   * the build rewrites the older ones, picocli's above all (cli/src/build/RetargetOldClasses.java),
   * and each rewritten class must still pass the verifier, so each is loaded and initialized here.
   */
  @Test
  void everyClassOfTheJarCanBeArchivedAndTheRewrittenOnesVerify() throws Exception {
    Path jar = release.resolve("lib/kalico-telemetry.jar");
    List<String> retargeted = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry e : Collections.list(file.entries())) {
        if (!e.getName().endsWith(".class") || e.getName().contains("module-info")) {
          continue;
        }
        byte[] head;
        try (var in = file.getInputStream(e)) {
          head = in.readNBytes(8);
        }
        int major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
        assertThat(major).as(e.getName()).isGreaterThanOrEqualTo(50);
        if (RETARGETED.stream().anyMatch(e.getName()::startsWith)) {
          retargeted.add(e.getName().replace('/', '.').substring(0, e.getName().length() - 6));
        }
      }
    }
    assertThat(retargeted).as("picocli and the others are in the jar").hasSizeGreaterThan(300);
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      for (String name : retargeted) {
        // initializing links the class, and linking verifies its bytecode with the new frames
        assertThat(Class.forName(name, true, loader).getName()).isEqualTo(name);
      }
    }
  }

  @Test
  void theArchiveHoldsWhatAPrinterHostNeeds() throws IOException {
    for (String f :
        List.of(
            "bin/kalico-telemetry",
            "install.sh",
            "lib/kalico-telemetry.jar",
            "README.md",
            "docs/printer-owner.md",
            "LICENSE",
            "THIRD-PARTY.md",
            "systemd/kalico-telemetry.service",
            "systemd/kalico-telemetry.timer")) {
      assertThat(release.resolve(f)).as(f).isRegularFile();
    }
    assertThat(Files.getPosixFilePermissions(release.resolve("bin/kalico-telemetry")))
        .contains(PosixFilePermission.OWNER_EXECUTE);
    assertThat(Files.getPosixFilePermissions(release.resolve("install.sh")))
        .contains(PosixFilePermission.OWNER_EXECUTE);
    assertThat(Files.readString(release.resolve("LICENSE"))).contains("GNU GENERAL PUBLIC LICENSE");
  }

  @Test
  void theLauncherRunsShowWithOnlyJavaOnThePath() throws Exception {
    assertThat(run(List.of("bash", "-c", "command -v mvn"), null, Map.of()).exit())
        .as("mvn is hidden")
        .isNotZero();
    Run first =
        run(List.of(release.resolve("bin/kalico-telemetry").toString(), "show"), null, Map.of());
    assertThat(first.exit()).as(first.out()).isZero();
    assertThat(first.out()).contains("\"schema_version\": 1", "\"config\"", "\"objects\"");
    try (Stream<Path> cache = Files.list(home.resolve(".cache/kalico-telemetry"))) {
      assertThat(cache.map(p -> p.getFileName().toString()))
          .as("the class-data archive made on the first run")
          .anyMatch(n -> n.endsWith(".jsa") || n.endsWith(".aot"));
    }
    Run version =
        run(
            List.of(release.resolve("bin/kalico-telemetry").toString(), "--version"),
            null,
            Map.of());
    assertThat(version.out().strip())
        .isEqualTo(
            "kalico-telemetry "
                + ARCHIVE
                    .getFileName()
                    .toString()
                    .replace("kalico-telemetry-", "")
                    .replace(".tar.gz", ""));
  }

  @Test
  void installShInstallsTheTimerForTheUsersConfigAndUninstallRemovesIt() throws Exception {
    Path config = Files.createDirectories(home.resolve("printer_data/config"));
    Files.writeString(config.resolve("printer.cfg"), "[printer]\nkinematics: none\n");
    Files.writeString(config.resolve("moonraker.conf"), "[server]\nhost: 0.0.0.0\n");

    Run install =
        run(
            List.of(release.resolve("install.sh").toString(), "--no-systemctl", "--moonraker"),
            release,
            Map.of());
    assertThat(install.exit()).as(install.out()).isZero();
    Path installed = home.resolve("kalico-telemetry/bin/kalico-telemetry");
    assertThat(installed).isExecutable();
    Path units = home.resolve(".config/systemd/user");
    String service = Files.readString(units.resolve("kalico-telemetry.service"));
    String timer = Files.readString(units.resolve("kalico-telemetry.timer"));
    assertThat(service)
        .contains("ExecStart=" + installed + " send --config " + config.resolve("printer.cfg"));
    assertThat(timer).contains("OnCalendar=daily", "RandomizedDelaySec=1h", "Persistent=true");
    assertThat(install.out())
        .contains(
            "wrote " + units.resolve("kalico-telemetry.timer"),
            "systemctl --user enable --now kalico-telemetry.timer",
            "once a day",
            "Telemetry stays off until you opt in");
    assertThat(Files.readString(config.resolve("moonraker.conf")))
        .startsWith("[server]\nhost: 0.0.0.0\n")
        .contains("[update_manager kalico-telemetry]");
    assertThat(config.resolve("moonraker.conf.kalico-telemetry.bak")).exists();
    assertThat(Files.readString(config.resolve("printer.cfg")))
        .as("installing decides nothing for the user")
        .doesNotContain("telemetry");

    verifyWithSystemd(units);

    Path foreign = units.resolve("other.service");
    Files.writeString(foreign, "[Service]\nExecStart=/bin/true\n");
    Run uninstall =
        run(List.of(installed.toString(), "uninstall", "--no-systemctl"), null, Map.of());
    assertThat(uninstall.exit()).as(uninstall.out()).isZero();
    assertThat(units.resolve("kalico-telemetry.service")).doesNotExist();
    assertThat(units.resolve("kalico-telemetry.timer")).doesNotExist();
    assertThat(foreign).exists();
  }

  @Test
  void installRefusesToReplaceAUnitItDidNotWrite() throws Exception {
    Path config = Files.createDirectories(home.resolve("printer_data/config"));
    Files.writeString(config.resolve("printer.cfg"), "[printer]\nkinematics: none\n");
    Path units = Files.createDirectories(home.resolve(".config/systemd/user"));
    Files.writeString(
        units.resolve("kalico-telemetry.timer"), "# mine\n[Timer]\nOnCalendar=weekly\n");
    Run install =
        run(
            List.of(
                release.resolve("bin/kalico-telemetry").toString(),
                "install",
                "--no-systemctl",
                "--config",
                config.resolve("printer.cfg").toString()),
            null,
            Map.of());
    assertThat(install.exit()).isEqualTo(2);
    assertThat(install.out()).contains("was not written by kalico-telemetry");
    assertThat(Files.readString(units.resolve("kalico-telemetry.timer"))).startsWith("# mine");
  }

  @Test
  void installShWithoutJavaNamesThePackageToInstall() throws Exception {
    Files.delete(path.resolve("java"));
    Run install = run(List.of(release.resolve("install.sh").toString()), release, Map.of());
    assertThat(install.exit()).isEqualTo(1);
    assertThat(install.out()).contains("sudo apt install openjdk-17-jre-headless");
    assertThat(home.resolve("kalico-telemetry")).doesNotExist();
  }

  /** systemd's own checker accepts the units (CI installs systemd; elsewhere skipped visibly). */
  private void verifyWithSystemd(Path units) throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    if (!Files.isExecutable(analyze)) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(
            "CI must provide systemd-analyze (apt-get install systemd)");
      }
      System.err.println("systemd-analyze verify skipped: /usr/bin/systemd-analyze is missing");
      Assumptions.abort("systemd-analyze is not installed");
    }
    List<String> cmd = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no"));
    cmd.add(units.resolve("kalico-telemetry.service").toString());
    cmd.add(units.resolve("kalico-telemetry.timer").toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
