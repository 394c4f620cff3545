package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.core.SendReport;
import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.TelemetryBuilder;
import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.core.report.ReportState;
import gg.kalico.telemetry.core.transport.https.HttpsTransport;
import gg.kalico.telemetry.spi.transport.Receipt;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code send}: one report through a transport, if the user opted in and one is due. */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description =
        "Send one report, only if telemetry is enabled and none was tried within the"
            + " interval (or with --force).")
final class SendCommand extends CollectingCommand {
  @Option(names = "--force", description = "send now, even if a report was sent recently")
  boolean force;

  @Mixin DeliveryOptions delivery = new DeliveryOptions();

  @Override
  TelemetryBuilder configure(TelemetryBuilder builder, CollectOptions.ResolvedConfig config) {
    Map<String, String> opts = delivery.transportOptions();
    // the owner's image goes with each report, so that data and forget can prove ownership
    options.ownership(config.path()).ifPresent(o -> opts.put(HttpsTransport.OWNER, o.image()));
    return delivery.configure(builder, opts);
  }

  @Option(
      names = "--strict",
      description =
          "exit "
              + NOT_ENABLED
              + " when nothing was sent"
              + " because telemetry is not enabled (default: exit 0, so that a daily timer on a machine"
              + " that did not opt in never fails)")
  boolean strict;

  /** The exit code, with --strict, when telemetry is not enabled. */
  static final int NOT_ENABLED = 3;

  private boolean notEnabled;

  @Override
  void run(Telemetry telemetry, CollectOptions.ResolvedConfig config) {
    Consent consent = telemetry.consent();
    if (!consent.allowsSending()) {
      // nothing to send is not a failure: the user has not opted in, or opted out
      out()
          .println(
              "nothing was sent: telemetry is "
                  + consent.state().name().toLowerCase(Locale.ROOT)
                  + " ("
                  + TerminalText.clean(consent.source())
                  + ");"
                  + " to opt in: kalico-telemetry enable");
      out().flush();
      notEnabled = true;
      return;
    }
    SendReport report = force ? telemetry.sendNow() : telemetry.sendIfDue();
    if (!report.newReport()) {
      ReportState state = telemetry.reportState();
      out()
          .println(
              "not due: the last report was tried at "
                  + state.lastAttempt()
                  + "; the next is due after "
                  + state.lastAttempt().plus(telemetry.interval())
                  + " (use --force to send now)");
    }
    for (Receipt r : report.delivered()) {
      // a receipt may come from a plugin transport: cleaned before it reaches the terminal
      out()
          .println(
              "sent "
                  + r.bytes()
                  + " bytes via "
                  + TerminalText.clean(r.transport())
                  + " to "
                  + TerminalText.clean(r.destination())
                  + " (Idempotency-Key "
                  + TerminalText.clean(r.documentId())
                  + ")");
    }
    for (String why : report.refused()) {
      out().println("refused for good, dropped: " + TerminalText.clean(why));
    }
    if (report.deferred() != null) {
      out().println("not delivered yet: " + TerminalText.clean(report.deferred()));
      out()
          .println(
              "spooled: "
                  + report.waiting()
                  + " document(s) wait in "
                  + Spool.DIR
                  + "/ beside the config and go out at the next round (send)");
    }
    out().flush();
    refused = !report.refused().isEmpty();
  }

  private boolean refused;

  @Override
  int exitCode() {
    if (notEnabled) {
      return strict ? NOT_ENABLED : 0;
    }
    return refused ? ErrorHandler.INTERNAL : 0;
  }
}
