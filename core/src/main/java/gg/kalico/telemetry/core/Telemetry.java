package gg.kalico.telemetry.core;

import com.google.inject.Module;
import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.delivery.Sleeper;
import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.core.discovery.ExtensionCatalog;
import gg.kalico.telemetry.core.document.TelemetryDocument;
import gg.kalico.telemetry.core.host.EnvironmentOnly;
import gg.kalico.telemetry.core.host.HostConfig;
import gg.kalico.telemetry.core.host.HostConfigReader;
import gg.kalico.telemetry.core.internal.assembly.DocumentAssembler;
import gg.kalico.telemetry.core.internal.delivery.Deliverer;
import gg.kalico.telemetry.core.internal.io.AtomicFiles;
import gg.kalico.telemetry.core.report.ReportHistory;
import gg.kalico.telemetry.core.report.ReportState;
import gg.kalico.telemetry.core.transport.https.HttpsTransport;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.collector.HostFacts;
import gg.kalico.telemetry.spi.transport.Transport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>Why this file is over 300 lines: the facade is the public surface a host reads, so each entry
 * point keeps its documentation here while the work is done elsewhere ({@code SendRound}, {@code
 * DocumentProducer}, {@code ReportHistory}, the discovery catalog); and its {@link Builder} (about
 * 165 lines of documented settings) is nested so that hosts write {@code Telemetry.builder()}.
 */
public final class Telemetry implements AutoCloseable {
  /** The example file's name, written beside the config. */
  public static final String EXAMPLE_FILE = OwnFiles.EXAMPLE_FILE;

  /** The transport reports go through unless the host chooses another. */
  public static final String DEFAULT_TRANSPORT = "https";

  /** At most one report per this interval unless the host chooses another. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofHours(24);

  private static final Logger log = LoggerFactory.getLogger(Telemetry.class);

  private final HostFacts facts;
  private final Path pluginsDir;
  private final List<Module> modules;
  private final Duration budget;
  private final Clock clock;
  private final Map<String, String> environment;
  private final String transportName;
  private final Map<String, String> transportOptions;
  private final Duration interval;
  private final Set<String> disabledPlugins;
  private final int schemaMajor;
  private final SchemaCatalog schemas;
  private final HostConfigReader hostReader;
  private final WireProfile profile;
  private final Sleeper sleeper;
  private final Random random;
  private final Duration roundBudget;

  /**
   * Serializes sending rounds. It is not the facade's own lock, which guards only quick work: while
   * a round waits on the network, the example, status and {@link #close()} answer at once.
   */
  private final ReentrantLock rounds = new ReentrantLock();

  private final DocumentProducer producer;
  private ExtensionCatalog catalog;

  private Telemetry(Builder b) {
    this.facts =
        b.configPath == null
            ? b.hostFacts
            : b.hostFacts.toBuilder().configPath(b.configPath).build();
    this.pluginsDir = b.pluginsDir;
    this.modules = List.copyOf(b.modules);
    this.budget = b.budget;
    this.clock = b.clock;
    this.environment = Map.copyOf(b.environment);
    this.transportName = b.transportName;
    this.transportOptions = Map.copyOf(b.transportOptions);
    this.interval = b.interval;
    this.disabledPlugins = Set.copyOf(b.disabledPlugins);
    this.schemas = b.schemas != null ? b.schemas : SchemaCatalog.published();
    this.hostReader = b.hostReader != null ? b.hostReader : EnvironmentOnly.discover();
    this.schemaMajor = b.schemaMajor != null ? b.schemaMajor : schemas.current();
    Builder.requirePublished(schemas, schemaMajor);
    this.profile = b.profile;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.roundBudget = b.roundBudget;
    this.producer =
        new DocumentProducer(
            schemas, schemaMajor, budget, facts, clock, profile, this::extensions, hostReader);
  }

  /**
   * A document in a wire profile, with the fields the profile could not map (each also listed among
   * the collection's failures when the profile is this facade's own).
   */
  public WireProfile.Shaped shape(TelemetryDocument document, WireProfile wire) {
    return wire.shape(document, schemas);
  }

  /** The major documents are produced for. */
  public int schemaMajor() {
    return schemaMajor;
  }

  /**
   * The schema version the documents follow, {@code MAJOR.MINOR}: sent beside each canonical
   * document as the {@code Telemetry-Schema} header, so that a receiver on an earlier minor sets
   * aside the fields it does not know instead of refusing the report.
   */
  public String schemaVersion() {
    return schemas.version(schemaMajor);
  }

  /** The clock the facade uses. */
  public Clock clock() {
    return clock;
  }

  /** A builder with no config, no plugins and the process environment. */
  public static Builder builder() {
    return new Builder();
  }

  /** The facts collectors see (as given to the builder). */
  public HostFacts hostFacts() {
    return facts;
  }

