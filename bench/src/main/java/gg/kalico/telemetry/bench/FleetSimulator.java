package gg.kalico.telemetry.bench;

import gg.kalico.telemetry.collect.CollectService;
import gg.kalico.telemetry.collect.CollectSettings;
import gg.kalico.telemetry.core.testing.MutableClock;
import gg.kalico.telemetry.core.transport.https.HttpsTransport;
import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.TransportException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills a collect service with a simulated fleet, through the client's own HTTPS transport (gzip,
 * Idempotency-Key, the same code that sends a real report). Machines come from the conformance
 * corpus with a spread of operating systems, architectures and versions; over the simulated days
 * some join, some upgrade, some change their config, and some stop reporting.
 *
 * <p>With {@code --endpoint} it sends to a running service, which stamps each report with its own
 * arrival time: the days arrive as rounds sent now. With {@code --data-dir} (or {@code --store}) it
 * runs the service itself, in this process, on a simulated clock that starts {@code --days} days
 * ago: each simulated day's reports are stamped with that day and the statistics refreshed at its
 * end, so the store then holds a history of that many days, which the real service (started on the
 * same store afterwards) shows. The real service never trusts a time a client sends; only this
 * process's own clock is simulated.
 */
@Command(
    name = "fleet-simulator",
    mixinStandardHelpOptions = true,
    description = "Sends a simulated fleet's reports to a collect service.")
public final class FleetSimulator implements Callable<Integer> {
  private static final String[] UPGRADES = {
    "v0.12.0-527-g79013da", "v0.13.0-12-g0a1b2c3", "v0.13.0-40-g5e6f7a8"
  };

  @Option(names = "--endpoint", description = "the /collect URL of a running service")
  String endpoint;

  @Option(
      names = "--data-dir",
      description =
          "run the service in this process on this SQLite"
              + " data directory, with a simulated clock (days in the past)")
  Path dataDir;

  @Option(
      names = "--store",
      description =
          "like --data-dir, on this PostgreSQL JDBC URL" + " (password from TELEMETRY_DB_PASSWORD)")
  String store;

  @Option(names = "--db-user", description = "database user, with --store")
  String dbUser;

  @Option(names = "--ca-file", description = "trust this PEM certificate (an https endpoint)")
  String caFile;

  @Option(names = "--machines", description = "how many machines (default: 500)")
  int machines = 500;

  @Option(
      names = "--days",
      description = "simulated days, one report per machine per day" + " (default: 7)")
  int days = 7;

  @Option(names = "--seed", description = "random seed (default: 1)")
  long seed = 1;

  @Option(names = "--threads", description = "concurrent senders (default: 16)")
  int threads = 16;

  public static void main(String[] args) {
    System.exit(new CommandLine(new FleetSimulator()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if ((endpoint == null) == (dataDir == null && store == null)) {
      System.err.println(
          "error: give either --endpoint (a running service) or --data-dir or"
              + " --store (a simulated past, in this process)");
      return 2;
    }
    if (endpoint != null) {
      return simulate(URI.create(endpoint), null, null);
    }
    Instant start =
        LocalDate.now(ZoneOffset.UTC).minusDays(days).atTime(12, 0).toInstant(ZoneOffset.UTC);
    MutableClock clock = new MutableClock(start);
    CollectSettings.Builder settings =
        CollectSettings.builder()
            .port(0)
            .bind("127.0.0.1")
            .ratePerAddressPerMinute(0)
            .newMachinesPerAddressPerDay(0)
            .clock(clock)
            .statisticsInterval(Duration.ofDays(1));
    if (store != null) {
      settings.jdbcUrl(store).dbUser(dbUser).dbPassword(System.getenv("TELEMETRY_DB_PASSWORD"));
    } else {
      settings.dataDirectory(dataDir);
    }
    try (CollectService server = CollectService.start(settings.build())) {
      int code = simulate(server.collectUri(), clock, server);
      System.out.println(
          "the store now holds "
              + days
              + " simulated days; start the service on"
              + " it ("
              + (store != null ? "--store " + store : "--data-dir " + dataDir)
              + ") to see them");
      return code;
    }
  }

  /**
   * Sends the days' rounds to {@code endpoint}; with a clock, each day is stamped on the clock and
   * the server's statistics are refreshed at its end.
   */
  private int simulate(URI target, MutableClock clock, CollectService server) throws Exception {
    Fleet fleet = Fleet.fromConformance();
    Random r = new Random(seed);
    List<ObjectNode> state = new ArrayList<>();
    int[] stopsOn = new int[machines];
    int[] joinsOn = new int[machines];
    for (int i = 0; i < machines; i++) {
      state.add(fleet.machine(i, seed));
      // one machine in three joins on a later day; one in five stops reporting on some day
      joinsOn[i] = r.nextInt(3) == 0 ? r.nextInt(Math.max(1, days)) : 0;
      stopsOn[i] =
          r.nextInt(5) == 0
              ? joinsOn[i] + r.nextInt(Math.max(1, days - joinsOn[i]))
              : Integer.MAX_VALUE;
    }
    HttpsTransport transport = new HttpsTransport();
    Map<String, String> options = new HashMap<>(Map.of(HttpsTransport.ENDPOINT, target.toString()));
    if (caFile != null) {
      options.put(HttpsTransport.CA_FILE, caFile);
    }
    AtomicLong sent = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int day = 0; day < days; day++) {
        if (clock != null) {
          clock.advance(
              Duration.between(
                  clock.instant(),
                  LocalDate.now(ZoneOffset.UTC)
                      .minusDays(days - day)
                      .atTime(12, 0)
                      .toInstant(ZoneOffset.UTC)));
        }
        List<Future<?>> round = new ArrayList<>();
        for (int i = 0; i < machines; i++) {
          if (day < joinsOn[i] || day >= stopsOn[i]) {
            continue;
          }
          evolve(state.get(i), r);
          byte[] body = state.get(i).toString().getBytes(StandardCharsets.UTF_8);
          round.add(
              pool.submit(
                  () -> {
                    try {
                      transport.send(new Payload(UUID.randomUUID().toString(), body, options));
                      sent.incrementAndGet();
                    } catch (TransportException e) {
                      failed.incrementAndGet();
                    }
                  }));
        }
        for (Future<?> f : round) {
          f.get();
        }
        if (server != null) {
          server.statistics().refresh();
        }
        System.out.printf(
            "day %d%s: %d reports sent, %d failed so far%n",
            day + 1,
            clock == null ? "" : " (" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ")",
            sent.get(),
            failed.get());
      }
    } finally {
      pool.shutdownNow();
    }
    return failed.get() == 0 ? 0 : 1;
  }

  /** A day passes for one machine: sometimes an upgrade, sometimes a new section. */
  private static void evolve(ObjectNode machine, Random r) {
    if (r.nextInt(20) == 0) {
      ((ObjectNode) machine.get("software")).put("version", UPGRADES[r.nextInt(UPGRADES.length)]);
    }
    if (r.nextInt(30) == 0 && !machine.get("config").has("exclude_object")) {
      // the user adds [exclude_object]: a new section, and the object it loads
      ObjectNode config = (ObjectNode) machine.get("config").deepCopy();
      config.putArray("exclude_object");
      machine.set("config", config);
      ArrayNode objects = (ArrayNode) machine.get("objects").deepCopy();
      objects.add("exclude_object");
      machine.set("objects", objects);
    }
  }
}
