package gg.kalico.telemetry.bench;

import gg.kalico.telemetry.collect.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.node.ObjectNode;

/**
 * Statistics at fleet size: {@code machines} active machines (100,000 by default) of realistic
 * configs in the embedded SQLite store, the service in its own process (256 MiB heap) while a
 * background generator posts 1,000 reports per second; each benchmark method is one API answer
 * or dashboard page, all run together (one JMH group, one client thread each, one service for
 * all) and sampled for their percentiles. At the end it prints how many aggregations ran
 * under that ingest, their mean and longest time, and what the generator achieved.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 1, time = 30)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class StatisticsBenchmark {
  private static final int INGEST_PER_SECOND = 1000;
  private static final int INGEST_THREADS = 40;

  @Param("100000")
  public int machines;

  private ServiceUnderTest server;
  private URI base;
  private HttpClient client;
  private ExecutorService ingest;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong ingested = new AtomicLong();
  private final AtomicLong ingestFailed = new AtomicLong();
  private long ingestStart;
  private String sectionPath;

  @Setup(Level.Trial)
  public void start() throws Exception {
    Path dir = Files.createTempDirectory("bench-stats-");
    Fleet fleet = Fleet.fromConformance();
    fill(dir, fleet);
    server = ServiceUnderTest.start(List.of("--data-dir", dir.toString(), "--rate", "0",
        "--stats-interval", "15s"), Map.of());
    base = server.collect();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String sections = get("/api/v1/sections");
    Matcher first = Pattern.compile("\"name\":\"([^\"]+)\"").matcher(sections);
    first.find();
    sectionPath = "/sections/" + java.net.URLEncoder.encode(first.group(1),
        StandardCharsets.UTF_8).replace("+", "%20");
    ingest = Executors.newFixedThreadPool(INGEST_THREADS);
    ingestStart = System.nanoTime();
    for (int t = 0; t < INGEST_THREADS; t++) {
      ingest.submit(() -> ingestLoop(fleet));
    }
  }

  /** Puts {@code machines} machines into the store, as if each had reported today. */
  private void fill(Path dir, Fleet fleet) throws Exception {
    long now = Instant.now().toEpochMilli();
    try (Store store = Store.sqlite(dir); Connection c = store.dataSource().getConnection();
        PreparedStatement m = c.prepareStatement("INSERT INTO machines (machine_id, first_seen,"
            + " last_seen, last_changed, document_sha256, document) VALUES (?, ?, ?, ?, ?, ?)")) {
      c.setAutoCommit(false);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < machines; i++) {
        ObjectNode doc = fleet.machine(i, 7);
        String json = doc.toString();
        long seen = now - ThreadLocalRandom.current().nextLong(Duration.ofDays(29).toMillis());
        m.setString(1, doc.at("/machine/id").asString());
        m.setLong(2, seen);
        m.setLong(3, seen);
        m.setLong(4, seen);
        m.setString(5, HexFormat.of().formatHex(sha.digest(json.getBytes(StandardCharsets.UTF_8))));
        m.setString(6, json);
        m.addBatch();
        if (i % 1000 == 999) {
          m.executeBatch();
        }
      }
      m.executeBatch();
      c.commit();
    }
  }

  /** One of the generator's threads: a report every INGEST_THREADS / INGEST_PER_SECOND s. */
  private void ingestLoop(Fleet fleet) {
    Pacer pacer = new Pacer(1_000_000_000L * INGEST_THREADS / INGEST_PER_SECOND);
    while (running.get()) {
      pacer.await();
      try {
        ObjectNode doc = fleet.machine(ThreadLocalRandom.current().nextInt(machines), 7);
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(base)
            .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(doc.toString())))
            .build(), HttpResponse.BodyHandlers.discarding());
        (r.statusCode() == 202 ? ingested : ingestFailed).incrementAndGet();
      } catch (IOException e) {
        ingestFailed.incrementAndGet();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode());
    }
    return r.body();
  }

  /**
   * A visitor's pace: each client thread asks every 100 ms (the wait is outside the measured
   * call), as many people loading pages would, rather than a loop that starves the ingest.
   */
  @State(Scope.Thread)
  public static class Pace {
    private final Pacer pacer = new Pacer(100_000_000L);

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
    Matcher max = Pattern.compile("(?m)^telemetry_statistics_aggregate_seconds_max ([0-9.E+-]+)")
        .matcher(metrics);
    System.out.printf("%n%d machines; ingest: %d reports accepted (%.0f/s), %d failed, over"
        + " %.1f s; aggregations during the run: %d, mean %.0f ms, longest (recent) %.0f ms%n",
        machines, ingested.get(), ingested.get() / seconds, ingestFailed.get(), seconds,
        ServiceUnderTest.count(metrics, "telemetry_statistics_aggregate_seconds"),
        ServiceUnderTest.meanMillis(metrics, "telemetry_statistics_aggregate_seconds"),
        max.find() ? 1000 * Double.parseDouble(max.group(1)) : Double.NaN);
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
