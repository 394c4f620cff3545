package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.core.Telemetry;
import java.io.IOException;
import java.nio.file.Files;
import picocli.CommandLine.Command;

/** {@code example}: writes telemetry.json beside the config, as TELEMETRY_EXAMPLE does. */
@Command(
    name = "example",
    mixinStandardHelpOptions = true,
    description =
        "Write telemetry.json beside the config: exactly the data that would be sent."
            + " Sends nothing.")
final class ExampleCommand extends CollectingCommand {

  @Override
  void run(Telemetry telemetry, CollectOptions.ResolvedConfig config) {
    Telemetry.Example example = telemetry.writeExample();
    report(telemetry, config, example.collection(), true);
    long bytes;
    try {
      bytes = Files.size(example.path());
    } catch (IOException e) {
      bytes = -1;
    }
    out().println("wrote " + example.path() + " (" + bytes + " bytes)");
    out().flush();
  }
}
