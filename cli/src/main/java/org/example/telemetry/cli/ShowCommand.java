package org.example.telemetry.cli;

import org.example.telemetry.core.Telemetry;
import org.example.telemetry.core.assembly.Collection;
import picocli.CommandLine.Command;

/** {@code show}: prints the document on stdout. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Print the telemetry document (pretty JSON) that would be sent. Sends nothing.")
final class ShowCommand extends CollectingCommand {

  @Override
  void run(Telemetry telemetry, CollectOptions.ResolvedConfig config) {
    Collection collection = telemetry.collect();
    out().print(collection.document().toPrettyJson());
    out().flush();
    report(config, collection);
  }
}
