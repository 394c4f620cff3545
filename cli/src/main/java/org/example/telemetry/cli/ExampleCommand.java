package org.example.telemetry.cli;

import java.util.concurrent.Callable;
import org.example.telemetry.core.Telemetry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code example}: writes telemetry.json beside the config, as TELEMETRY_EXAMPLE does. */
@Command(name = "example", mixinStandardHelpOptions = true,
    description = "Write telemetry.json beside the config: exactly the data that would be sent."
        + " Sends nothing.")
final class ExampleCommand implements Callable<Integer> {
  @Mixin
  CollectOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    CollectOptions.ResolvedConfig config = options.resolveConfig();
    try (Telemetry telemetry = options.telemetry(config.path())) {
      Telemetry.Example example = telemetry.writeExample();
      ShowCommand.report(spec.commandLine().getErr(), config, example.collection());
      spec.commandLine().getOut().println("wrote " + example.path() + " ("
          + example.collection().document().toBytes().length + " bytes)");
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
