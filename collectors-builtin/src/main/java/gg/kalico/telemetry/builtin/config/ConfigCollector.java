package gg.kalico.telemetry.builtin.config;

import gg.kalico.telemetry.builtin.BuiltinShape;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.Section;
import org.pf4j.Extension;

/**
 * The {@code config} section: {@code {section: [option, ...]}} in Kalico's order and case. The
 * context only ever holds names, so no value can end up here.
 */
@Extension(ordinal = 40)
public final class ConfigCollector implements Collector {

  @Override
  public String section() {
    return "config";
  }

  @Override
  public int order() {
    return 40;
  }

  /** The major-1 shape (see {@link BuiltinShape}), carried to newer majors by migrations. */
  @Override
  public Section collect(CollectorContext context) {
    return BuiltinShape.of(produce(context));
  }

  private Section produce(CollectorContext context) {
    if (context.host().configPath().isEmpty()) {
      return null;
    }
    return Section.of(context.config().sections());
  }
}
