package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.kalico.TelemetryCommands;
import gg.kalico.telemetry.kalico.config.SaveConfig;
import java.nio.file.Path;

/** {@code enable} and {@code disable}: ENABLE/DISABLE_TELEMETRY and SAVE_CONFIG in one step. */
abstract class ChoiceCommand extends CollectingCommand {

  abstract boolean enable();

  /** Whether disabling ends with how to see and erase what the receiver holds. */
  boolean tellAboutForget() {
    return true;
  }

  @Override
  void run(Telemetry telemetry, CollectOptions.ResolvedConfig config) {
    TelemetryCommands commands = new TelemetryCommands(telemetry);
    if (enable()) {
      commands.enableTelemetry();
    } else {
      commands.disableTelemetry();
    }
    int waiting = telemetry.spool().map(s -> s.size()).orElse(0);
    SaveConfig.Result result = commands.saveConfig();
    if (!enable() && waiting > 0) {
      out().println("  removed " + waiting + " unsent document(s) from the spool");
    }
    String value = enable() ? "True" : "False";
    Path dir = config.path().toAbsolutePath().getParent();
    if (!result.changed()) {
      out()
          .println(
              "telemetry is already "
                  + (enable() ? "enabled" : "disabled")
                  + " in "
                  + config.path()
                  + "; nothing was written");
    } else {
      out()
          .println(
              "telemetry "
                  + (enable() ? "enabled" : "disabled")
                  + ": SAVE_CONFIG block of "
                  + config.path()
                  + " now holds [telemetry] enabled = "
                  + value);
      for (Path p : result.written()) {
        out().println("  wrote  " + dir.relativize(p.toAbsolutePath()));
      }
      for (Path p : result.backups()) {
        out().println("  backup " + p);
      }
    }
    Consent effective = telemetry.consent();
    if (enable() && effective.state() == Consent.State.DISABLED) {
      out()
          .println(
              "note: the "
                  + effective.source()
                  + " keeps telemetry disabled whatever the"
                  + " file says; unset it to send reports");
    }
    if (enable() && effective.state() != Consent.State.DISABLED) {
      out().println(StatusCommand.CADENCE);
    }
    if (config.bundled()) {
      out().println("note: this changed the bundled example config, not a printer's");
    }
    if (!enable() && tellAboutForget()) {
      out()
          .println(
              "note: nothing was sent; what the collect service already holds about this"
                  + " machine stays until it expires. To see it: kalico-telemetry data; to erase it:"
                  + " kalico-telemetry forget");
    }
    out().flush();
  }
}
