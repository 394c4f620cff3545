package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.report.DocumentChanges;
import gg.kalico.telemetry.core.report.ReportState;
import gg.kalico.telemetry.kalico.TelemetryCommands;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import tools.jackson.databind.json.JsonMapper;

/** {@code status}: the decision and where it came from, and the last report. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show whether telemetry is enabled and why, when the last report was sent, its"
            + " SHA-256, and what changed since. Sends nothing.")
final class StatusCommand extends CollectingCommand {
  @picocli.CommandLine.Mixin UnitDirectory units = new UnitDirectory();

  /** How often reports go once enabled, and how to stop them (status and enable say it). */
  static final String CADENCE =
      "Once enabled, one report goes out at most once a day, when"
          + " `kalico-telemetry send` runs: `kalico-telemetry install` sets up a daily systemd timer"
          + " that runs it. Stop reports with `kalico-telemetry disable` (the timer then sends"
          + " nothing); remove the timer with `kalico-telemetry uninstall`.";

  @Override
  void run(Telemetry telemetry, CollectOptions.ResolvedConfig config) {
    Consent consent = telemetry.consent();
    out()
        .println(
            "telemetry: "
                + consent.state().name().toLowerCase(Locale.ROOT)
                + " ("
                + consent.source()
                + ")");
    out().println("config:    " + config.path() + (config.bundled() ? " (bundled example)" : ""));
    ReportState state = telemetry.reportState();
    if (state.lastSuccess() == null) {
      out().println("last report: never sent");
    } else {
      out().println("last report: " + state.lastSuccess() + " via " + state.lastDestination());
      out().println("digest:      sha256:" + state.lastDigest());
    }
    if (state.lastError() != null) {
      out().println("last attempt: " + state.lastAttempt() + " failed: " + state.lastError());
    }
    telemetry
        .spool()
        .ifPresent(
            spool -> {
              var c = spool.counters();
              if (spool.size() > 0 || c.droppedFull() + c.refused() + c.damaged() > 0) {
                out()
                    .println(
                        "spool:       "
                            + spool.size()
                            + " waiting; dropped when full: "
                            + c.droppedFull()
                            + ", refused by the receiver: "
                            + c.refused()
                            + ", damaged: "
                            + c.damaged());
              }
            });
    telemetry.extensions().plugins().stream()
        .filter(p -> p.problem() != null)
        .forEach(
            p -> out().println("plugin " + p.id() + ": " + p.state() + " (" + p.problem() + ")"));
    try {
      out()
          .println(
              "timer:       "
                  + SystemdUnits.installedCommand(units.directory())
                      .map(c -> "runs daily: " + TerminalText.cleanLines(c))
                      .orElse("not installed (kalico-telemetry install sets it up)"));
    } catch (IOException e) {
      out().println("timer:       its unit cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (consent.allowsSending()) {
      out()
          .println(
              "next report: "
                  + (telemetry.isDue()
                      ? "due now"
                      : "after " + state.lastAttempt().plus(telemetry.interval())));
    }
    var current = telemetry.collect();
    current.failures().forEach(f -> out().println("left out now: " + f));
    telemetry
        .lastReport()
        .ifPresent(
            bytes -> {
              List<String> changes =
                  DocumentChanges.between(
                      JsonMapper.shared().readTree(bytes), current.document().tree());
              out()
                  .println(
                      changes.isEmpty()
                          ? "changes since the last report: none"
                          : "changes since the last report:");
              changes.forEach(c -> out().println("  " + c));
            });
    if (consent.state() == Consent.State.UNSET) {
      out().println();
      out()
          .println(
              TelemetryCommands.FIRST_RUN_NOTICE
                  .replace(
                      "`ENABLE_TELEMETRY`", "`ENABLE_TELEMETRY` (here: ./kalico-telemetry enable)")
                  .replace(
                      "`DISABLE_TELEMETRY`",
                      "`DISABLE_TELEMETRY` (here: ./kalico-telemetry disable)")
                  .replace(
                      "`TELEMETRY_EXAMPLE`",
                      "`TELEMETRY_EXAMPLE` (here: ./kalico-telemetry example)"));
      out().println();
      out().println(CADENCE);
    }
    out().flush();
  }
}
