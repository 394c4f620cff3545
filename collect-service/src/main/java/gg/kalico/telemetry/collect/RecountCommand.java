package gg.kalico.telemetry.collect;

import gg.kalico.telemetry.collect.stats.Statistics;
import gg.kalico.telemetry.collect.store.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code collect-service recount}: the repair path. Forgets every count and counts every machine
 * again from its stored document, for after a fix in what is counted. Running services keep
 * publishing what they had until it is done, then pick the new counts up. Past days of the history
 * are kept as they were recorded.
 */
@Command(
    name = "recount",
    mixinStandardHelpOptions = true,
    description =
        "Counts every machine again from its stored document (a repair; the service"
            + " counts what changed on its own). Past days of the history are kept as recorded.")
final class RecountCommand implements Callable<Integer> {
  @Mixin StoreOptions store = new StoreOptions();

  @Override
  public Integer call() {
    CollectSettings settings;
    try {
      settings = store.apply(CollectSettings.builder()).build();
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    try (Store s =
        settings.jdbcUrl() == null
            ? Store.sqlite(settings.dataDirectory())
            : Store.open(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword())) {
      Statistics statistics =
          new Statistics(
              s,
              settings.clock(),
              settings.activeWindow(),
              settings.k(),
              settings.statisticsInterval(),
              new SimpleMeterRegistry());
      Statistics.Recount r = statistics.recount();
      System.out.printf(
          Locale.ROOT,
          "recounted %d active machines in %.1f s; past days of the"
              + " history are kept as recorded%n",
          r.machines(),
          r.took().toMillis() / 1000.0);
      return 0;
    } catch (Exception e) {
      System.err.println("error: the recount failed: " + Main.rootMessage(e));
      return 1;
    }
  }
}
