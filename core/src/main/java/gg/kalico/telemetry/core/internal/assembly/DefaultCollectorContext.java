package gg.kalico.telemetry.core.internal.assembly;

import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.time.Clock;

/**
 * The read-only context handed to every collector of one collection.
 *
 * @param config the config's section and option names
 * @param host the host's facts
 * @param clock the clock collectors use
 * @param mayWrite whether collectors may store files (only once the user opted in)
 * @param schemaMajor the schema major the document is produced for
 */
public record DefaultCollectorContext(
    ConfigNames config, HostFacts host, Clock clock, boolean mayWrite, int schemaMajor)
    implements CollectorContext {}
