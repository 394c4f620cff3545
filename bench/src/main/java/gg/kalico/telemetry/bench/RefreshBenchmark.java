package gg.kalico.telemetry.bench;

import gg.kalico.telemetry.collect.stats.Statistics;
import gg.kalico.telemetry.collect.store.IncomingReport;
import gg.kalico.telemetry.collect.store.ReportWriter;
import gg.kalico.telemetry.collect.store.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.node.ObjectNode;

/**
 * One statistics refresh after {@code changes} machines (1,000 by default) changed their document,
 * in a fleet of {@code machines} active machines of the corpus's configs, on SQLite or PostgreSQL,
 * with the service's 256 MiB heap. The changes go through the service's own report writer (the way
 * ingest stores them) before each measured refresh; half are upgrades, half add or remove a
 * section. Sampled, so the percentiles (p95 included) are printed per run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 1, time = 40)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx256m"})
public class RefreshBenchmark {
  private static final String[] UPGRADES = {
    "v0.13.1-1-gaaaaaaa", "v0.13.1-2-gbbbbbbb", "v0.13.2-3-gccccccc"
  };

  @Param("10000")
  public int machines;

  @Param("sqlite")
  public String store;

  @Param("1000")
  public int changes;

  private Store db;
  private ReportWriter writer;
  private Statistics statistics;
  private Fleet fleet;
  private final Random random = new Random(11);
  private int round;

  @Setup(Level.Trial)
  public void open() throws Exception {
    fleet = Fleet.fromConformance();
    db = FleetStore.open(store, machines);
    FleetStore.ensure(db, fleet, machines);
    writer = new ReportWriter(db);
    statistics =
        new Statistics(
            db,
            Clock.systemUTC(),
            FleetStore.WINDOW,
            FleetStore.K,
            Duration.ofSeconds(30),
            new SimpleMeterRegistry());
    statistics.refresh();
  }

  /** {@code changes} machines send a changed document, stored as ingest stores it. */
  @Setup(Level.Invocation)
  public void change() throws Exception {
    round++;
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    List<CompletableFuture<ReportWriter.Outcome>> stored = new ArrayList<>();
    for (int i = 0; i < changes; i++) {
      int m = random.nextInt(machines);
      ObjectNode doc = fleet.machine(m, 7);
      if (i % 2 == 0) {
        ((ObjectNode) doc.get("software")).put("version", UPGRADES[round % UPGRADES.length]);
      } else {
        ObjectNode config = ((ObjectNode) doc.get("config")).deepCopy();
        config.putArray("exclude_object_" + (round % 3));
        doc.set("config", config);
      }
      byte[] json = doc.toString().getBytes(StandardCharsets.UTF_8);
      stored.add(
          writer.submit(
              IncomingReport.of(
                  UUID.randomUUID().toString(),
                  doc.at("/machine/id").asString(),
                  java.time.Instant.now(),
                  1,
                  "canonical",
                  json,
                  HexFormat.of().formatHex(sha.digest(json)),
                  null)));
    }
    for (CompletableFuture<ReportWriter.Outcome> f : stored) {
      f.get(60, TimeUnit.SECONDS);
    }
  }

  @Benchmark
  public long refresh() {
    return statistics.refresh().activeMachines();
  }

  @TearDown(Level.Trial)
  public void close() {
    writer.close();
    db.close();
  }
}
