package gg.kalico.telemetry.bench;

import gg.kalico.telemetry.core.transport.https.HttpsTransport;
import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.TransportException;
import java.nio.charset.StandardCharsets;
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
 * Fills a running collect service with a simulated fleet, through the client's own HTTPS
 * transport (gzip, Idempotency-Key, the same code that sends a real report). Machines come from
 * the conformance corpus with a spread of operating systems, architectures and versions; over the
 * simulated days some upgrade, some change their config, and some stop reporting. The service
 * stamps each report with its arrival time, so the days are a sequence of rounds sent now.
 */
@Command(name = "fleet-simulator", mixinStandardHelpOptions = true,
    description = "Sends a simulated fleet's reports to a collect service.")
public final class FleetSimulator implements Callable<Integer> {
  private static final String[] UPGRADES = {"v0.12.0-527-g79013da", "v0.13.0-12-g0a1b2c3",
      "v0.13.0-40-g5e6f7a8"};

  @Option(names = "--endpoint", required = true, description = "the service's /collect URL")
  String endpoint;

  @Option(names = "--ca-file", description = "trust this PEM certificate (an https endpoint)")
  String caFile;

  @Option(names = "--machines", description = "how many machines (default: 500)")
  int machines = 500;

  @Option(names = "--days", description = "simulated days, one report per machine per day"
      + " (default: 7)")
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
    Fleet fleet = Fleet.fromConformance();
    Random r = new Random(seed);
    List<ObjectNode> state = new ArrayList<>();
    int[] stopsOn = new int[machines];
    for (int i = 0; i < machines; i++) {
      state.add(fleet.machine(i, seed));
      // one machine in five stops reporting on some day
      stopsOn[i] = r.nextInt(5) == 0 ? r.nextInt(Math.max(1, days)) : Integer.MAX_VALUE;
    }
    HttpsTransport transport = new HttpsTransport();
    Map<String, String> options = new HashMap<>(Map.of(HttpsTransport.ENDPOINT, endpoint));
    if (caFile != null) {
      options.put(HttpsTransport.CA_FILE, caFile);
    }
    AtomicLong sent = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int day = 0; day < days; day++) {
        List<Future<?>> round = new ArrayList<>();
        for (int i = 0; i < machines; i++) {
          if (day >= stopsOn[i]) {
            continue;
          }
          evolve(state.get(i), r);
          byte[] body = state.get(i).toString().getBytes(StandardCharsets.UTF_8);
          round.add(pool.submit(() -> {
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
        System.out.printf("day %d: %d reports sent, %d failed so far%n", day + 1, sent.get(),
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
