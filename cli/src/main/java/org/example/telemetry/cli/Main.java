package org.example.telemetry.cli;

import picocli.CommandLine;

/** Entry point of the {@code kalico-telemetry} command. */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code: 0 ok, 2 bad input, 1 internal error. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, for tests and embedding. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new RootCommand());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    return cli.execute(args);
  }
}
