package gg.kalico.telemetry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code install} and {@code uninstall} share: where the units are, and systemctl. */
final class UnitOptions {
  @Mixin UnitDirectory units = new UnitDirectory();

  @Option(
      names = "--no-systemctl",
      description = "only write or remove the unit files; do not run systemctl")
  boolean noSystemctl;

  /** The unit directory to use. */
  Path directory() {
    return units.directory();
  }
}
