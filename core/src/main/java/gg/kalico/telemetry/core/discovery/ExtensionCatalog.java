package gg.kalico.telemetry.core.discovery;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import gg.kalico.telemetry.core.internal.assembly.CollectorCalls;
import gg.kalico.telemetry.schema.TelemetrySchema;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.transport.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every collector and transport: built-ins on the class path (PF4J's extension index), plugins in a
 * plugins directory, and those a host binds in code with a Guice {@link Multibinder}. Extensions
 * are created once, through Guice, and kept. {@code Discovery} finds them, in steps; this class
 * holds and answers what it found.
 */
public final class ExtensionCatalog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExtensionCatalog.class);

  /** The document's own sections; no plugin may claim one. */
  static final Set<String> CORE_SECTIONS = TelemetrySchema.publishedSectionKeys();

  private final GuicePluginManager manager;
  private final PluginsDirectory plugins;
  private final List<Collector> collectors;
  private final Map<String, Transport> transports;

  /** Plugins refused whole (disabled, or a collector refused), by id, with why. */
  private final Map<String, String> rejected;

  /** The section schema of each admitted plugin. */
  private final Map<String, TelemetrySchema> sectionSchemas;

  /** Extensions of started plugins that were refused alone, by plugin id. */
  private final Map<String, String> refusedExtensions;

  /** Host (and built-in) collectors that declared a section schema, with it compiled. */
  private final Map<Collector, TelemetrySchema> hostSchemas;

  /** Host collectors left out because their section schema fails the check, by class name. */
  private final Map<String, String> refusedHostCollectors;

  ExtensionCatalog(
      GuicePluginManager manager,
      PluginsDirectory plugins,
      Map<String, String> rejected,
      Discovery.PluginCollectors fromPlugins,
      Discovery.HostCollectors fromHost,
      Discovery.TransportNames transports) {
    this.manager = manager;
    this.plugins = plugins;
    this.rejected = Collections.unmodifiableMap(rejected);
    this.sectionSchemas = fromPlugins.schemas();
    this.collectors = Collections.unmodifiableList(fromHost.collectors());
    this.hostSchemas = fromHost.schemas();
    this.refusedHostCollectors = Map.copyOf(fromHost.refused());
    this.transports = Collections.unmodifiableMap(transports.byName());
    this.refusedExtensions = Map.copyOf(transports.notes());
    if (coreSectionsWithoutCollector().size() == CORE_SECTIONS.size()) {
      // depending on the core alone gives a document with none of the core sections: say why
      log.warn(
          "no collector for any core section ({}); the document will have none of them."
              + " Add the dependency gg.kalico.telemetry:telemetry-kalico (the framework with the"
              + " built-in collectors) or bind collectors for these sections",
          String.join(", ", CORE_SECTIONS));
    }
  }

  /**
   * Discovers extensions.
   *
   * @param pluginsDir a directory of PF4J plugins, or null for class-path extensions only
   * @param hostModules Guice modules of the host; they may add collectors and transports with
   *     {@code Multibinder.newSetBinder(binder(), Collector.class)} and bind what extensions need
   * @throws TelemetryException if the plugins directory does not exist
   */
  public static ExtensionCatalog discover(Path pluginsDir, List<? extends Module> hostModules) {
    return discover(pluginsDir, hostModules, Set.of());
  }

  /**
   * Discovers extensions, leaving out the plugins whose ids are in {@code disabledPlugins} (on top
   * of PF4J's {@code disabled.txt} and {@code enabled.txt} in the plugins directory).
   *
   * @throws TelemetryException if the plugins directory does not exist
   */
  public static ExtensionCatalog discover(
      Path pluginsDir, List<? extends Module> hostModules, Set<String> disabledPlugins) {
    return discover(
        pluginsDir == null ? null : PluginsDirectory.of(pluginsDir), hostModules, disabledPlugins);
  }

  /** Discovers extensions in a plugins folder already checked (or none). */
  public static ExtensionCatalog discover(
      PluginsDirectory plugins, List<? extends Module> hostModules, Set<String> disabledPlugins) {
    return Discovery.run(plugins, hostModules, disabledPlugins);
  }

  /** The document's core sections (machine, system, ...) that no discovered collector fills. */
  public Set<String> coreSectionsWithoutCollector() {
    Set<String> missing = new LinkedHashSet<>(CORE_SECTIONS);
    for (Collector c : collectors) {
      missing.remove(CollectorCalls.section(c));
    }
    return Collections.unmodifiableSet(missing);
  }

  /**
   * The schema a collector's section must also satisfy: its plugin's, or the one a host collector
   * declared; null when it declared none.
   */
  public TelemetrySchema sectionSchemaOf(Collector collector) {
    String plugin = pluginOf(collector);
    return plugin != null ? sectionSchemas.get(plugin) : hostSchemas.get(collector);
  }

  /** Host collectors left out because their section schema fails the check, by class name. */
  public Map<String, String> refusedHostCollectors() {
    return refusedHostCollectors;
  }

  /** The section schema of a started plugin, as the plugin wrote it. */
  public Optional<String> sectionSchemaText(String pluginId) {
    return collectors.stream()
        .filter(c -> pluginId.equals(pluginOf(c)))
        .findFirst()
        .flatMap(Collector::sectionSchema);
  }

  /** The section schema of a plugin, compiled, or null. */
  public TelemetrySchema sectionSchema(String pluginId) {
    return sectionSchemas.get(pluginId);
  }

  /** Every plugin found in the plugins directory, with what it contributes or why not. */
  public List<PluginInfo> plugins() {
    return new PluginReport(manager, plugins, rejected, refusedExtensions)
        .plugins(collectors, transports.values());
  }

  /** Collectors in run order. */
  public List<Collector> collectors() {
    return collectors;
  }

  /** The transport with this name, if any. */
  public Optional<Transport> transport(String name) {
    return Optional.ofNullable(transports.get(name));
  }

  /** Names of every installed transport, in discovery order. */
  public Set<String> transportNames() {
    return transports.keySet();
  }

  /** The plugin that contributed an extension, or null for a built-in or host-bound one. */
  public String pluginOf(Object extension) {
    return manager.pluginIdOf(extension);
  }

  /** Stops plugins (working around pf4j#656, where stopPlugins() throws) and unloads them. */
  @Override
  public void close() {
    List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
    Collections.reverse(started);
    for (PluginWrapper p : started) {
      try {
        manager.stopPlugin(p.getPluginId());
      } catch (RuntimeException e) {
        log.warn("plugin {} failed to stop", p.getPluginId(), e);
      }
    }
    manager.unloadPlugins();
  }
}
