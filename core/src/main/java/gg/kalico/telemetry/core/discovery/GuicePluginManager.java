package gg.kalico.telemetry.core.discovery;

import com.google.inject.Injector;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J's default manager with extensions created through Guice. Always runs in deployment mode: a
 * stray {@code pf4j.mode} system property must not change where plugins come from.
 */
final class GuicePluginManager extends DefaultPluginManager {
  private volatile Supplier<Injector> injector;

  GuicePluginManager(Path pluginsRoot) {
    super(pluginsRoot);
  }

  /**
   * Called once before extensions are created: where the root injector comes from. It is made only
   * when something needs it (a host module, a plugin, an extension that asks for injection), so a
   * run with the class path's plain extensions alone never starts Guice.
   */
  void injector(Supplier<Injector> value) {
    this.injector = value;
  }

  Injector injector() {
    Supplier<Injector> i = injector;
    if (i == null) {
      throw new IllegalStateException("extensions requested before the injector was set");
    }
    return i.get();
  }

  @Override
  protected ExtensionFactory createExtensionFactory() {
    // runs inside super(): fields are not set yet, so the factory reads the injector lazily
    return new GuiceExtensionFactory(this);
  }

  /** The id of the plugin an extension comes from, or null for a built-in or host-bound one. */
  String pluginIdOf(Object extension) {
    PluginWrapper p = whichPlugin(extension.getClass());
    return p == null ? null : p.getPluginId();
  }

  /** Reads a plugin's descriptor, to say why a jar was not loaded. */
  PluginDescriptor describe(Path plugin) {
    return getPluginDescriptorFinder().find(plugin);
  }

  @Override
  public RuntimeMode getRuntimeMode() {
    return RuntimeMode.DEPLOYMENT;
  }
}
