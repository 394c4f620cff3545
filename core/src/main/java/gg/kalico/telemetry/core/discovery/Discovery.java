package gg.kalico.telemetry.core.discovery;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Types;
import gg.kalico.telemetry.core.FrameworkVersion;
import gg.kalico.telemetry.core.internal.assembly.CollectorCalls;
import gg.kalico.telemetry.core.internal.discovery.PluginAdmission;
import gg.kalico.telemetry.schema.TelemetrySchema;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.transport.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One discovery, as small steps that each return what the next needs (as PF4J's own manager is
 * built from small {@code create*} steps): create the plugin manager and the injector, start the
 * plugins, admit the plugins' collectors, admit the host's collectors, name the transports.
 */
final class Discovery {
  private static final Logger log = LoggerFactory.getLogger(Discovery.class);

  private final GuicePluginManager manager;
  private final List<? extends Module> hostModules;
  private Injector injector;

  private Discovery(GuicePluginManager manager, List<? extends Module> hostModules) {
    this.manager = manager;
    this.hostModules = hostModules;
  }

  /** Runs every step. */
  static ExtensionCatalog run(
      PluginsDirectory plugins, List<? extends Module> hostModules, Set<String> disabledPlugins) {
    GuicePluginManager manager = createPluginManager(plugins);
    Discovery discovery = new Discovery(manager, hostModules);
    manager.injector(discovery::injector);
    Map<String, String> refused = discovery.startPlugins(plugins, disabledPlugins);
    PluginCollectors fromPlugins = discovery.admitPluginCollectors(refused);
    HostCollectors fromHost = discovery.admitHostCollectors(fromPlugins.collectors());
    TransportNames transports = discovery.nameTransports(refused);
    return new ExtensionCatalog(manager, plugins, refused, fromPlugins, fromHost, transports);
  }

  /** The collectors admitted so far (built-ins and plugins'), and each plugin's section schema. */
  record PluginCollectors(List<Collector> collectors, Map<String, TelemetrySchema> schemas) {}

  /**
   * Every collector in run order, with the section schemas host collectors declared and the host
   * collectors left out (by class name, with why).
   */
  record HostCollectors(
      List<Collector> collectors,
      Map<Collector, TelemetrySchema> schemas,
      Map<String, String> refused) {}

  /** Transports by name, and why a plugin's transport did not get its name (by plugin id). */
  record TransportNames(Map<String, Transport> byName, Map<String, String> notes) {}

  private static GuicePluginManager createPluginManager(PluginsDirectory plugins) {
    GuicePluginManager manager =
        new GuicePluginManager(plugins != null ? plugins.path() : Path.of("plugins"));
    manager.setSystemVersion(FrameworkVersion.current());
    return manager;
  }

  /** The root injector, made on first use (see {@link GuicePluginManager#injector}). */
  private synchronized Injector injector() {
    if (injector == null) {
      injector = createInjector(hostModules);
    }
    return injector;
  }

  /** What the host binds in code: nothing, without asking Guice, when it gave no module. */
  @SuppressWarnings("unchecked") // a Multibinder of T binds a Set<T>
  private <T> Set<T> bound(Class<T> type) {
    return hostModules.isEmpty()
        ? Set.of()
        : (Set<T>) injector().getInstance(Key.get(Types.setOf(type)));
  }

  /** The host's modules, and empty sets for collectors and transports when it binds none. */
  private static Injector createInjector(List<? extends Module> hostModules) {
    List<Module> modules = new ArrayList<>(hostModules);
    modules.add(
        new AbstractModule() {
          @Override
          protected void configure() {
            Multibinder.newSetBinder(binder(), Collector.class);
            Multibinder.newSetBinder(binder(), Transport.class);
          }
        });
    return Guice.createInjector(modules);
  }

