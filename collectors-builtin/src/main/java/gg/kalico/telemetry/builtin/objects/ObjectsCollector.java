package gg.kalico.telemetry.builtin.objects;

import gg.kalico.telemetry.builtin.BuiltinShape;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.Section;
import org.pf4j.Extension;

/**
 * The {@code objects} section: the objects the host has loaded, as it states them ({@code
 * HostFacts.enabledObjects}). A running host gives its own list; without one, the Kalico adapter
 * gives the list Kalico's start-up would load ({@link KalicoStartupObjects}). A host that states
 * none gets no {@code objects} section: objects are never guessed for a host.
 */
@Extension(ordinal = 50)
public final class ObjectsCollector implements Collector {

  @Override
  public String section() {
    return "objects";
  }

  @Override
  public int order() {
    return 50;
  }

  /** The major-1 shape (see {@link BuiltinShape}), carried to newer majors by migrations. */
  @Override
  public Section collect(CollectorContext context) {
    return BuiltinShape.of(context.host().enabledObjects().map(Section::ofItems).orElse(null));
  }
}
