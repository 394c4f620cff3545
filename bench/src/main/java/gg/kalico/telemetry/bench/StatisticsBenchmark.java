package gg.kalico.telemetry.bench;

import gg.kalico.telemetry.collect.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * Statistics at fleet size: {@code machines} active machines (100,000 by default) of realistic
 * configs in SQLite or PostgreSQL ({@link FleetStore}), the service in its own process (256 MiB
 * heap) while a background generator posts 1,000 reports per second; each benchmark method is one
 * API answer or dashboard page (history included), all run together (one JMH group, one client
 * thread each, one service for all) and sampled for their percentiles. At the end it prints how
 * many refreshes ran under that ingest, their mean and longest time, the oldest the published
 * numbers got, the ingest's percentiles, and what the generator achieved.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 1, time = 30)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class StatisticsBenchmark {
  private static final int INGEST_PER_SECOND = 1000;
  private static final int INGEST_THREADS = 40;

  /** The warm-up iteration's length: the ingest's percentiles leave it out, as JMH does. */
  private static final long WARMUP_NANOS = 10_000_000_000L;

  @Param("100000")
  public int machines;

  @Param("sqlite")
  public String store;

  /** How often each page client asks (ms): 100 is 130 answers a second for the 13 together. */
  @Param("100")
  public long pageEveryMillis;

  private ServiceUnderTest server;
  private URI base;
  private HttpClient client;
  private ExecutorService ingest;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong ingested = new AtomicLong();
  private final AtomicLong ingestFailed = new AtomicLong();
  private final AtomicLong oldest = new AtomicLong();
  private volatile String afterWarmup;

  /** Each report's round trip as the generator saw it, in nanoseconds (bounded). */
  private final List<Long> latencies = new java.util.ArrayList<>();

  /** When reports slower than 50 ms were sent (epoch milliseconds), to find their bursts. */
  private final List<Long> slow = new java.util.ArrayList<>();

  private long ingestStart;
  private String sectionPath;

  @Setup(Level.Trial)
  public void start() throws Exception {
    Fleet fleet = Fleet.fromConformance();
    try (Store db = FleetStore.open(store, machines)) {
      FleetStore.ensure(db, fleet, machines);
    }
    List<String> args = new java.util.ArrayList<>(FleetStore.serviceArgs(store, machines));
    // the generator's machines all reported before: the new-machine limit stays at its default
    // and costs what it costs a real service (a lookup per report), never refusing one
    args.addAll(List.of("--rate", "0"));
    String extraArgs = System.getProperty("bench.serviceArgs", "").strip();
    if (!extraArgs.isEmpty()) {
      args.addAll(List.of(extraArgs.split("\\s+")));
    }
    server =
        ServiceUnderTest.start(
            args,
            store.equals("postgresql")
                ? Map.of(
                    "TELEMETRY_DB_PASSWORD", System.getenv("TELEMETRY_BENCH_POSTGRES_PASSWORD"))
                : Map.of());
    base = server.collect();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String sections = get("/api/v1/sections");
    Matcher first = Pattern.compile("\"name\":\"([^\"]+)\"").matcher(sections);
    first.find();
    sectionPath =
        "/sections/"
            + java.net.URLEncoder.encode(first.group(1), StandardCharsets.UTF_8)
                .replace("+", "%20");
    ingest = Executors.newFixedThreadPool(INGEST_THREADS + 1);
    ingestStart = System.nanoTime();
    for (int t = 0; t < INGEST_THREADS; t++) {
      ingest.submit(() -> ingestLoop(fleet));
    }
    ingest.submit(this::watchAge);
    ingest.submit(
        () -> {
          try {
            Thread.sleep(WARMUP_NANOS / 1_000_000);
            afterWarmup = server.metrics(client);
          } catch (IOException | InterruptedException e) {
            afterWarmup = null;
          }
        });
  }

  /** Reads the age of the published numbers from the service every second; keeps the oldest. */
  private void watchAge() {
    Pattern age = Pattern.compile("(?m)^telemetry_statistics_age_seconds ([0-9.E+-]+)");
    while (running.get()) {
      try {
        Matcher m = age.matcher(server.metrics(client));
        if (m.find()) {
          oldest.accumulateAndGet((long) Double.parseDouble(m.group(1)), Math::max);
        }
        Thread.sleep(1000);
      } catch (IOException e) {
        continue;
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One of the generator's threads: a report every INGEST_THREADS / INGEST_PER_SECOND s. */
  private void ingestLoop(Fleet fleet) {
    Pacer pacer = new Pacer(1_000_000_000L * INGEST_THREADS / INGEST_PER_SECOND);
    while (running.get()) {
      pacer.await();
      try {
        ObjectNode doc = fleet.machine(ThreadLocalRandom.current().nextInt(machines), 7);
        long sentAt = System.nanoTime();
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(base)
                    .header("Content-Type", "application/json")
                    .header("Content-Encoding", "gzip")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(doc.toString())))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        long took = System.nanoTime() - sentAt;
        (r.statusCode() == 202 ? ingested : ingestFailed).incrementAndGet();
        if (sentAt - ingestStart < WARMUP_NANOS) {
          continue; // JMH's warm-up: the service is still compiling, as the API is
        }
        synchronized (latencies) {
          if (latencies.size() < 500_000) {
            latencies.add(took);
          }
          if (took > 50_000_000L && slow.size() < 100_000) {
            slow.add(System.currentTimeMillis());
          }
        }
      } catch (IOException e) {
        ingestFailed.incrementAndGet();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(base.resolve(path)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode());
    }
    return r.body();
  }

  /**
   * A visitor's pace: each client thread asks every {@code pageEveryMillis} (100 ms by default; the
   * wait is outside the measured call), as many people loading pages would, rather than a loop that
   * starves the ingest.
   */
  @State(Scope.Thread)
  public static class Pace {
    private Pacer pacer;

    @Setup(Level.Trial)
    public void start(StatisticsBenchmark benchmark) {
      pacer = new Pacer(benchmark.pageEveryMillis * 1_000_000L);
    }

    @Setup(Level.Invocation)
    public void waitTurn() {
      pacer.await();
    }
  }

  @Benchmark
  @Group("statistics")
  @GroupThreads(1)
  public String apiSummary(Pace pace) throws Exception {
    return get("/api/v1/summary");
  }

  @Benchmark
  @Group("statistics")
  @GroupThreads(1)
  public String apiSections(Pace pace) throws Exception {
    return get("/api/v1/sections");
  }

  @Benchmark
  @Group("statistics")
  @GroupThreads(1)
  public String apiSystems(Pace pace) throws Exception {
    return get("/api/v1/systems");
  }

  @Benchmark
  @Group("statistics")
  @GroupThreads(1)
  public String apiSoftware(Pace pace) throws Exception {
    return get("/api/v1/software");
  }

  @Benchmark
  @Group("statistics")
  @GroupThreads(1)
  public String apiObjects(Pace pace) throws Exception {
    return get("/api/v1/objects");
  }

  @Benchmark
  @Group("statistics")
  @GroupThreads(1)
  public String apiExtensions(Pace pace) throws Exception {
    return get("/api/v1/extensions");
  }

  @Benchmark
  @Group("statistics")
  @GroupThreads(1)
  public String apiHistory(Pace pace) throws Exception {
    return get("/api/v1/history");
  }

  @Benchmark
  @Group("statistics")
  @GroupThreads(1)
  public String apiHistoryVersion(Pace pace) throws Exception {
    return get("/api/v1/history/version");
  }

  @Benchmark
  @Group("statistics")
  @GroupThreads(1)
  public String apiHistorySection(Pace pace) throws Exception {
    return get("/api/v1/history/sections/printer");
  }

  @Benchmark
  @Group("statistics")
  @GroupThreads(1)
  public String apiSectionOptions(Pace pace) throws Exception {
    return get("/api" + "/v1" + sectionPath + "/options");
  }

  @Benchmark
  @Group("statistics")
  @GroupThreads(1)
  public String csvSections(Pace pace) throws Exception {
    return get("/api/v1/lists/sections.csv");
  }

  @Benchmark
  @Group("statistics")
  @GroupThreads(1)
  public String pageDashboard(Pace pace) throws Exception {
    return get("/");
  }

  @Benchmark
  @Group("statistics")
  @GroupThreads(1)
  public String pageSection(Pace pace) throws Exception {
    return get(sectionPath);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    running.set(false);
    ingest.shutdownNow();
    double seconds = (System.nanoTime() - ingestStart) / 1e9;
    String metrics = server.metrics(client);
    Matcher max =
        Pattern.compile("(?m)^telemetry_statistics_refresh_seconds_max ([0-9.E+-]+)")
            .matcher(metrics);
    System.out.printf(
        "%n%d machines (%s); ingest: %d reports accepted (%.0f/s), %d failed,"
            + " over %.1f s; refreshes during the run: %d, mean %.0f ms, longest (recent) %.0f ms;"
            + " published numbers at most %d s old%n",
        machines,
        store,
        ingested.get(),
        ingested.get() / seconds,
        ingestFailed.get(),
        seconds,
        ServiceUnderTest.count(metrics, "telemetry_statistics_refresh_seconds"),
        ServiceUnderTest.meanMillis(metrics, "telemetry_statistics_refresh_seconds"),
        max.find() ? 1000 * Double.parseDouble(max.group(1)) : Double.NaN,
        oldest.get());
    System.out.printf(
        "ingest in the service (its own timer after the warm-up; histogram bucket"
            + " bounds): p50 <= %.1f ms, p99 <= %.1f ms%n",
        ServiceUnderTest.percentileMillis(metrics, afterWarmup, "telemetry_ingest_seconds", 0.5),
        ServiceUnderTest.percentileMillis(metrics, afterWarmup, "telemetry_ingest_seconds", 0.99));
    System.out.printf(
        "of which waiting for the commit (the report writer's queue and transaction):"
            + " p50 <= %.1f ms, p99 <= %.1f ms%n",
        ServiceUnderTest.percentileMillis(metrics, afterWarmup, "telemetry_store_seconds", 0.5),
        ServiceUnderTest.percentileMillis(metrics, afterWarmup, "telemetry_store_seconds", 0.99));
    long[] sorted;
    synchronized (latencies) {
      sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }
    if (System.getProperty("bench.slowSeconds") != null) {
      java.util.TreeMap<Long, Integer> perSecond = new java.util.TreeMap<>();
      synchronized (latencies) {
        slow.forEach(t -> perSecond.merge(t / 1000, 1, Integer::sum));
      }
      perSecond.forEach(
          (second, n) ->
              System.out.printf(
                  "slow reports at %s: %d%n", java.time.Instant.ofEpochSecond(second), n));
    }
    if (sorted.length > 0) {
      System.out.printf(
          "ingest as the generator saw it: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
              + " (%d reports)%n",
          sorted[sorted.length / 2] / 1e6,
          sorted[(int) (sorted.length * 0.99)] / 1e6,
          sorted[sorted.length - 1] / 1e6,
          sorted.length);
    }
    server.stop();
  }

  private static byte[] gzip(String json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
