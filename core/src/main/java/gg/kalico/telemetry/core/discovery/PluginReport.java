package gg.kalico.telemetry.core.discovery;

import gg.kalico.telemetry.core.FrameworkVersion;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.transport.Transport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;
import org.pf4j.DefaultVersionManager;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code plugins} shows: every plugin found, with what it contributes or why not, in words a
 * plugin author can act on (the host's refusal, an unmet {@code Plugin-Requires}, a plugin class
 * that cannot be created, a jar without a descriptor).
 */
final class PluginReport {
  private static final Logger log = LoggerFactory.getLogger(PluginReport.class);

  private final GuicePluginManager manager;
  private final PluginsDirectory plugins;
  private final Map<String, String> rejected;
  private final Map<String, String> refusedExtensions;

  PluginReport(
      GuicePluginManager manager,
      PluginsDirectory plugins,
      Map<String, String> rejected,
      Map<String, String> refusedExtensions) {
    this.manager = manager;
    this.plugins = plugins;
    this.rejected = rejected;
    this.refusedExtensions = refusedExtensions;
  }

  /** Every plugin found in the plugins directory, with what it contributes or why not. */
  List<PluginInfo> plugins(List<Collector> collectors, Collection<Transport> transports) {
    List<PluginInfo> out = new ArrayList<>();
    for (PluginWrapper p : manager.getPlugins()) {
      String id = p.getPluginId();
      List<String> sections =
          collectors.stream()
              .filter(c -> id.equals(manager.pluginIdOf(c)))
              .map(c -> "extensions/" + id)
              .toList();
      List<String> names =
          transports.stream()
              .filter(t -> id.equals(manager.pluginIdOf(t)))
              .map(Transport::name)
              .toList();
      PluginStatus state = status(p, rejected.get(id));
      String problem = rejected.get(id);
      if (problem == null) {
        problem = refusedExtensions.get(id);
      }
      if (problem == null && state == PluginStatus.NOT_STARTED && !requirementMet(p)) {
        problem = requirementProblem(p);
      }
      if (problem == null && p.getFailedException() != null) {
        problem = failureOf(p);
      }
      if (problem == null && state == PluginStatus.NOT_STARTED) {
        problem = requirementProblem(p);
      }
      if (problem == null && p.getPluginState() == PluginState.DISABLED) {
        problem = "disabled in the plugins directory (enabled.txt / disabled.txt)";
      }
      out.add(new PluginInfo(id, p.getDescriptor().getVersion(), state, sections, names, problem));
    }
    out.addAll(notLoaded());
    out.sort(Comparator.comparing(PluginInfo::id));
    return out;
  }

  /** Jars in the plugins directory that PF4J did not load, with the reason where it can tell. */
  private List<PluginInfo> notLoaded() {
    List<PluginInfo> out = new ArrayList<>();
    if (plugins == null) {
      return out;
    }
    Set<Path> loaded = new HashSet<>();
    manager.getPlugins().forEach(p -> loaded.add(p.getPluginPath().toAbsolutePath().normalize()));
    try {
      for (Path file : plugins.archives()) {
        if (loaded.contains(file.toAbsolutePath().normalize())) {
          continue;
        }
        String name = file.getFileName().toString();
        try {
          PluginDescriptor d = manager.describe(file);
          if (d.getPluginId() == null || d.getPluginId().isBlank()) {
            throw new IllegalStateException("plugin.id (Plugin-Id) is missing");
          }
          String problem =
              manager.getPlugin(d.getPluginId()) != null
                  ? "not loaded: " + name + " has the id of another plugin"
                  : "not loaded: " + name + " (see the log)";
          out.add(
              new PluginInfo(
                  d.getPluginId(),
                  d.getVersion(),
                  PluginStatus.NOT_LOADED,
                  List.of(),
                  List.of(),
                  problem));
        } catch (RuntimeException e) {
          out.add(
              new PluginInfo(
                  name,
                  "?",
                  PluginStatus.NOT_LOADED,
                  List.of(),
                  List.of(),
                  descriptorProblem(file, e)));
        }
      }
    } catch (IOException e) {
      log.warn("cannot list the plugins directory {}", plugins, e);
    }
    return out;
  }

  /** The status of a loaded plugin: the host's verdict first, then PF4J's state. */
  private static PluginStatus status(PluginWrapper p, String rejection) {
    if (rejection != null) {
      return rejection.equals("disabled by the host")
          ? PluginStatus.DISABLED
          : PluginStatus.REJECTED;
    }
    if (p.getPluginState() != PluginState.STARTED && !requirementMet(p)) {
      return PluginStatus.NOT_STARTED;
    }
    return switch (p.getPluginState()) {
      case STARTED -> PluginStatus.STARTED;
      case FAILED -> PluginStatus.FAILED;
      case DISABLED ->
          p.getFailedException() == null ? PluginStatus.DISABLED : PluginStatus.NOT_STARTED;
      default -> PluginStatus.NOT_STARTED;
    };
  }

  private static boolean requirementMet(PluginWrapper p) {
    String requires = p.getDescriptor().getRequires();
    if (requires == null || requires.isBlank() || requires.equals("*")) {
      return true;
    }
    return new DefaultVersionManager().checkVersionConstraint(FrameworkVersion.current(), requires);
  }

  /** Why a plugin that was loaded did not start, when its requirement is the cause. */
  private static String requirementProblem(PluginWrapper p) {
    if (!requirementMet(p)) {
      return "Plugin-Requires "
          + p.getDescriptor().getRequires()
          + " is not met: this host"
          + " runs "
          + FrameworkVersion.current()
          + "; install a version of the plugin made for"
          + " it, or update the host";
    }
    return "not started (" + p.getPluginState() + ")";
  }

  /** Why a jar's descriptor cannot be read, in words a plugin author can act on. */
  private static String descriptorProblem(Path jar, RuntimeException e) {
    boolean hasProperties = false;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      hasProperties = zip.getEntry("plugin.properties") != null;
    } catch (IOException | RuntimeException ignored) {
      // not a readable jar: the message below covers it
    }
    if (!hasProperties && describe(e).toLowerCase(Locale.ROOT).contains("plugin")) {
      return "plugin.properties is missing from the jar (and its manifest has no Plugin-Id);"
          + " add plugin.properties with plugin.id, plugin.version and plugin.requires";
    }
    return "invalid descriptor: " + describe(e);
  }

  /** Why PF4J failed a plugin, in words a plugin author can act on. */
  static String failureOf(PluginWrapper p) {
    if (!requirementMet(p)) {
      return requirementProblem(p);
    }
    String pluginClass = p.getDescriptor().getPluginClass();
    if (p.getFailedException() instanceof NullPointerException
        && pluginClass != null
        && !pluginClass.equals(Plugin.class.getName())) {
      return "its plugin class '"
          + pluginClass
          + "' could not be loaded or created (missing"
          + " from the jar, or its constructor failed)";
    }
    return describe(p.getFailedException());
  }

  private static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null && sb.length() < 300; c = c.getCause()) {
      if (sb.length() > 0) {
        sb.append(": ");
      }
      sb.append(c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName());
    }
    return sb.toString();
  }
}
