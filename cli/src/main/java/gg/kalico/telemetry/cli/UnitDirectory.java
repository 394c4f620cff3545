package gg.kalico.telemetry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the systemd user units are: for {@code install}, {@code uninstall} and {@code status}. */
final class UnitDirectory {
  @Option(
      names = "--unit-dir",
      paramLabel = "DIR",
      description = "where the systemd user units live (default: ~/.config/systemd/user)")
  Path unitDir;

  /** The unit directory to use. */
  Path directory() {
    return unitDir != null ? unitDir : SystemdUnits.userUnitDirectory();
  }
}
