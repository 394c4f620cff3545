package gg.kalico.telemetry.core;

import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.core.report.ReportState;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.files.SmallFiles;
import gg.kalico.telemetry.spi.files.UnsafeFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files and folders this project keeps beside the config. None of them is ever reached through
 * a symbolic link: before anything is written or deleted there, a link by one of these names (or
 * one the host adapter keeps) stops the operation with a message that names it (the config files
 * themselves may be links; those the user chose).
 */
final class OwnFiles {
  /** The example file's name (the facade publishes it as {@code Telemetry.EXAMPLE_FILE}). */
  static final String EXAMPLE_FILE = "telemetry.json";

  private static final List<String> NAMES =
      List.of(
          ReportState.FILE,
          ReportState.LAST_REPORT,
          EXAMPLE_FILE,
          Spool.DIR,
          Spool.DIR + "/" + Spool.DAMAGED);

  private OwnFiles() {}

  /**
   * @throws TelemetryException naming the first link found where one of our files should be
   */
  static void refuseLinks(Path configDir, List<String> hostFiles) {
    List<String> names = new ArrayList<>(NAMES);
    names.addAll(hostFiles);
    for (String name : names) {
      try {
        SmallFiles.refuseLink(configDir.resolve(name));
      } catch (UnsafeFileException e) {
        throw new TelemetryException(e.getMessage() + "; nothing was written", e);
      }
    }
  }
}
