package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.spi.TelemetryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The systemd user units that send the report daily without a person: a oneshot service that runs
 * {@code send} (which keeps consent, the interval and the spool) and a timer (daily, up to an hour
 * of random delay, catching up after the machine was off).
 */
final class SystemdUnits {
  static final String SERVICE = "kalico-telemetry.service";
  static final String TIMER = "kalico-telemetry.timer";
  static final List<String> NAMES = List.of(SERVICE, TIMER);

  /** The first line of every unit this tool writes: only such files are ever removed. */
  static final String MARKER = "# written by kalico-telemetry install";

  /** The launchers set this to their own absolute path: what the service runs. */
  static final String LAUNCHER_PROPERTY = "kalico.telemetry.launcher";

  private SystemdUnits() {}

  /** {@code $XDG_CONFIG_HOME/systemd/user}, else {@code ~/.config/systemd/user}. */
  static Path userUnitDirectory() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path config =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return config.resolve("systemd").resolve("user");
  }

  /** The launcher the service should run: the one that started this process. */
  static Path launcher() {
    String launcher = System.getProperty(LAUNCHER_PROPERTY);
    if (launcher == null || launcher.isBlank()) {
      throw new TelemetryException(
          "install must be run through the kalico-telemetry launcher"
              + " (bin/kalico-telemetry of the release, or ./kalico-telemetry of a checkout), so the"
              + " timer knows what to run");
    }
    return Path.of(launcher).toAbsolutePath().normalize();
  }

  /**
   * The units' text: the service runs {@code launcher send --config config} followed by {@code
   * arguments}, each word quoted for systemd.
   *
   * @throws TelemetryException when an argument holds a control character, which a unit file cannot
   *     carry
   */
  static Map<String, String> render(Path launcher, Path config, List<String> arguments) {
    StringBuilder rest = new StringBuilder();
    for (String a : arguments) {
      rest.append(' ').append(quote(a));
    }
    Map<String, String> units = new LinkedHashMap<>();
    for (String name : NAMES) {
      units.put(
          name,
          template(name)
              .replace("@LAUNCHER@", quote(launcher.toString()))
              .replace("@CONFIG@", quote(config.toAbsolutePath().normalize().toString()))
              .replace("@ARGUMENTS@", rest));
    }
    return units;
  }

  /** The command the installed service runs (its ExecStart), if this tool installed it. */
  static Optional<String> installedCommand(Path dir) throws IOException {
    Path service = dir.resolve(SERVICE);
    if (!ours(service)) {
      return Optional.empty();
    }
    try (var lines = Files.lines(service, StandardCharsets.UTF_8)) {
      return lines
          .filter(l -> l.startsWith("ExecStart="))
          .findFirst()
          .map(l -> l.substring("ExecStart=".length()));
    }
  }

  /** Writes the units (each atomically); returns the files written. */
  static List<Path> write(Path dir, Map<String, String> units) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, String> unit : units.entrySet()) {
      Path target = dir.resolve(unit.getKey());
      if (Files.exists(target) && !ours(target)) {
        throw new TelemetryException(
            target
                + " exists and was not written by kalico-telemetry;"
                + " move it away or remove it, then run install again");
      }
      Path tmp = Files.createTempFile(dir, ".kalico-telemetry-", ".tmp");
      Files.writeString(tmp, unit.getValue(), StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      written.add(target);
    }
    return written;
  }

  /** Whether a unit file was written by this tool (its first line is the marker). */
  static boolean ours(Path unit) throws IOException {
    if (!Files.isRegularFile(unit, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (var lines = Files.lines(unit, StandardCharsets.UTF_8)) {
      return lines.findFirst().map(l -> l.startsWith(MARKER)).orElse(false);
    }
  }

  /**
   * One ExecStart word as systemd reads it back: {@code %} and {@code $} doubled (specifiers and
   * variables), backslash and double quote escaped inside double quotes, which any word outside a
   * plain set of characters gets.
   *
   * @throws TelemetryException for a control character, which a unit line cannot hold
   */
  static String quote(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new TelemetryException(
            "'"
                + TerminalText.clean(s)
                + "' holds a control character"
                + " (a line break or tab), which a systemd unit cannot carry; give the value without"
                + " it");
      }
    }
    String escaped = s.replace("%", "%%").replace("$", "$$");
    if (!s.isEmpty() && s.matches("[A-Za-z0-9_./+:=,@-]+")) {
      return escaped;
    }
    return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String template(String name) {
    try (InputStream in = SystemdUnits.class.getResourceAsStream("/systemd/" + name)) {
      if (in == null) {
        throw new IllegalStateException("/systemd/" + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