  /** Discovered collectors and transports; discovers on first call. */
  public synchronized ExtensionCatalog extensions() {
    if (catalog == null) {
      catalog = ExtensionCatalog.discover(pluginsDir, modules, disabledPlugins);
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
    return hostReader.read(facts.configPath(), environment);
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
    return collect(host, host.consent().allowsSending());
  }

  /** One collection over a configuration already read (each entry point reads it once). */
  private Collected collect(HostConfig host, boolean mayWrite) {
    return producer.collect(host, mayWrite);
  }

  /**
   * Writes {@value #EXAMPLE_FILE} beside the config: the same bytes a transport would send.
   *
   * @throws TelemetryException if no config is set, telemetry is disabled, or the file cannot be
   *     written
   */
  public Example writeExample() {
    Path config =
        facts
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
    Collected collection = collect(read, true);
    Path target = config.toAbsolutePath().resolveSibling(EXAMPLE_FILE);
    try {
      // the bytes a report would carry, in the profile reports are sent in
      Path written = AtomicFiles.write(target, profile.render(collection.document(), schemas));
      return new Example(written, collection);
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
   *     the transport is unknown
   */
  public SendReport send(String transportName, Map<String, String> options) {
    return round(transportName, options, true);
  }

  /** Sends a report now through the default transport (see {@link #send}). */
  public SendReport sendNow() {
    return round(transportName, transportOptions, true);
  }

  /**
   * A sending round: retries the spool, and adds a new report if none was tried within the
   * interval.
   */
  public SendReport sendIfDue() {
    return round(transportName, transportOptions, false);
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
                        ? Optional.of(round(transportName, transportOptions, false, host))
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

  private SendReport round(String name, Map<String, String> options, boolean force) {
    return round(name, options, force, null);
  }

  /** A round, serialized with any other; reads the configuration once unless given it. */
  private SendReport round(
      String name, Map<String, String> options, boolean force, HostConfig known) {
    rounds.lock();
    try {
      return roundLocked(name, options, force, known != null ? known : readHostConfig());
    } finally {
      rounds.unlock();
    }
  }

  private SendReport roundLocked(
      String name, Map<String, String> options, boolean force, HostConfig host) {
    Consent consent = host.consent();
    if (!consent.allowsSending()) {
      String optIn = hostReader.howToOptIn();
      throw new TelemetryException(
          "telemetry is "
              + consent.state().name().toLowerCase(Locale.ROOT)
              + " ("
              + consent.source()
              + "); nothing was sent. "
              + Character.toUpperCase(optIn.charAt(0))
              + optIn.substring(1));
    }
    Transport transport =
        extensions()
            .transport(name)
            .orElseThrow(
                () ->
                    new TelemetryException(
                        "no transport named '"
                            + name
                            + "' is installed; installed transports: "
                            + String.join(", ", extensions().transportNames())));
    Map<String, String> opts = new HashMap<>(options);
    HttpsTransport.proxyOptions(environment).forEach(opts::putIfAbsent); // checked up front
    hostReader.transportDefaults(environment).forEach(opts::putIfAbsent);
    if (transport instanceof HttpsTransport && !opts.containsKey(HttpsTransport.ENDPOINT)) {
      // checked before anything is collected or spooled: no document is made to be dropped
      throw new TelemetryException(
          "the https transport needs an endpoint: give it with"
              + " transport(\"https\", Map.of(\"endpoint\", URL)) (CLI: --endpoint), or use a host"
              + " adapter that names one (telemetry-kalico names Kalico's)");
    }
    refuseLinksToOwnFiles();
    ReportHistory history = history();
    boolean fresh = force || history.isDue(clock.instant(), interval);
    SendRound round =
        new SendRound(
            new Deliverer(transport, clock, sleeper, random, roundBudget),
            spool(),
            history,
            opts,
            clock,
            hostReader::userAgentSuffix,
            major -> schemas.has(major) ? schemas.version(major) : null);
    return round.run(fresh, () -> profile.render(collect(host, true).document(), schemas));
  }

  /** The spool beside the config, if there is a config. */
  public Optional<Spool> spool() {
    return stateDir().map(Spool::new);
  }

  /** Whether the interval has passed since the last attempt (or none was made). */
  public boolean isDue() {
    return history().isDue(clock.instant(), interval);
  }

  /** The reporting history beside the config (none without a config). */
  public ReportHistory history() {
    return new ReportHistory(stateDir());
  }

  /** The reporting interval. */
  public Duration interval() {
    return interval;
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
    stateDir().ifPresent(dir -> OwnFiles.refuseLinks(dir, hostReader.ownFiles()));
  }

  private Optional<Path> stateDir() {
    return facts.configPath().map(p -> p.toAbsolutePath().getParent());
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

  /** Builds a {@link Telemetry}. Not thread-safe. */
  public static final class Builder {
    private HostFacts hostFacts = HostFacts.builder().build();
    private Path configPath;
    private Path pluginsDir;
    private final List<Module> modules = new ArrayList<>();
    private Duration budget = DocumentAssembler.DEFAULT_BUDGET;
    private Clock clock = Clock.systemUTC();
    private Map<String, String> environment = System.getenv();
    private String transportName = DEFAULT_TRANSPORT;
    private Map<String, String> transportOptions = Map.of();
    private Duration interval = DEFAULT_INTERVAL;
    private WireProfile profile = WireProfile.CANONICAL;
    private final Set<String> disabledPlugins = new HashSet<>();
    private Integer schemaMajor;
    private SchemaCatalog schemas;
    private HostConfigReader hostReader;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Duration roundBudget = Deliverer.ROUND_BUDGET;
    private Random random = new Random(); // jitter only: no need for a slow-to-seed SecureRandom

    private Builder() {}

    /**
     * Produces and validates documents of this published major version (the current one by
     * default), for receivers that still expect an older one.
     *
     * @throws TelemetryException if this build does not publish that version
     */
    public Builder schemaMajor(int major) {
      requirePublished(schemas != null ? schemas : SchemaCatalog.published(), major);
      this.schemaMajor = major;
      return this;
    }

    /**
     * The schema majors to produce from and their migrations; what this build publishes by default.
     * A maintainer points it at a schema folder to try a new major before release.
     */
    public Builder schemaCatalog(SchemaCatalog value) {
      this.schemas = Objects.requireNonNull(value);
      return this;
    }

    static void requirePublished(SchemaCatalog catalog, int major) {
      if (!catalog.has(major)) {
        throw new TelemetryException(
            "schema version "
                + major
                + " is not published"
                + catalog.directory().map(d -> " in " + d).orElse(" by this build")
                + "; published: "
                + catalog.describeMajors());
      }
    }

    /** Leaves out the plugin with this id (its collectors and transports). */
    public Builder disablePlugin(String id) {
      disabledPlugins.add(Objects.requireNonNull(id));
      return this;
    }

    /**
     * Reads the host's configuration: names and consent. By default the reader registered on the
     * class path ({@code telemetry-kalico} registers one for {@code printer.cfg}), else {@link
     * EnvironmentOnly}.
     */
    public Builder hostConfigReader(HostConfigReader value) {
      this.hostReader = Objects.requireNonNull(value);
      return this;
    }

    /** The shape documents are sent in; {@link WireProfile#CANONICAL} by default. */
    public Builder profile(WireProfile value) {
      this.profile = Objects.requireNonNull(value);
      return this;
    }

    /** How to wait between attempts (tests pass one that does not really wait). */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value);
      return this;
    }

    /** The jitter source of the backoff (tests pass a seeded one). */
    public Builder random(Random value) {
      this.random = Objects.requireNonNull(value);
      return this;
    }

    /** The transport reports go through, and its options; {@code https} by default. */
    public Builder transport(String name, Map<String, String> options) {
      this.transportName = Objects.requireNonNull(name);
      this.transportOptions = Map.copyOf(options);
      return this;
    }

    /**
     * How long one sending round may take in all, attempts and waits included; 2 minutes by
     * default. A transport still busy when it is over is abandoned, and its document waits.
     */
    public Builder roundBudget(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the round budget must be positive");
      }
      this.roundBudget = value;
      return this;
    }

    /** At most one report per interval; 24 hours by default. */
    public Builder interval(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("the report interval cannot be negative");
      }
      this.interval = value;
      return this;
    }

    /** The host's main config file ({@code printer.cfg}). */
    public Builder configPath(Path value) {
      this.configPath = value;
      return this;
    }

    /** Facts the host knows; a path set with {@link #configPath} wins over theirs. */
    public Builder hostFacts(HostFacts value) {
      this.hostFacts = Objects.requireNonNull(value);
      return this;
    }

    /** A directory of PF4J plugins; none by default. */
    public Builder pluginsDirectory(Path value) {
      this.pluginsDir = value;
      return this;
    }

    /** A Guice module of the host: binds collectors or transports with a Multibinder. */
    public Builder addModule(Module module) {
      modules.add(Objects.requireNonNull(module));
      return this;
    }

    /** How long one collector may take; two seconds by default. */
    public Builder collectorBudget(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the collector budget must be positive");
      }
      this.budget = value;
      return this;
    }

    /** The clock collectors see. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    /** The environment consent reads ({@code DO_NOT_TRACK}, ...); the process's by default. */
    public Builder environment(Map<String, String> value) {
      this.environment = Map.copyOf(value);
      return this;
    }

    /** Builds; does no discovery or I/O yet. */
    public Telemetry build() {
      return new Telemetry(this);
    }
  }
}
