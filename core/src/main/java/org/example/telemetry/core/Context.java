package org.example.telemetry.core;

import java.time.Clock;
import org.example.telemetry.spi.collector.CollectorContext;
import org.example.telemetry.spi.collector.ConfigNames;
import org.example.telemetry.spi.collector.HostFacts;

/** The read-only context handed to every collector of one collection. */
record Context(ConfigNames config, HostFacts host, Clock clock, boolean mayWrite)
    implements CollectorContext {}
