package org.example.telemetry.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.example.telemetry.core.Telemetry;
import org.example.telemetry.core.report.ReportState;
import org.example.telemetry.spi.TelemetryException;
import org.example.telemetry.spi.transport.Receipt;
import picocli.CommandLine.Command;
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

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "where the transport sends to (default: $KALICO_TELEMETRY_ENDPOINT, else the"
          + " transport's own)")
  String endpoint;

  @Option(names = "--transport-option", paramLabel = "KEY=VALUE",
      description = "a transport setting, for example path=/tmp/report.json for the file"
          + " transport; repeatable")
  Map<String, String> transportOptions = new LinkedHashMap<>();

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "24h",
      description = "at most one report per this interval: 30m, 12h, 1d or ISO-8601 like PT6H"
          + " (default: ${DEFAULT-VALUE})")
  String interval;

  @Override
  Telemetry.Builder configure(Telemetry.Builder builder) {
    Map<String, String> opts = new LinkedHashMap<>(transportOptions);
    String url = endpoint != null ? endpoint : System.getenv("KALICO_TELEMETRY_ENDPOINT");
    if (url != null && !url.isBlank()) {
      opts.put("endpoint", url);
    }
    return builder.transport(transport, opts).interval(parse(interval));
  }

  @Override
  void run(Telemetry telemetry, CollectOptions.ResolvedConfig config) {
    if (!force && telemetry.consent().allowsSending() && !telemetry.isDue()) {
      ReportState state = telemetry.reportState();
      out().println("not due: the last report was tried at " + state.lastAttempt()
          + "; the next is due after " + state.lastAttempt().plus(telemetry.interval())
          + " (use --force to send now)");
      out().flush();
      return;
    }
    Receipt receipt = telemetry.sendNow();
    out().println("sent " + receipt.bytes() + " bytes via " + receipt.transport() + " to "
        + receipt.destination());
    out().flush();
  }

  static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
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
