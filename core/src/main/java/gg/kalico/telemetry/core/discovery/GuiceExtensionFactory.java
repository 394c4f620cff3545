package gg.kalico.telemetry.core.discovery;

import com.google.inject.Injector;
import com.google.inject.Scopes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Creates PF4J extensions with Guice: built-in extensions from the root injector (or, when they ask
 * for no injection, with their public no-argument constructor, which is what Guice would call),
 * plugin extensions from one child injector per plugin that binds the plugin's extension classes
 * explicitly (so Guice never pins plugin classes in the root) as singletons. Every failure comes
 * out as a {@link PluginRuntimeException}, the only kind PF4J isolates per extension.
 */
final class GuiceExtensionFactory implements ExtensionFactory {
  private final GuicePluginManager manager;
  private final Map<String, Injector> children = new ConcurrentHashMap<>();

  GuiceExtensionFactory(GuicePluginManager manager) {
    this.manager = manager;
    manager.addPluginStateListener(
        event -> {
          if (event.getPluginState() != PluginState.STARTED) {
            children.remove(event.getPlugin().getPluginId());
          }
        });
  }

  @Override
  public <T> T create(Class<T> extensionClass) {
    PluginWrapper plugin = manager.whichPlugin(extensionClass);
    try {
      if (plugin == null) {
        return PlainExtensions.constructible(extensionClass)
            ? extensionClass.getConstructor().newInstance()
            : manager.injector().getInstance(extensionClass);
      }
      Injector child = children.computeIfAbsent(plugin.getPluginId(), id -> childFor(plugin));
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(plugin.getPluginClassLoader());
      try {
        return child.getInstance(extensionClass);
      } finally {
        thread.setContextClassLoader(previous);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      String owner = plugin == null ? "the class path" : "plugin '" + plugin.getPluginId() + "'";
      throw new PluginRuntimeException(
          e, "cannot create extension {} from {}", extensionClass.getName(), owner);
    }
  }

  private Injector childFor(PluginWrapper plugin) {
    ClassLoader loader = plugin.getPluginClassLoader();
    return manager
        .injector()
        .createChildInjector(
            binder -> {
              for (String name : manager.getExtensionClassNames(plugin.getPluginId())) {
                try {
                  binder.bind(Class.forName(name, false, loader)).in(Scopes.SINGLETON);
                } catch (ClassNotFoundException | LinkageError e) {
                  binder.addError(
                      "extension class %s of plugin %s cannot be loaded: %s",
                      name, plugin.getPluginId(), e);
                }
              }
            });
  }
}
