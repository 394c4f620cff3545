package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.TelemetryBuilder;
import gg.kalico.telemetry.kalico.KalicoProfile;
import gg.kalico.telemetry.spi.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How and where a report goes, and how often: the options {@code send} takes and {@code install}
 * writes into the daily timer's unit.
 */
final class DeliveryOptions {
  @Option(
      names = "--transport",
      paramLabel = "NAME",
      defaultValue = Telemetry.DEFAULT_TRANSPORT,
      description = "the transport to send through (default: ${DEFAULT-VALUE})")
  String transport;

  @Mixin ReceiverOptions receiver = new ReceiverOptions();

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      defaultValue = "canonical",
      description =
          "the shape on the wire: canonical (the schema's) or kalico (Kalico's own"
              + " client's) (default: ${DEFAULT-VALUE})")
  String profile;

  @Option(
      names = "--transport-option",
      paramLabel = "KEY=VALUE",
      description =
          "a transport setting, for example path=/tmp/report.json for the file"
              + " transport; repeatable")
  Map<String, String> transportOptions = new LinkedHashMap<>();

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = Telemetry.DEFAULT_INTERVAL_TEXT,
      description =
          "at most one report per this interval: "
              + Durations.EXAMPLES
              + " (default: ${DEFAULT-VALUE})")
  String interval;

  /**
   * The transport's options as given, checked (bad input is refused before anything else, consent
   * included); without --endpoint the Kalico adapter gives $KALICO_TELEMETRY_ENDPOINT or Kalico's.
   */
  Map<String, String> transportOptions() {
    Map<String, String> opts = new LinkedHashMap<>(transportOptions);
    opts.putAll(receiver.given(transport.equals("https")));
    return opts;
  }

  /** Sets the transport, its options, the interval and the profile. */
  TelemetryBuilder configure(TelemetryBuilder builder, Map<String, String> opts) {
    return builder
        .transport(transport, opts)
        .interval(interval())
        .profile(KalicoProfile.named(profile));
  }

  /** The interval, checked. */
  Duration interval() {
    return Durations.parse("--interval", interval);
  }

  /**
   * The options given, as {@code send} arguments again (paths absolute, since the timer runs
   * elsewhere); defaults are left out.
   */
  List<String> asArguments() {
    List<String> args = new ArrayList<>();
    if (!transport.equals(Telemetry.DEFAULT_TRANSPORT)) {
      args.addAll(List.of("--transport", transport));
    }
    if (receiver.endpoint != null) {
      args.addAll(List.of("--endpoint", receiver.endpoint));
    }
    if (receiver.caFile != null) {
      args.addAll(List.of("--ca-file", CollectOptions.absolute(Path.of(receiver.caFile))));
    }
    if (!profile.equals("canonical")) {
      args.addAll(List.of("--profile", profile));
    }
    transportOptions.forEach((k, v) -> args.addAll(List.of("--transport-option", k + "=" + v)));
    if (!interval.equals(Telemetry.DEFAULT_INTERVAL_TEXT)) {
      args.addAll(List.of("--interval", interval));
    }
    return args;
  }
}
