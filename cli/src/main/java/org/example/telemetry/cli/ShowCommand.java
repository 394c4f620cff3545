package org.example.telemetry.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.example.telemetry.core.Telemetry;
import org.example.telemetry.core.assembly.Collection;
import org.example.telemetry.core.assembly.SectionFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code show}: prints the document on stdout; notes and left-out sections go to stderr. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Print the telemetry document (pretty JSON) that would be sent. Sends nothing.")
final class ShowCommand implements Callable<Integer> {
  @Mixin
  CollectOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    CollectOptions.ResolvedConfig config = options.resolveConfig();
    try (Telemetry telemetry = options.telemetry(config.path())) {
      Collection collection = telemetry.collect();
      PrintWriter out = spec.commandLine().getOut();
      out.print(collection.document().toPrettyJson());
      out.flush();
      report(spec.commandLine().getErr(), config, collection);
    }
    return 0;
  }

  /** Tells on stderr which config was read and which sections were left out. */
  static void report(PrintWriter err, CollectOptions.ResolvedConfig config, Collection c) {
    if (config.bundled()) {
      err.println("note: no --config and no ~/printer_data/config/printer.cfg; used the bundled"
          + " example config at " + config.path());
    }
    for (SectionFailure f : c.failures()) {
      err.println("warning: " + f);
    }
    err.flush();
  }
}
