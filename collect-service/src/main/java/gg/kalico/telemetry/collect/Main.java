package gg.kalico.telemetry.collect;

import gg.kalico.telemetry.collect.ingest.MemoryBudget;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.spi.Durations;
import gg.kalico.telemetry.spi.TelemetryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code collect-service}: runs the collect service until Ctrl-C or SIGTERM. */
@Command(
    name = "collect-service",
    mixinStandardHelpOptions = true,
    description = "Receives telemetry reports, validates, stores and counts them.",
    subcommands = RecountCommand.class)
public final class Main implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "" + CollectSettings.DEFAULT_PORT,
      description = "port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--bind",
      defaultValue = CollectSettings.DEFAULT_BIND,
      description =
          "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every" + " interface)")
  String bind;

  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--retention",
      defaultValue = CollectSettings.DEFAULT_RETENTION,
      description =
          "how long reports are kept, e.g. 90d, 12h, PT30M (default:" + " ${DEFAULT-VALUE})")
  String retention;

  @Option(
      names = "--machine-expiry",
      description =
          "how long a machine may stay silent before"
              + " it is deleted with its reports, e.g. 90d (default: the retention)")
  String machineExpiry;

  @Option(names = "--tls-keystore", description = "PKCS12 key store: serve HTTPS")
  Path tlsKeystore;

  @Option(
      names = "--tls-password-env",
      description =
          "environment variable holding the key"
              + " store password (default: TELEMETRY_TLS_PASSWORD)")
  String tlsPasswordEnv = "TELEMETRY_TLS_PASSWORD";

  @Option(
      names = "--rate",
      defaultValue = "" + CollectSettings.DEFAULT_RATE,
      description =
          "reports per client address per minute; 0: no limit (default:" + " ${DEFAULT-VALUE})")
  int rate;

  @Option(
      names = "--new-machines-per-address",
      defaultValue = "" + CollectSettings.DEFAULT_NEW_MACHINES,
      description =
          "new machines one client"
              + " address may create per UTC day (fake machines are how the privacy threshold is"
              + " defeated); machines that reported before are never held back; 0: no limit"
              + " (default: ${DEFAULT-VALUE})")
  int newMachines;

  @Option(
      names = "--max-report-size",
      defaultValue = CollectSettings.DEFAULT_MAX_REPORT_SIZE,
      description =
          "the largest report taken, once"
              + " un-gzipped (and as sent), e.g. 256KiB or 1MiB (default: ${DEFAULT-VALUE}, eight times the"
              + " largest real report)")
  String maxReportSize;

  @Option(
      names = "--memory-budget",
      description =
          "bytes all reports in flight may hold"
              + " together (bodies, decompression, parsing); past it: 503 with Retry-After, e.g. 64MiB"
              + " (default: a quarter of the maximum heap)")
  String memoryBudget;

  @Option(
      names = "--max-in-flight",
      defaultValue = "" + CollectSettings.DEFAULT_MAX_IN_FLIGHT,
      description = "reports handled at once (default: ${DEFAULT-VALUE})")
  int maxInFlight;

  @Option(
      names = "--management-port",
      description =
          "serve /metrics (and /health) on this"
              + " port instead of the public one, to keep operations data off the public listener;"
              + " 0 picks a free port (default: /metrics on the public port)")
  Integer managementPort;

  @Option(
      names = "--management-bind",
      defaultValue = CollectSettings.DEFAULT_MANAGEMENT_BIND,
      description = "address of the management port (default: ${DEFAULT-VALUE})")
  String managementBind;

  @Option(
      names = "--schema-dir",
      description =
          "accept the majors and migrations of this schema"
              + " folder instead of the published ones (to try a new major; see docs/schema-releases.md)")
  Path schemaDir;

  @Option(
      names = "--stats-interval",
      defaultValue = CollectSettings.DEFAULT_STATS_INTERVAL,
      description =
          "how often the statistics are brought up to date with what changed"
              + " (default: ${DEFAULT-VALUE})")
  String statsInterval;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() {
    CollectSettings settings;
    try {
      settings =
          store
              .apply(CollectSettings.builder())
              .port(port)
              .bind(bind)
              .retention(duration("--retention", retention))
              .machineExpiry(
                  machineExpiry == null ? null : duration("--machine-expiry", machineExpiry))
              .tls(tlsKeystore, tlsKeystore == null ? null : System.getenv(tlsPasswordEnv))
              .ratePerAddressPerMinute(rate)
              .maxInFlight(maxInFlight)
              .newMachinesPerAddressPerDay(newMachines)
              .maxReportBytes(
                  (int) Math.min(Integer.MAX_VALUE, size("--max-report-size", maxReportSize)))
              .memoryBudgetBytes(
                  memoryBudget == null
                      ? MemoryBudget.defaultCapacity()
                      : size("--memory-budget", memoryBudget))
              .statisticsInterval(duration("--stats-interval", statsInterval))
              .schemaDirectory(schemaDir)
              .management(managementPort, managementBind)
              .build();
      if (schemaDir != null) {
        SchemaCatalog.fromDirectory(schemaDir);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    CollectService server;
    try {
      server = CollectService.start(settings);
    } catch (RuntimeException e) {
      System.err.println("error: the collect service could not start: " + rootMessage(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "collect-service-stop"));
    System.out.println(
        "collect service listening on "
            + server.collectUri()
            + " (store: "
            + (settings.postgres() ? "PostgreSQL" : "SQLite in " + store.dataDir)
            + ")");
    System.out.println("dashboard: " + server.collectUri().resolve("/"));
    server.managementUri().ifPresent(m -> System.out.println("metrics: " + m));
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** A duration in the project's one syntax ({@link gg.kalico.telemetry.spi.Durations}). */
  static Duration duration(String option, String text) {
    try {
      return Durations.parse(option, text);
    } catch (TelemetryException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** {@code 256KiB}, {@code 64MiB}, {@code 1GiB}, or a number of bytes. */
  static long size(String option, String text) {
    Matcher m = Pattern.compile("(\\d{1,12})\\s*(KiB|MiB|GiB|)").matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          option
              + " '"
              + text
              + "' is not a size; use 256KiB,"
              + " 64MiB, 1GiB or a number of bytes");
    }
    int shift =
        switch (m.group(2)) {
          case "KiB" -> 10;
          case "MiB" -> 20;
          case "GiB" -> 30;
          default -> 0;
        };
    return Long.parseLong(m.group(1)) << shift;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
