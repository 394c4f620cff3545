package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.spi.TelemetryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The systemd user units that send the report daily without a person: a oneshot service that
 * runs {@code send} (which keeps consent, the interval and the spool) and a timer (daily, up to
 * an hour of random delay, catching up after the machine was off).
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
    Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".config");
    return config.resolve("systemd").resolve("user");
  }

  /** The launcher the service should run: the one that started this process. */
  static Path launcher() {
    String launcher = System.getProperty(LAUNCHER_PROPERTY);
    if (launcher == null || launcher.isBlank()) {
      throw new TelemetryException("install must be run through the kalico-telemetry launcher"
          + " (bin/kalico-telemetry of the release, or ./kalico-telemetry of a checkout), so the"
          + " timer knows what to run");
    }
    return Path.of(launcher).toAbsolutePath().normalize();
  }

  /** The units' text with the launcher and the config path filled in. */
  static Map<String, String> render(Path launcher, Path config) {
    Map<String, String> units = new java.util.LinkedHashMap<>();
    for (String name : NAMES) {
      units.put(name, template(name).replace("@LAUNCHER@", quote(launcher))
          .replace("@CONFIG@", quote(config.toAbsolutePath().normalize())));
    }
    return units;
  }

  /** Writes the units (each atomically); returns the files written. */
  static List<Path> write(Path dir, Map<String, String> units) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, String> unit : units.entrySet()) {
      Path target = dir.resolve(unit.getKey());
      if (Files.exists(target) && !ours(target)) {
        throw new TelemetryException(target + " exists and was not written by kalico-telemetry;"
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
    if (!Files.isRegularFile(unit, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (var lines = Files.lines(unit, StandardCharsets.UTF_8)) {
      return lines.findFirst().map(l -> l.startsWith(MARKER)).orElse(false);
    }
  }

  /** systemd's quoting for one ExecStart word. */
  private static String quote(Path p) {
    String s = p.toString();
    if (s.matches("[A-Za-z0-9_./+-]+")) {
      return s;
    }
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
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
