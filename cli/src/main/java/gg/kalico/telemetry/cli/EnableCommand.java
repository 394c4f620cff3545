package gg.kalico.telemetry.cli;

import picocli.CommandLine.Command;

/** {@code enable}: opt in, saved in printer.cfg as Kalico saves it. */
@Command(
    name = "enable",
    mixinStandardHelpOptions = true,
    description =
        "Opt in: save [telemetry] enabled = True in the SAVE_CONFIG block of"
            + " printer.cfg, as ENABLE_TELEMETRY + SAVE_CONFIG do (atomic, with a backup in"
            + " config_backups/).")
final class EnableCommand extends ChoiceCommand {
  @Override
  boolean enable() {
    return true;
  }
}
