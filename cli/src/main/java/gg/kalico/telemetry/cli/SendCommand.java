package gg.kalico.telemetry.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import gg.kalico.telemetry.core.SendReport;
import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.WireProfile;
import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.core.report.ReportState;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.transport.Receipt;
import picocli.CommandLine.Command;
import gg.kalico.telemetry.core.transport.https.HttpsTransport;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code send}: one report through a transport, if the user opted in and one is due. */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = "Send one report, only if telemetry is enabled and none was tried within the"
        + " interval (or with --force).")
final class SendCommand extends CollectingCommand {
  @Option(names = "--force", description = "send now, even if a report was sent recently")
  boolean force;

  @Option(names = "--transport", paramLabel = "NAME", defaultValue = Telemetry.DEFAULT_TRANSPORT,
      description = "the transport to send through (default: ${DEFAULT-VALUE})")
  String transport;

  @Mixin
  ReceiverOptions receiver = new ReceiverOptions();

  @Option(names = "--profile", paramLabel = "NAME", defaultValue = "canonical",
      description = "the shape on the wire: canonical (the schema's) or kalico (Kalico's own"
          + " client's) (default: ${DEFAULT-VALUE})")
  String profile;

  @Option(names = "--transport-option", paramLabel = "KEY=VALUE",
      description = "a transport setting, for example path=/tmp/report.json for the file"
          + " transport; repeatable")
  Map<String, String> transportOptions = new LinkedHashMap<>();

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "24h",
      description = "at most one report per this interval: 30m, 12h, 1d or ISO-8601 like PT6H"
          + " (default: ${DEFAULT-VALUE})")
  String interval;

  @Override
  Telemetry.Builder configure(Telemetry.Builder builder, CollectOptions.ResolvedConfig config) {
    Map<String, String> opts = new LinkedHashMap<>(transportOptions);
    // bad input is refused before anything else, consent included; without --endpoint the
    // Kalico adapter gives $KALICO_TELEMETRY_ENDPOINT or Kalico's
    opts.putAll(receiver.given(transport.equals("https")));
    // the owner's image goes with each report, so that data and forget can prove ownership
    options.ownership(config.path())
        .ifPresent(o -> opts.put(HttpsTransport.OWNER, o.image()));
    return builder.transport(transport, opts).interval(parse(interval))
        .profile(gg.kalico.telemetry.kalico.KalicoProfile.named(profile));
  }

  @Option(names = "--strict", description = "exit " + NOT_ENABLED + " when nothing was sent"
      + " because telemetry is not enabled (default: exit 0, so that a daily timer on a machine"
      + " that did not opt in never fails)")
  boolean strict;

  /** The exit code, with --strict, when telemetry is not enabled. */
  static final int NOT_ENABLED = 3;

  private boolean notEnabled;

  @Override
  void run(Telemetry telemetry, CollectOptions.ResolvedConfig config) {
    gg.kalico.telemetry.core.consent.Consent consent = telemetry.consent();
    if (!consent.allowsSending()) {
      // nothing to send is not a failure: the user has not opted in, or opted out
      out().println("nothing was sent: telemetry is " + consent.state().name()
          .toLowerCase(Locale.ROOT) + " (" + TerminalText.clean(consent.source()) + ");"
          + " to opt in: kalico-telemetry enable");
      out().flush();
      notEnabled = true;
      return;
    }
    SendReport report = force ? telemetry.sendNow() : telemetry.sendIfDue();
    if (!report.newReport()) {
      ReportState state = telemetry.reportState();
      out().println("not due: the last report was tried at " + state.lastAttempt()
          + "; the next is due after " + state.lastAttempt().plus(telemetry.interval())
          + " (use --force to send now)");
    }
    for (Receipt r : report.delivered()) {
      // a receipt may come from a plugin transport: cleaned before it reaches the terminal
      out().println("sent " + r.bytes() + " bytes via " + TerminalText.clean(r.transport())
          + " to " + TerminalText.clean(r.destination()) + " (Idempotency-Key "
          + TerminalText.clean(r.documentId()) + ")");
    }
    for (String why : report.refused()) {
      out().println("refused for good, dropped: " + TerminalText.clean(why));
    }
    if (report.deferred() != null) {
      out().println("not delivered yet: " + TerminalText.clean(report.deferred()));
      out().println("spooled: " + report.waiting() + " document(s) wait in "
          + Spool.DIR + "/ beside the config and go out at the next round (send)");
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

  static Duration parse(String text) {
    Duration d = parseDuration(text);
    if (d.isNegative() || d.isZero()) {
      throw new TelemetryException("--interval '" + text + "' must be longer than zero; write it"
          + " like 30m, 12h, 1d or PT6H");
    }
    return d;
  }

  private static Duration parseDuration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p") || t.startsWith("-p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new TelemetryException("--interval '" + text + "' is not a duration; write it like"
          + " 30m, 12h, 1d or PT6H");
    }
  }
}
