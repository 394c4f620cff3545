/**
 * Collectors: one collector, one section of the telemetry document.
 *
 * <p>A collector reads only what its {@link gg.kalico.telemetry.spi.collector.CollectorContext}
 * offers plus facts of the machine it runs on, and returns a {@link
 * gg.kalico.telemetry.spi.collector.Section}. The context exposes configuration section and option
 * <em>names</em> only: no configuration value can be reached through it.
 */
package gg.kalico.telemetry.spi.collector;
