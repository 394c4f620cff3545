package gg.kalico.telemetry.builtin;

import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.collector.HostFacts;
import gg.kalico.telemetry.spi.collector.MachineIdHash;
import java.time.Clock;

/**
 * A collector context for tests. Facts that name no application get the Kalico adapter's, as the
 * core gives them for the CLI.
 */
public record TestContext(
    ConfigNames config, HostFacts host, Clock clock, boolean mayWrite, int schemaMajor)
    implements CollectorContext {

  public TestContext {
    if (host.application().isEmpty()) {
      host = host.toBuilder().application(MachineIdHash.KALICO_APPLICATION).build();
    }
  }

  public static TestContext of(HostFacts facts) {
    return new TestContext(ConfigNames.empty(), facts, Clock.systemUTC(), true, 1);
  }

  public static TestContext of(HostFacts facts, ConfigNames names) {
    return new TestContext(names, facts, Clock.systemUTC(), true, 1);
  }

  public static TestContext readOnly(HostFacts facts) {
    return new TestContext(ConfigNames.empty(), facts, Clock.systemUTC(), false, 1);
  }
}