  /**
   * Loads and starts the plugins of the folder, if there is one, then stops those the host
   * disabled.
   *
   * @return the plugins refused so far, by id, with why (a map the next step adds to)
   */
  private Map<String, String> startPlugins(PluginsDirectory plugins, Set<String> disabled) {
    if (plugins != null) {
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
    Map<String, String> refused = new LinkedHashMap<>();
    for (String id : disabled) {
      if (manager.getPlugin(id) != null) {
        manager.stopPlugin(id);
        refused.put(id, "disabled by the host");
      }
    }
    return refused;
  }

  /**
   * Holds each plugin's collectors to its declarations ({@link PluginAdmission}); a plugin with one
   * refused collector is stopped whole and added to {@code refused}. Built-in collectors (from the
   * class path's index) pass through.
   */
  private PluginCollectors admitPluginCollectors(Map<String, String> refused) {
    Map<String, TelemetrySchema> schemas = new LinkedHashMap<>();
    List<Collector> admitted = new ArrayList<>();
    Map<String, Integer> perPlugin = new HashMap<>();
    for (Collector c : manager.getExtensions(Collector.class)) {
      String plugin = manager.pluginIdOf(c);
      if (plugin == null) {
        admitted.add(c);
        continue;
      }
      if (refused.containsKey(plugin)) {
        continue;
      }
      PluginAdmission.Verdict verdict =
          PluginAdmission.pluginCollector(
              c, plugin, perPlugin.merge(plugin, 1, Integer::sum), ExtensionCatalog.CORE_SECTIONS);
      if (verdict.refusal() != null) {
        log.warn("plugin {} is not started: {}", plugin, verdict.refusal());
        refused.put(plugin, verdict.refusal());
        manager.stopPlugin(plugin);
        schemas.remove(plugin);
        admitted.removeIf(d -> plugin.equals(manager.pluginIdOf(d)));
        continue;
      }
      schemas.put(plugin, verdict.schema());
      admitted.add(c);
    }
    return new PluginCollectors(admitted, schemas);
  }

  /**
   * Adds the collectors the host binds in code and holds them, and the built-ins, to what they
   * declare, as plugins are; sorts all into run order.
   */
  private HostCollectors admitHostCollectors(List<Collector> admitted) {
    List<Collector> all = merge(admitted, bound(Collector.class));
    Map<Collector, TelemetrySchema> schemas = new IdentityHashMap<>();
    Map<String, String> refused = new LinkedHashMap<>();
    all.removeIf(
        c -> {
          if (manager.pluginIdOf(c) != null) {
            return false;
          }
          PluginAdmission.Verdict verdict = PluginAdmission.hostCollector(c);
          if (verdict.schema() != null) {
            schemas.put(c, verdict.schema());
          }
          if (verdict.refusal() == null) {
            return false;
          }
          log.warn("collector {} is left out: {}", c.getClass().getName(), verdict.refusal());
          refused.put(c.getClass().getName(), verdict.refusal());
          return true;
        });
    all.sort(Comparator.comparingInt(CollectorCalls::order).thenComparing(CollectorCalls::section));
    return new HostCollectors(all, schemas, refused);
  }

  /**
   * Names the transports: the names we ship and those the host binds are taken first, so no plugin
   * can take one over, whatever its ordinal; a plugin's transport whose name is taken is noted.
   */
  private TransportNames nameTransports(Map<String, String> refused) {
    List<Transport> candidates = new ArrayList<>();
    for (Transport t : manager.getExtensions(Transport.class)) {
      String plugin = manager.pluginIdOf(t);
      if (plugin == null || !refused.containsKey(plugin)) {
        candidates.add(t);
      }
    }
    candidates = merge(candidates, bound(Transport.class));
    Map<String, Transport> byName = new LinkedHashMap<>();
    for (Transport t : candidates) {
      if (manager.pluginIdOf(t) == null) {
        Transport previous = byName.putIfAbsent(t.name(), t);
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
      String plugin = manager.pluginIdOf(t);
      if (plugin == null) {
        continue;
      }
      Transport previous = byName.putIfAbsent(t.name(), t);
      if (previous != null) {
        String why = PluginAdmission.transportNameTaken(t.name(), manager.pluginIdOf(previous));
        log.warn("plugin {}: {}", plugin, why);
        notes.merge(plugin, why, (a, b) -> a + "; " + b);
      }
    }
    return new TransportNames(byName, notes);
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
}
