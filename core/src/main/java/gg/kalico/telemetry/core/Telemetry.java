package gg.kalico.telemetry.core;

import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.core.discovery.ExtensionCatalog;
import gg.kalico.telemetry.core.document.TelemetryDocument;
import gg.kalico.telemetry.core.host.HostConfig;
import gg.kalico.telemetry.core.internal.io.AtomicFiles;
import gg.kalico.telemetry.core.report.ReportHistory;
import gg.kalico.telemetry.core.report.ReportState;
import gg.kalico.telemetry.spi.Durations;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade a host embeds: collect the document, write the example file, send through a named
 * transport. Discovery and schema loading happen on first use, not at build time.
 *
 * <pre>{@code
 * try (Telemetry telemetry = Telemetry.builder().configPath(Path.of("printer.cfg")).build()) {
 *   Collected c = telemetry.collect();
 *   System.out.print(c.document().toPrettyJson());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Close it to stop plugins.
 *
 * <p>The facade composes and delegates: {@link TelemetryBuilder} settles the settings, {@code
 * DocumentProducer} collects, {@code SendRounds} sends, {@link ReportHistory} remembers, and the
 * discovery catalog finds collectors and transports.
 */
public final class Telemetry implements AutoCloseable {
  /** The example file's name, written beside the config. */
  public static final String EXAMPLE_FILE = OwnFiles.EXAMPLE_FILE;

  /** The transport reports go through unless the host chooses another. */
  public static final String DEFAULT_TRANSPORT = "https";

  /** The default interval as the command line writes it ({@link Durations}). */
  public static final String DEFAULT_INTERVAL_TEXT = "24h";

  /** At most one report per this interval unless the host chooses another. */
  public static final Duration DEFAULT_INTERVAL =
      Durations.parse("interval", DEFAULT_INTERVAL_TEXT);

  private static final Logger log = LoggerFactory.getLogger(Telemetry.class);

  private final TelemetrySettings settings;
  private final DocumentProducer producer;
  private final SendRounds rounds;
  private ExtensionCatalog catalog;

  Telemetry(TelemetrySettings settings) {
    this.settings = settings;
    this.producer =
        new DocumentProducer(
            settings.schemas(),
            settings.schemaMajor(),
            settings.collectorBudget(),
            settings.facts(),
            settings.clock(),
            settings.profile(),
            this::extensions,
            settings.hostReader());
    this.rounds = new SendRounds(settings, this::extensions, producer);
  }

  /** A builder with no config, no plugins and the process environment. */
  public static TelemetryBuilder builder() {
    return new TelemetryBuilder();
  }

  /**
   * A document in a wire profile, with the fields the profile could not map (each also listed among
   * the collection's failures when the profile is this facade's own).
   */
  public WireProfile.Shaped shape(TelemetryDocument document, WireProfile wire) {
    return wire.shape(document, settings.schemas());
  }

  /** The major documents are produced for. */
  public int schemaMajor() {
    return settings.schemaMajor();
  }

  /**
   * The schema version the documents follow, {@code MAJOR.MINOR}: sent beside each canonical
   * document as the {@code Telemetry-Schema} header, so that a receiver on an earlier minor sets
   * aside the fields it does not know instead of refusing the report.
   */
  public String schemaVersion() {
    return settings.schemas().version(settings.schemaMajor());
  }

  /** The clock the facade uses. */
  public Clock clock() {
    return settings.clock();
  }

  /** The facts collectors see (as given to the builder). */
  public HostFacts hostFacts() {
    return settings.facts();
  }

  /** Discovered collectors and transports; discovers on first call. */
  public synchronized ExtensionCatalog extensions() {
    if (catalog == null) {
      catalog =
          ExtensionCatalog.discover(
              settings.plugins(), settings.modules(), settings.disabledPlugins());
    }
    return catalog;
  }

  /**
   * Reads the host's configuration (names and consent) with the host's reader: once per operation,
   * so that one operation sees one state of the files.
   *
   * @throws TelemetryException if the host's reader refuses the configuration
   */
  public HostConfig readHostConfig() {
    return settings.readHostConfig();
  }

  /** The user's current consent decision. */
  public Consent consent() {
    return readHostConfig().consent();
  }

  /**
   * Runs every collector and returns the valid document and the sections left out. Nothing is sent;
   * nothing is written unless the user opted in (then a collector may store a generated machine id
   * beside the config).
   */
  public Collected collect() {
    HostConfig host = readHostConfig();
    return producer.collect(host, host.consent().allowsSending());
  }

  /**
   * Writes {@value #EXAMPLE_FILE} beside the config: the same bytes a transport would send.
   *
   * @throws TelemetryException if no config is set, telemetry is disabled, or the file cannot be
   *     written
   */
  public Example writeExample() {
    Path config =
        settings
            .facts()
            .configPath()
            .orElseThrow(
                () ->
                    new TelemetryException(
                        "the example is written beside the config, but no config path was given"));
    HostConfig read = readHostConfig();
    Consent consent = read.consent();
    if (consent.state() == Consent.State.DISABLED) {
      throw new TelemetryException(
          "telemetry is disabled ("
              + consent.source()
              + "), so no example is written; enable it to see what would be sent");
    }
    refuseLinksToOwnFiles();
    Collected collection = producer.collect(read, true);
    Path target = config.toAbsolutePath().resolveSibling(EXAMPLE_FILE);
    try {
      // the bytes a report would carry, in the profile reports are sent in
      byte[] bytes = settings.profile().render(collection.document(), settings.schemas());
      return new Example(AtomicFiles.write(target, bytes), collection);
    } catch (IOException e) {
      throw new TelemetryException(
          "cannot write "
              + target
              + " ("
              + e.getClass().getSimpleName()
              + "); check that the config folder is writable",
          e);
    }
  }

  /**
   * Sends a report now through the named transport, if the user opted in, and retries what the
   * spool holds. The new document is spooled before the first attempt, so nothing is lost if the
   * process dies; a document that is not delivered within the round stays in the spool.
   *
   * @param transportName an installed transport's name, for example {@code https}
   * @param options the transport's options (never logged)
   * @throws TelemetryException if consent is not given (nothing is collected, spooled or sent), or
   *     the transport is unknown or refuses its options
   */
  public SendReport send(String transportName, Map<String, String> options) {
    return rounds.run(transportName, options, true, null);
  }

  /** Sends a report now through the default transport (see {@link #send}). */
  public SendReport sendNow() {
    return rounds.run(settings.transportName(), settings.transportOptions(), true, null);
  }

  /**
   * A sending round: retries the spool, and adds a new report if none was tried within the
   * interval.
   */
  public SendReport sendIfDue() {
    return rounds.run(settings.transportName(), settings.transportOptions(), false, null);
  }

  /**
   * What a host calls when it is ready (Kalico's {@code klippy:ready}): runs {@link #sendIfDue()}
   * on a background thread when the user opted in. Returns at once and never throws; the future
   * completes with the round's report, or empty when sending is not allowed.
   */
  public CompletableFuture<Optional<SendReport>> reportIfDue() {
    CompletableFuture<Optional<SendReport>> result = new CompletableFuture<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                // the configuration is read once: the same consent decides and sends
                HostConfig host = readHostConfig();
                result.complete(
                    host.consent().allowsSending()
                        ? Optional.of(
                            rounds.run(
                                settings.transportName(), settings.transportOptions(), false, host))
                        : Optional.empty());
              } catch (RuntimeException | Error e) {
                log.warn("telemetry report failed; it will be tried again next time", e);
                result.completeExceptionally(e);
              }
            },
            "telemetry-report");
    worker.setDaemon(true);
    worker.start();
    return result;
  }

  /** The spool beside the config, if there is a config. */
  public Optional<Spool> spool() {
    return settings.spool();
  }

  /** Whether the interval has passed since the last attempt (or none was made). */
  public boolean isDue() {
    return history().isDue(settings.clock().instant(), settings.interval());
  }

  /** The reporting history beside the config (none without a config). */
  public ReportHistory history() {
    return settings.history();
  }

  /** The reporting interval. */
  public Duration interval() {
    return settings.interval();
  }

  /** The reporting history beside the config ({@link ReportState#NONE} without a config). */
  public ReportState reportState() {
    return history().state();
  }

  /** The bytes of the last delivered report, if kept. */
  public Optional<byte[]> lastReport() {
    return history().lastReport();
  }

  /**
   * Stops an operation that writes beside the config when a link stands where one of our files
   * should be (see {@link OwnFiles}).
   */
  public void refuseLinksToOwnFiles() {
    settings.refuseLinksToOwnFiles();
  }

  @Override
  public synchronized void close() {
    if (catalog != null) {
      catalog.close();
      catalog = null;
    }
  }

  /**
   * The example file written and the collection it holds.
   *
   * @param path the file written
   * @param collection the document and the sections left out
   */
  public record Example(Path path, Collected collection) {}
}
