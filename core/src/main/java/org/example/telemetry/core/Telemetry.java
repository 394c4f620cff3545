package org.example.telemetry.core;

import com.google.inject.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.example.telemetry.core.assembly.Collection;
import org.example.telemetry.core.assembly.DocumentAssembler;
import org.example.telemetry.core.config.KalicoConfig;
import org.example.telemetry.core.config.KalicoConfigReader;
import org.example.telemetry.core.consent.Consent;
import org.example.telemetry.core.consent.ConsentResolver;
import org.example.telemetry.core.discovery.ExtensionCatalog;
import org.example.telemetry.core.io.AtomicFiles;
import org.example.telemetry.schema.TelemetrySchema;
import org.example.telemetry.spi.TelemetryException;
import org.example.telemetry.spi.collector.ConfigNames;
import org.example.telemetry.spi.collector.HostFacts;
import org.example.telemetry.spi.transport.Payload;
import org.example.telemetry.spi.transport.Receipt;
import org.example.telemetry.spi.transport.Transport;

/**
 * The facade a host embeds: collect the document, write the example file, send through a named
 * transport. Discovery and schema loading happen on first use, not at build time.
 *
 * <pre>{@code
 * try (Telemetry telemetry = Telemetry.builder().configPath(Path.of("printer.cfg")).build()) {
 *   Collection c = telemetry.collect();
 *   System.out.print(c.document().toPrettyJson());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Close it to stop plugins.
 */
public final class Telemetry implements AutoCloseable {
  /** The example file's name, written beside the config. */
  public static final String EXAMPLE_FILE = "telemetry.json";

  private final HostFacts facts;
  private final Path pluginsDir;
  private final List<Module> modules;
  private final Duration budget;
  private final Clock clock;
  private final Map<String, String> environment;
  private ExtensionCatalog catalog;
  private CompletableFuture<TelemetrySchema> schema;

  private Telemetry(Builder b) {
    this.facts = b.configPath == null ? b.hostFacts
        : b.hostFacts.toBuilder().configPath(b.configPath).build();
    this.pluginsDir = b.pluginsDir;
    this.modules = List.copyOf(b.modules);
    this.budget = b.budget;
    this.clock = b.clock;
    this.environment = Map.copyOf(b.environment);
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
      catalog = ExtensionCatalog.discover(pluginsDir, modules);
    }
    return catalog;
  }

  /**
   * The schema, loaded once. The first call starts loading it on a background thread, so that
   * compiling the schema overlaps with discovery and collection on a small board's other core.
   */
  private TelemetrySchema schema() {
    return schemaLoader().join();
  }

  private synchronized CompletableFuture<TelemetrySchema> schemaLoader() {
    if (schema == null) {
      schema = new CompletableFuture<>();
      CompletableFuture<TelemetrySchema> target = schema;
      Thread loader = new Thread(() -> {
        try {
          target.complete(TelemetrySchema.current());
        } catch (RuntimeException | Error e) {
          target.completeExceptionally(e);
        }
      }, "telemetry-schema-loader");
      loader.setDaemon(true);
      loader.start();
    }
    return schema;
  }

  /**
   * Reads the config (if one is set) with Kalico's rules.
   *
   * @throws org.example.telemetry.core.config.ConfigFileException if Kalico would refuse it
   */
  public Optional<KalicoConfig> readConfig() {
    return facts.configPath().map(p -> new KalicoConfigReader().read(p));
  }

  /** The user's current consent decision. */
  public Consent consent() {
    return ConsentResolver.resolve(environment, readConfig());
  }

  /**
   * Runs every collector and returns the valid document and the sections left out. Reads only:
   * nothing is written or sent (a collector may create {@code .machine-id} beside the config).
   */
  public Collection collect() {
    schemaLoader();
    ConfigNames names = readConfig().map(KalicoConfig::names).orElse(ConfigNames.empty());
    var collectors = extensions().collectors();
    TelemetrySchema s;
    try {
      s = schema();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    DocumentAssembler assembler = new DocumentAssembler(s, s.sectionKeys(), budget);
    return assembler.assemble(collectors, new Context(names, facts, clock));
  }

  /**
   * Writes {@value #EXAMPLE_FILE} beside the config: the same bytes a transport would send.
   *
   * @throws TelemetryException if no config is set, telemetry is disabled, or the file cannot be
   *     written
   */
  public Example writeExample() {
    Path config = facts.configPath().orElseThrow(() -> new TelemetryException(
        "the example is written beside the config, but no config path was given"));
    Consent consent = consent();
    if (consent.state() == Consent.State.DISABLED) {
      throw new TelemetryException("telemetry is disabled (" + consent.source()
          + "), so no example is written; enable it to see what would be sent");
    }
    Collection collection = collect();
    Path target = config.toAbsolutePath().resolveSibling(EXAMPLE_FILE);
    try {
      Path written = AtomicFiles.write(target, collection.document().toBytes());
      return new Example(written, collection);
    } catch (IOException e) {
      throw new TelemetryException("cannot write " + target + " (" + e.getClass().getSimpleName()
          + "); check that the config folder is writable", e);
    }
  }

  /**
   * Collects and sends one document through the named transport, if the user opted in.
   *
   * @param transportName an installed transport's name, for example {@code file}
   * @param options the transport's options (never logged)
   * @throws TelemetryException if consent is not given (nothing is collected or sent), or the
   *     transport is unknown
   * @throws org.example.telemetry.spi.transport.TransportException if delivery failed
   */
  public Receipt send(String transportName, Map<String, String> options) {
    Consent consent = consent();
    if (!consent.allowsSending()) {
      throw new TelemetryException("telemetry is " + consent.state().name().toLowerCase(
          java.util.Locale.ROOT) + " (" + consent.source() + "); nothing was sent");
    }
    Transport transport = extensions().transport(transportName).orElseThrow(() ->
        new TelemetryException("no transport named '" + transportName
            + "' is installed; installed transports: "
            + String.join(", ", extensions().transportNames())));
    Collection collection = collect();
    Payload payload = new Payload(UUID.randomUUID().toString(), collection.document().toBytes(),
        options);
    return transport.send(payload);
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
  public record Example(Path path, Collection collection) {}

  /** Builds a {@link Telemetry}. Not thread-safe. */
  public static final class Builder {
    private HostFacts hostFacts = HostFacts.builder().build();
    private Path configPath;
    private Path pluginsDir;
    private final List<Module> modules = new ArrayList<>();
    private Duration budget = DocumentAssembler.DEFAULT_BUDGET;
    private Clock clock = Clock.systemUTC();
    private Map<String, String> environment = System.getenv();

    private Builder() {}

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
