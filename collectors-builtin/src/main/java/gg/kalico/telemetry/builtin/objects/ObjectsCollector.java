package gg.kalico.telemetry.builtin.objects;

import java.util.Set;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.builtin.BuiltinShape;
import gg.kalico.telemetry.spi.collector.Section;
import org.pf4j.Extension;

/**
 * The {@code objects} section: the objects the running host has loaded, as it reports them. Without
 * a running host (the CLI) the list is derived the way Kalico's start-up loads objects, from a
 * table of Kalico's module knowledge ({@code kalico-objects.txt}, stamped with the Kalico commit
 * it describes); the modules that exist are those of the host checkout when there is one, else
 * the stock list of that commit.
 */
@Extension(ordinal = 50)
public final class ObjectsCollector implements Collector {
  private static final ObjectTable TABLE = ObjectTable.stock();

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
    return BuiltinShape.of(produce(context));
  }

  private Section produce(CollectorContext context) {
    if (context.host().enabledObjects().isPresent()) {
      return Section.ofItems(context.host().enabledObjects().get());
    }
    if (context.host().configPath().isEmpty()) {
      return null;
    }
    Set<String> modules = KalicoModules.of(context.host().hostDirectory().orElse(null))
        .orElse(TABLE.modules.keySet());
    return Section.ofItems(ObjectLoader.load(TABLE, modules, context.config()));
  }

  /** The Kalico commit whose loading the table describes. */
  public static String describedKalicoCommit() {
    return TABLE.commit;
  }
}
