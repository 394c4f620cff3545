package gg.kalico.telemetry.cli;

import picocli.CommandLine.Command;

/** {@code disable}: opt out, saved in printer.cfg as Kalico saves it. */
@Command(
    name = "disable",
    mixinStandardHelpOptions = true,
    description =
        "Opt out: save [telemetry] enabled = False in the SAVE_CONFIG block of"
            + " printer.cfg, as DISABLE_TELEMETRY + SAVE_CONFIG do (atomic, with a backup in"
            + " config_backups/).")
final class DisableCommand extends ChoiceCommand {
  @Override
  boolean enable() {
    return false;
  }
}
