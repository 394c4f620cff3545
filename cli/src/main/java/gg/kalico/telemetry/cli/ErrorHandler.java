package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.files.UnsafeFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr and an exit code: a {@link TelemetryException} is a user
 * mistake (2, message only); anything else is our bug (1, with the stack trace to report).
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  static final int BAD_INPUT = 2;
  static final int INTERNAL = 1;

  /**
   * An unknown option, a missing value, a value of the wrong type: one line naming it and where to
   * look, never the whole usage page; exit 2 like every other bad input.
   */
  static int badArguments(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    String command = cli.getCommandSpec().qualifiedName();
    cli.getErr()
        .println("error: " + TerminalText.clean(e.getMessage()) + "; see `" + command + " --help`");
    cli.getErr().flush();
    return BAD_INPUT;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    if (e instanceof TelemetryException) {
      cli.getErr().println("error: " + TerminalText.message(e.getMessage()));
      return BAD_INPUT;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnsafeFileException unsafe) {
        // a link, FIFO or huge file where one of our files should be: the user's to fix
        cli.getErr().println("error: " + TerminalText.message(unsafe.getMessage()));
        return BAD_INPUT;
      }
    }
    cli.getErr()
        .println(
            "internal error: "
                + e.getClass().getName()
                + "; please report it with the trace below");
    e.printStackTrace(cli.getErr());
    return INTERNAL;
  }
}
