package gg.kalico.telemetry.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code kalico-telemetry} command. */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code: 0 ok, 2 bad input, 1 internal error. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The subcommands, in the order help lists them. */
  static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("show", ShowCommand.class);
    COMMANDS.put("example", ExampleCommand.class);
    COMMANDS.put("status", StatusCommand.class);
    COMMANDS.put("enable", EnableCommand.class);
    COMMANDS.put("disable", DisableCommand.class);
    COMMANDS.put("send", SendCommand.class);
    COMMANDS.put("data", DataCommand.class);
    COMMANDS.put("forget", ForgetCommand.class);
    COMMANDS.put("plugins", PluginsCommand.class);
    COMMANDS.put("schema", SchemaCommand.class);
    COMMANDS.put("install", InstallCommand.class);
    COMMANDS.put("uninstall", UninstallCommand.class);
  }

  /** The first argument that is not an option, or null when the user asked for help. */
  private static String firstCommand(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) {
        return null;
      }
      if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  /** Runs the command line on the process's streams and returns its exit code. */
  public static int run(String... args) {
    return run(
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        args);
  }

  /** Runs the command line on the given streams and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new RootCommand());
    String named = firstCommand(args);
    boolean all = named == null || !COMMANDS.containsKey(named);
    // picocli inspects every registered command class up front; on a small board that is
    // noticeable, so only the command that was named is registered (all of them for help)
    COMMANDS.forEach(
        (name, type) -> {
          if (all || name.equals(named)) {
            cli.addSubcommand(name, type);
          }
        });
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(ErrorHandler::badArguments);
    return cli.execute(args);
  }
}
