package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.TelemetryBuilder;
import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.core.assembly.SectionFailure;
import gg.kalico.telemetry.core.transport.https.HttpsTransport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that collects: resolves the config, opens a {@link Telemetry} for it, runs, closes.
 * Notes and left-out sections go to stderr, so stdout carries only the command's own output.
 */
abstract class CollectingCommand implements Callable<Integer> {
  @Mixin CollectOptions options;

  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    CollectOptions.ResolvedConfig config = options.resolveConfig();
    try (Telemetry telemetry = configure(options.builder(config.path()), config).build()) {
      run(telemetry, config);
    }
    return exitCode();
  }

  /** The exit code after {@link #run} returned normally. */
  int exitCode() {
    return 0;
  }

  /** Lets a command add its own settings (transport, interval) to the facade. */
  TelemetryBuilder configure(TelemetryBuilder builder, CollectOptions.ResolvedConfig config) {
    return builder;
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** The command's work; throw a TelemetryException for bad input. */
  abstract void run(Telemetry telemetry, CollectOptions.ResolvedConfig config);

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /**
   * Tells on stderr which config was read, which sections were left out, and what travels with the
   * document besides it: the schema version (for the canonical document) and the owner's image.
   */
  void report(
      Telemetry telemetry, CollectOptions.ResolvedConfig config, Collected c, boolean canonical) {
    PrintWriter err = spec.commandLine().getErr();
    if (config.bundled()) {
      err.println(
          "note: no --config and no ~/printer_data/config/printer.cfg; used the bundled"
              + " example config at "
              + config.path());
    }
    for (SectionFailure f : c.failures()) {
      err.println("warning: " + f);
    }
    if (canonical) {
      err.println(
          "sent with it: header "
              + HttpsTransport.SCHEMA_HEADER
              + ": "
              + telemetry.schemaVersion()
              + " (the schema version the document follows)");
    }
    options
        .ownership(config.path())
        .ifPresent(
            o ->
                err.println(
                    "sent with it: header "
                        + HttpsTransport.OWNER_HEADER
                        + ": "
                        + o.image()
                        + " (a one-way image of this machine's owner secret, so that"
                        + " `kalico-telemetry data` and `forget` can prove the records are this machine's)"));
    err.flush();
  }
}
