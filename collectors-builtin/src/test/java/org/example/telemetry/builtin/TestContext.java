package org.example.telemetry.builtin;

import java.time.Clock;
import org.example.telemetry.spi.collector.CollectorContext;
import org.example.telemetry.spi.collector.ConfigNames;
import org.example.telemetry.spi.collector.HostFacts;

/** A collector context for tests. */
public record TestContext(ConfigNames config, HostFacts host, Clock clock)
    implements CollectorContext {

  public static TestContext of(HostFacts facts) {
    return new TestContext(ConfigNames.empty(), facts, Clock.systemUTC());
  }

  public static TestContext of(HostFacts facts, ConfigNames names) {
    return new TestContext(names, facts, Clock.systemUTC());
  }
}
