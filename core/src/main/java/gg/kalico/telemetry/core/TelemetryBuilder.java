package gg.kalico.telemetry.core;

import com.google.inject.Module;
import gg.kalico.telemetry.core.delivery.Sleeper;
import gg.kalico.telemetry.core.discovery.PluginsDirectory;
import gg.kalico.telemetry.core.host.EnvironmentOnly;
import gg.kalico.telemetry.core.host.HostConfigReader;
import gg.kalico.telemetry.core.internal.assembly.DocumentAssembler;
import gg.kalico.telemetry.core.internal.delivery.Deliverer;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Builds a {@link Telemetry}: {@code Telemetry.builder()} gives one. Every setting has a default,
 * so {@code Telemetry.builder().configPath(path).build()} is a complete facade. Not thread-safe.
 */
public final class TelemetryBuilder {
  private HostFacts hostFacts = HostFacts.builder().build();
  private Path configPath;
  private PluginsDirectory plugins;
  private final List<Module> modules = new ArrayList<>();
  private Duration budget = DocumentAssembler.DEFAULT_BUDGET;
  private Clock clock = Clock.systemUTC();
  private Map<String, String> environment = System.getenv();
  private String transportName = Telemetry.DEFAULT_TRANSPORT;
  private Map<String, String> transportOptions = Map.of();
  private Duration interval = Telemetry.DEFAULT_INTERVAL;
  private WireProfile profile = WireProfile.CANONICAL;
  private final Set<String> disabledPlugins = new HashSet<>();
  private Integer schemaMajor;
  private SchemaCatalog schemas;
  private HostConfigReader hostReader;
  private Sleeper sleeper = Sleeper.SYSTEM;
  private Duration roundBudget = Deliverer.ROUND_BUDGET;
  private Random random = new Random(); // jitter only: no need for a slow-to-seed SecureRandom

  TelemetryBuilder() {}

  /**
   * Produces and validates documents of this published major version (the current one by default),
   * for receivers that still expect an older one.
   *
   * @throws TelemetryException if this build does not publish that version
   */
  public TelemetryBuilder schemaMajor(int major) {
    requirePublished(schemas != null ? schemas : SchemaCatalog.published(), major);
    this.schemaMajor = major;
    return this;
  }

  /**
   * The schema majors to produce from and their migrations; what this build publishes by default. A
   * maintainer points it at a schema folder to try a new major before release.
   */
  public TelemetryBuilder schemaCatalog(SchemaCatalog value) {
    this.schemas = Objects.requireNonNull(value);
    return this;
  }

  /** Leaves out the plugin with this id (its collectors and transports). */
  public TelemetryBuilder disablePlugin(String id) {
    disabledPlugins.add(Objects.requireNonNull(id));
    return this;
  }

  /**
   * Reads the host's configuration: names and consent. By default the reader registered on the
   * class path ({@code telemetry-kalico} registers one for {@code printer.cfg}), else {@link
   * EnvironmentOnly}.
   */
  public TelemetryBuilder hostConfigReader(HostConfigReader value) {
    this.hostReader = Objects.requireNonNull(value);
    return this;
  }

  /** The shape documents are sent in; {@link WireProfile#CANONICAL} by default. */
  public TelemetryBuilder profile(WireProfile value) {
    this.profile = Objects.requireNonNull(value);
    return this;
  }

  /** How to wait between attempts (tests pass one that does not really wait). */
  public TelemetryBuilder sleeper(Sleeper value) {
    this.sleeper = Objects.requireNonNull(value);
    return this;
  }

  /** The jitter source of the backoff (tests pass a seeded one). */
  public TelemetryBuilder random(Random value) {
    this.random = Objects.requireNonNull(value);
    return this;
  }

  /**
   * The transport reports go through, and its options; {@code https} by default. The transport adds
   * what it takes from the environment (the https transport: the proxy) and checks the options
   * before a round collects anything.
   */
  public TelemetryBuilder transport(String name, Map<String, String> options) {
    this.transportName = Objects.requireNonNull(name);
    this.transportOptions = Map.copyOf(options);
    return this;
  }

  /**
   * How long one sending round may take in all, attempts and waits included; 2 minutes by default.
   * A transport still busy when it is over is abandoned, and its document waits.
   */
  public TelemetryBuilder roundBudget(Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("the round budget must be positive");
    }
    this.roundBudget = value;
    return this;
  }

  /** At most one report per interval; 24 hours by default. */
  public TelemetryBuilder interval(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("the report interval cannot be negative");
    }
    this.interval = value;
    return this;
  }

  /** The host's main config file ({@code printer.cfg}). */
  public TelemetryBuilder configPath(Path value) {
    this.configPath = value;
    return this;
  }

  /** Facts the host knows; a path set with {@link #configPath} wins over theirs. */
  public TelemetryBuilder hostFacts(HostFacts value) {
    this.hostFacts = Objects.requireNonNull(value);
    return this;
  }

  /**
   * A directory of PF4J plugins; none by default (null for none).
   *
   * @throws TelemetryException naming the path and the fix when it is not a directory
   */
  public TelemetryBuilder pluginsDirectory(Path value) {
    this.plugins = value == null ? null : PluginsDirectory.of(value);
    return this;
  }

  /** A Guice module of the host: binds collectors or transports with a Multibinder. */
  public TelemetryBuilder addModule(Module module) {
    modules.add(Objects.requireNonNull(module));
    return this;
  }

  /** How long one collector may take; two seconds by default. */
  public TelemetryBuilder collectorBudget(Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("the collector budget must be positive");
    }
    this.budget = value;
    return this;
  }

  /** The clock collectors see. */
  public TelemetryBuilder clock(Clock value) {
    this.clock = Objects.requireNonNull(value);
    return this;
  }

  /** The environment consent reads ({@code DO_NOT_TRACK}, ...); the process's by default. */
  public TelemetryBuilder environment(Map<String, String> value) {
    this.environment = Map.copyOf(value);
    return this;
  }

  /** Builds; does no discovery or I/O yet. */
  public Telemetry build() {
    SchemaCatalog catalog = schemas != null ? schemas : SchemaCatalog.published();
    int major = schemaMajor != null ? schemaMajor : catalog.current();
    requirePublished(catalog, major);
    return new Telemetry(
        new TelemetrySettings(
            configPath == null ? hostFacts : hostFacts.toBuilder().configPath(configPath).build(),
            plugins,
            List.copyOf(modules),
            budget,
            clock,
            Map.copyOf(environment),
            transportName,
            Map.copyOf(transportOptions),
            interval,
            Set.copyOf(disabledPlugins),
            major,
            catalog,
            hostReader != null ? hostReader : EnvironmentOnly.discover(),
            profile,
            sleeper,
            random,
            roundBudget));
  }

  private static void requirePublished(SchemaCatalog catalog, int major) {
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
}
