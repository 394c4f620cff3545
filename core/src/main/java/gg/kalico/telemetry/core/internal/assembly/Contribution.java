package gg.kalico.telemetry.core.internal.assembly;

import gg.kalico.telemetry.schema.TelemetrySchema;
import gg.kalico.telemetry.spi.collector.Collector;
import java.time.Duration;

/**
 * A collector with what applies to it: where its section goes, its time budget, the schema its
 * section must also satisfy (a plugin's own), and the most bytes its section may take.
 *
 * @param collector the collector
 * @param plugin the plugin that ships it, or null for a built-in or host-bound collector
 * @param budget how long it may take
 * @param sectionSchema its own section schema, or null
 * @param maxBytes the most bytes its section may serialize to
 */
public record Contribution(
    Collector collector,
    String plugin,
    Duration budget,
    TelemetrySchema sectionSchema,
    int maxBytes) {

  /** Budget of a plugin collector. */
  public static final Duration PLUGIN_BUDGET = Duration.ofMillis(500);

  /** Size limit of a plugin (or any extension) section. */
  public static final int EXTENSION_MAX_BYTES = 16 * 1024;

  /** A built-in or host collector under the host's budget. */
  public static Contribution of(Collector collector, Duration budget) {
    return new Contribution(collector, null, budget, null, Integer.MAX_VALUE);
  }
}
