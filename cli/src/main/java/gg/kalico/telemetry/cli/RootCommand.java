package gg.kalico.telemetry.cli;

import picocli.CommandLine.Command;

/** {@code kalico-telemetry}: shows and writes the telemetry document a printer host would send. */
@Command(
    name = "kalico-telemetry",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Collects the opt-in telemetry document of a Kalico printer host and shows"
            + " exactly what would be sent.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:internal error", "2:bad input (the message says what to fix)"})
final class RootCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(),
        "name a command: show, example, status, enable, disable, send, plugins or schema (see --help)");
  }
}
