package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.assembly.SectionFailure;
import gg.kalico.telemetry.core.discovery.PluginInfo;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code plugins}: each plugin with its version, state, sections, transports and problem. */
@Command(
    name = "plugins",
    mixinStandardHelpOptions = true,
    description =
        "List the plugins in --plugins DIR: version, state, the sections and transports"
            + " they add, and why a plugin failed or was rejected. Sends nothing.")
final class PluginsCommand extends CollectingCommand {

  @Override
  void run(Telemetry telemetry, CollectOptions.ResolvedConfig config) {
    List<PluginInfo> plugins = telemetry.extensions().plugins();
    var failures = plugins.isEmpty() ? List.<SectionFailure>of() : telemetry.collect().failures();
    if (options.plugins == null) {
      out().println("no plugins directory: give one with --plugins DIR");
    } else if (plugins.isEmpty()) {
      out().println("no plugins in " + options.plugins);
    }
    for (PluginInfo p : plugins) {
      // everything here may come from a plugin: cleaned before it reaches the terminal
      out()
          .println(
              TerminalText.clean(p.id())
                  + " "
                  + TerminalText.clean(p.version())
                  + "  "
                  + p.state());
      if (!p.sections().isEmpty()) {
        out().println("  sections:   " + TerminalText.clean(String.join(", ", p.sections())));
      }
      if (!p.transports().isEmpty()) {
        out().println("  transports: " + TerminalText.clean(String.join(", ", p.transports())));
      }
      if (p.problem() != null) {
        out().println("  problem:    " + TerminalText.clean(p.problem()));
      }
      failures.stream()
          .filter(f -> f.section().equals("extensions/" + p.id()))
          .forEach(
              f ->
                  out()
                      .println(
                          "  left out:   "
                              + f.kind().name().toLowerCase(Locale.ROOT)
                              + ", "
                              + TerminalText.clean(f.detail())));
    }
    out()
        .println(
            "transports: "
                + TerminalText.clean(String.join(", ", telemetry.extensions().transportNames())));
    out().flush();
  }
}
