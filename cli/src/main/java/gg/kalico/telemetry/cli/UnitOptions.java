package gg.kalico.telemetry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code install} and {@code uninstall} share: where the units are, and systemctl. */
final class UnitOptions {
  @Option(
      names = "--unit-dir",
      paramLabel = "DIR",
      description = "where the systemd user units" + " live (default: ~/.config/systemd/user)")
  Path unitDir;

  @Option(
      names = "--no-systemctl",
      description = "only write or remove the unit files; do not" + " run systemctl")
  boolean noSystemctl;

  /** The unit directory to use. */
  Path directory() {
    return unitDir != null ? unitDir : SystemdUnits.userUnitDirectory();
  }
}
