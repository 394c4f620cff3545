package gg.kalico.telemetry.builtin.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.collector.Section;
import org.pf4j.Extension;

/**
 * The {@code objects} section: the objects the running host has loaded, as it reports them. Without
 * a running host (the CLI) the list is derived the way Kalico loads objects: its fixed objects,
 * then one per config section in config order, then the objects it always adds.
 */
@Extension(ordinal = 50)
public final class ObjectsCollector implements Collector {
  static final List<String> LOADED_FIRST = List.of("gcode", "webhooks", "configfile");
  static final List<String> LOADED_LAST =
      List.of("force_move", "respond", "exclude_object", "telemetry", "toolhead");

  @Override
  public String section() {
    return "objects";
  }

  @Override
  public int order() {
    return 50;
  }

  @Override
  public Section collect(CollectorContext context) {
    if (context.host().enabledObjects().isPresent()) {
      return Section.ofItems(context.host().enabledObjects().get());
    }
    if (context.host().configPath().isEmpty()) {
      return null;
    }
    return Section.ofItems(derive(context.config()));
  }

  /** Kalico's load order for a config, without duplicates. */
  static List<String> derive(ConfigNames config) {
    Set<String> objects = new LinkedHashSet<>(LOADED_FIRST);
    objects.addAll(config.sections().keySet());
    objects.addAll(LOADED_LAST);
    return new ArrayList<>(objects);
  }
}
