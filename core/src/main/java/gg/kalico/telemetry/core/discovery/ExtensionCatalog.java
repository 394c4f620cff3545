package gg.kalico.telemetry.core.discovery;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import gg.kalico.telemetry.core.FrameworkVersion;
import gg.kalico.telemetry.core.internal.assembly.CollectorCalls;
import gg.kalico.telemetry.core.internal.discovery.PluginAdmission;
import gg.kalico.telemetry.schema.TelemetrySchema;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every collector and transport: built-ins on the class path (PF4J's extension index),
 * plugins in a plugins directory, and those a host binds in code with a Guice {@link Multibinder}.
 * Extensions are created once, through Guice, and kept.
 *
 * <p>Why this file is just over 300 lines: discovery is one sequence (load and start plugins, admit
 * each collector, merge what the host binds, settle transport names) whose steps share the plugin
 * manager and the refusals; the rules themselves live in {@code PluginAdmission} and the listing in
 * {@code PluginReport}.
 */
public final class ExtensionCatalog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExtensionCatalog.class);

  /** The document's own sections; no plugin may claim one. */
  private static final Set<String> CORE_SECTIONS = TelemetrySchema.publishedSectionKeys();

  private final GuicePluginManager manager;
  private final List<Collector> collectors;
  private final Map<String, Transport> transports;
  private final Map<String, String> rejected;
  private final Map<String, TelemetrySchema> sectionSchemas;
  private final Path pluginsDir;

  /** Extensions of started plugins that were refused alone, by plugin id. */
  private final Map<String, String> refusedExtensions;

  /** Host (and built-in) collectors that declared a section schema, with it compiled. */
  private final Map<Collector, TelemetrySchema> hostSchemas;

  /** Host collectors left out because their section schema fails the check, by class name. */
  private final Map<String, String> refusedHostCollectors;

  private ExtensionCatalog(
      GuicePluginManager manager,
      Path pluginsDir,
      List<Collector> collectors,
      Map<String, Transport> transports,
      Map<String, String> rejected,
      Map<String, TelemetrySchema> sectionSchemas,
      Map<String, String> refusedExtensions,
      Map<Collector, TelemetrySchema> hostSchemas,
      Map<String, String> refusedHostCollectors) {
    this.refusedExtensions = Map.copyOf(refusedExtensions);
    this.hostSchemas = hostSchemas;
    this.refusedHostCollectors = Map.copyOf(refusedHostCollectors);
    this.pluginsDir = pluginsDir;
    this.manager = manager;
    this.collectors = collectors;
    this.transports = transports;
    this.rejected = rejected;
    this.sectionSchemas = sectionSchemas;
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
   */
  public static ExtensionCatalog discover(
      Path pluginsDir, List<? extends Module> hostModules, Set<String> disabledPlugins) {
    if (pluginsDir != null && !Files.isDirectory(pluginsDir)) {
      throw new TelemetryException(
          "plugins directory "
              + pluginsDir
              + " does not exist or is not a directory; create it or correct --plugins");
    }
    GuicePluginManager manager =
        new GuicePluginManager(pluginsDir != null ? pluginsDir : Path.of("plugins"));
    manager.setSystemVersion(FrameworkVersion.current());
    List<Module> modules = new ArrayList<>(hostModules);
    modules.add(
        new AbstractModule() {
          @Override
          protected void configure() {
            Multibinder.newSetBinder(binder(), Collector.class);
            Multibinder.newSetBinder(binder(), Transport.class);
          }
        });
    Injector injector = Guice.createInjector(modules);
    manager.injector(injector);
    if (pluginsDir != null) {
      manager.loadPlugins();
      manager.startPlugins();
      for (PluginWrapper p : manager.getPlugins()) {
        if (p.getFailedException() != null) {
          // the reason in one line: `plugins` shows it too, and PF4J has logged the trace
          log.warn(
              "plugin {} is {} and contributes nothing: {}",
              p.getPluginId(),
              p.getPluginState(),
              PluginReport.failureOf(p));
        }
      }
    }
    Map<String, String> rejected = new LinkedHashMap<>();
    for (String id : disabledPlugins) {
      if (manager.getPlugin(id) != null) {
        manager.stopPlugin(id);
        rejected.put(id, "disabled by the host");
      }
    }
    Map<String, TelemetrySchema> schemas = new LinkedHashMap<>();
    List<Collector> discovered = new ArrayList<>();
    Map<String, Integer> perPlugin = new HashMap<>();
    for (Collector c : manager.getExtensions(Collector.class)) {
      String plugin = pluginOf(manager, c);
      if (plugin == null) {
        discovered.add(c);
        continue;
      }
      if (rejected.containsKey(plugin)) {
        continue;
      }
      PluginAdmission.Verdict verdict =
          PluginAdmission.pluginCollector(
              c, plugin, perPlugin.merge(plugin, 1, Integer::sum), CORE_SECTIONS);
      String problem = verdict.refusal();
      if (problem == null) {
        schemas.put(plugin, verdict.schema());
      }
      if (problem != null) {
        log.warn("plugin {} is not started: {}", plugin, problem);
        rejected.put(plugin, problem);
        manager.stopPlugin(plugin);
        schemas.remove(plugin);
        discovered.removeIf(d -> plugin.equals(pluginOf(manager, d)));
        continue;
      }
      discovered.add(c);
    }
    List<Collector> collectors =
        merge(discovered, injector.getInstance(Key.get(new TypeLiteral<Set<Collector>>() {})));
    // host and built-in collectors are held to what they declare, as plugins are
    Map<Collector, TelemetrySchema> hostSchemas = new IdentityHashMap<>();
    Map<String, String> refusedHost = new LinkedHashMap<>();
    for (Iterator<Collector> it = collectors.iterator(); it.hasNext(); ) {
      Collector c = it.next();
      if (pluginOf(manager, c) != null) {
        continue;
      }
      PluginAdmission.Verdict verdict = PluginAdmission.hostCollector(c);
      if (verdict.schema() != null) {
        hostSchemas.put(c, verdict.schema());
      }
      String problem = verdict.refusal();
      if (problem != null) {
        log.warn("collector {} is left out: {}", c.getClass().getName(), problem);
        refusedHost.put(c.getClass().getName(), problem);
        it.remove();
      }
    }
    collectors.sort(
        Comparator.comparingInt(CollectorCalls::order).thenComparing(CollectorCalls::section));
    List<Transport> candidates = new ArrayList<>();
    for (Transport t : manager.getExtensions(Transport.class)) {
      String plugin = pluginOf(manager, t);
      if (plugin == null || !rejected.containsKey(plugin)) {
        candidates.add(t);
      }
    }
    candidates =
        merge(candidates, injector.getInstance(Key.get(new TypeLiteral<Set<Transport>>() {})));
    // the names we ship and those the host binds are taken first: no plugin can take one over,
    // whatever its ordinal
    Map<String, Transport> transports = new LinkedHashMap<>();
    for (Transport t : candidates) {
      if (pluginOf(manager, t) == null) {
        Transport previous = transports.putIfAbsent(t.name(), t);
        if (previous != null) {
          log.warn(
              "transport name '{}' is claimed by {} and {}; keeping the first",
              t.name(),
              previous.getClass().getName(),
              t.getClass().getName());
        }
      }
    }
    Map<String, String> notes = new LinkedHashMap<>();
    for (Transport t : candidates) {
      String plugin = pluginOf(manager, t);
      if (plugin == null) {
        continue;
      }
      Transport previous = transports.putIfAbsent(t.name(), t);
      if (previous != null) {
        String owner = pluginOf(manager, previous);
        String why = PluginAdmission.transportNameTaken(t.name(), owner);
        log.warn("plugin {}: {}", plugin, why);
        notes.merge(plugin, why, (a, b) -> a + "; " + b);
      }
    }
    ExtensionCatalog catalog =
        new ExtensionCatalog(
            manager,
            pluginsDir,
            Collections.unmodifiableList(collectors),
            Collections.unmodifiableMap(transports),
            rejected,
            schemas,
            notes,
            hostSchemas,
            refusedHost);
    if (catalog.coreSectionsWithoutCollector().size() == CORE_SECTIONS.size()) {
      // depending on the core alone gives a document with none of the core sections: say why
      log.warn(
          "no collector for any core section ({}); the document will have none of them."
              + " Add the dependency gg.kalico.telemetry:telemetry-kalico (the framework with the"
              + " built-in collectors) or bind collectors for these sections",
          String.join(", ", CORE_SECTIONS));
    }
    return catalog;
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

  private static String pluginOf(GuicePluginManager manager, Object extension) {
    PluginWrapper p = manager.whichPlugin(extension.getClass());
    return p == null ? null : p.getPluginId();
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
    return new PluginReport(manager, pluginsDir, rejected, refusedExtensions)
        .plugins(this::pluginOf, collectors, transports.values());
  }

  /** One instance per class: a class both indexed and bound in code is counted once. */
  private static <T> List<T> merge(List<T> discovered, Set<T> bound) {
    List<T> all = new ArrayList<>();
    Set<Class<?>> seen = new HashSet<>();
    for (T t : discovered) {
      if (seen.add(t.getClass())) {
        all.add(t);
      }
    }
    for (T t : bound) {
      if (seen.add(t.getClass())) {
        all.add(t);
      }
    }
    return all;
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
    PluginWrapper p = manager.whichPlugin(extension.getClass());
    return p == null ? null : p.getPluginId();
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
