package org.example.telemetry.core.discovery;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.example.telemetry.spi.TelemetryException;
import org.example.telemetry.spi.collector.Collector;
import org.example.telemetry.spi.transport.Transport;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every collector and transport: built-ins on the class path (PF4J's extension index),
 * plugins in a plugins directory, and those a host binds in code with a Guice {@link Multibinder}.
 * Extensions are created once, through Guice, and kept.
 */
public final class ExtensionCatalog implements AutoCloseable {
  /** The version plugins check their {@code Plugin-Requires} against. */
  public static final String SYSTEM_VERSION = "0.1.0";

  private static final Logger log = LoggerFactory.getLogger(ExtensionCatalog.class);

  private final GuicePluginManager manager;
  private final List<Collector> collectors;
  private final Map<String, Transport> transports;

  private ExtensionCatalog(GuicePluginManager manager, List<Collector> collectors,
      Map<String, Transport> transports) {
    this.manager = manager;
    this.collectors = collectors;
    this.transports = transports;
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
    if (pluginsDir != null && !Files.isDirectory(pluginsDir)) {
      throw new TelemetryException("plugins directory " + pluginsDir
          + " does not exist or is not a directory; create it or correct --plugins");
    }
    GuicePluginManager manager =
        new GuicePluginManager(pluginsDir != null ? pluginsDir : Path.of("plugins"));
    manager.setSystemVersion(SYSTEM_VERSION);
    List<Module> modules = new ArrayList<>(hostModules);
    modules.add(new AbstractModule() {
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
          log.warn("plugin {} is {} and contributes nothing", p.getPluginId(), p.getPluginState(),
              p.getFailedException());
        }
      }
    }
    List<Collector> collectors = merge(manager.getExtensions(Collector.class),
        injector.getInstance(Key.get(new TypeLiteral<Set<Collector>>() {})));
    collectors.sort(Comparator.comparingInt(Collector::order).thenComparing(Collector::section));
    Map<String, Transport> transports = new LinkedHashMap<>();
    for (Transport t : merge(manager.getExtensions(Transport.class),
        injector.getInstance(Key.get(new TypeLiteral<Set<Transport>>() {})))) {
      Transport previous = transports.putIfAbsent(t.name(), t);
      if (previous != null) {
        log.warn("transport name '{}' is claimed by {} and {}; keeping the first", t.name(),
            previous.getClass().getName(), t.getClass().getName());
      }
    }
    return new ExtensionCatalog(manager, Collections.unmodifiableList(collectors),
        Collections.unmodifiableMap(transports));
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
