package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.core.transport.https.HttpsTransport;
import gg.kalico.telemetry.kalico.KalicoHostConfigReader;
import gg.kalico.telemetry.spi.TelemetryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the collect service is, for {@code send}, {@code data} and {@code forget}. */
final class ReceiverOptions {
  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "the collect endpoint (default: $KALICO_TELEMETRY_ENDPOINT, else Kalico's)")
  String endpoint;

  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      description = "trust only the certificates in this PEM file (a private endpoint)")
  String caFile;

  /**
   * The options given, checked before anything else: an https:// endpoint (http:// only on
   * loopback) when {@code https}, and a readable CA file.
   */
  Map<String, String> given(boolean https) {
    Map<String, String> opts = new LinkedHashMap<>();
    if (endpoint != null) {
      if (https) {
        HttpsTransport.checkEndpoint(endpoint);
      }
      opts.put(HttpsTransport.ENDPOINT, endpoint);
    }
    if (caFile != null) {
      if (!Files.isReadable(Path.of(caFile))) {
        throw new TelemetryException(
            "--ca-file "
                + caFile
                + " cannot be read; give the PEM file"
                + " of the endpoint's CA certificate");
      }
      opts.put(HttpsTransport.CA_FILE, caFile);
    }
    return opts;
  }

  /** The options for asking the collect service directly: as {@code send} would reach it. */
  Map<String, String> forService() {
    Map<String, String> opts = given(true);
    Map<String, String> environment = System.getenv();
    HttpsTransport.proxyOptions(environment).forEach(opts::putIfAbsent);
    new KalicoHostConfigReader().transportDefaults(environment).forEach(opts::putIfAbsent);
    return opts;
  }
}
