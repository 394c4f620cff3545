package gg.kalico.telemetry.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The collect service under load: 200 clients (JMH threads) on loopback post realistic reports (the
 * conformance corpus's configs and object lists, 2,000 distinct machines, gzip, a fresh
 * Idempotency-Key each) at {@code rate} reports per second together (1,000 by default; a client
 * that falls behind sends at once, so a service that cannot keep up shows as a lower count) for 60
 * s to a service in its own process with a 256 MiB heap, on the embedded SQLite or on PostgreSQL
 * ({@code -Dbench.postgres=jdbc:postgresql://...}, user and password {@code
 * -Dbench.postgres.user}/{@code .password}; the tables are emptied first). Sample time gives the
 * latency percentiles; the reports per second are the samples divided by the time. At the end it
 * prints the CPU seconds of the generator and of the service, and the service's largest heap in
 * use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 1, time = 60)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
@Threads(200) // THREADS
public class CollectServiceLoadBenchmark {
  private static final int MACHINES = 2000;
  private static final int THREADS = 200;
  private static final Pattern HEAP =
      Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\"} ([0-9.E+]+)");

  @Param({"sqlite", "postgresql"})
  public String store;

  /** Reports per second all clients send together (each client paces itself). */
  @Param("1000")
  public int rate;

  /**
   * One client's pace: it sends every {@code threads / rate} seconds. The wait happens before the
   * measured call, so the samples are the service's answer times at that rate, not the pauses.
   */
  @State(Scope.Thread)
  public static class Pace {
    private Pacer pacer;

    @Setup(Level.Invocation)
    public void waitTurn(CollectServiceLoadBenchmark load) {
      if (pacer == null) {
        pacer = new Pacer(1_000_000_000L * THREADS / load.rate);
      }
      pacer.await();
    }
  }

  private ServiceUnderTest server;
  private URI collect;
  private HttpClient client;
  private byte[][] bodies;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong heapMax = new AtomicLong();
  private ScheduledExecutorService sampler;
  private long serverCpuStart;
  private long selfCpuStart;
  private long wallStart;

  @Setup(Level.Trial)
  public void start() throws Exception {
    Fleet fleet = Fleet.fromConformance();
    bodies = new byte[MACHINES][];
    for (int i = 0; i < MACHINES; i++) {
      bodies[i] = gzip(fleet.machine(i, 1).toString().getBytes(StandardCharsets.UTF_8));
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--rate",
                "0",
                "--new-machines-per-address",
                "0",
                "--max-in-flight",
                "512",
                "--data-dir",
                Files.createTempDirectory("bench-collect-").toString()));
    Map<String, String> env = new HashMap<>();
    if (store.equals("postgresql")) {
      String url =
          System.getProperty("bench.postgres", System.getenv("TELEMETRY_TEST_POSTGRES_URL"));
      if (url == null) {
        throw new IllegalStateException("pass -Dbench.postgres=jdbc:postgresql://127.0.0.1/kt");
      }
      String user = System.getProperty("bench.postgres.user", "kt");
      String password = System.getProperty("bench.postgres.password", "kt");
      try (Connection c = DriverManager.getConnection(url, user, password);
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS reports, machines, daily_activity, flyway_schema_history");
      }
      args.addAll(List.of("--store", url, "--db-user", user));
      env.put("TELEMETRY_DB_PASSWORD", password);
    }
    server = ServiceUnderTest.start(args, env);
    collect = server.collect();
    client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8))
            .build();
    sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(this::sampleHeap, 0, 500, TimeUnit.MILLISECONDS);
    serverCpuStart = ServiceUnderTest.cpuTicks(server.pid());
    selfCpuStart = ServiceUnderTest.cpuTicks(ProcessHandle.current().pid());
    wallStart = System.nanoTime();
  }

  @Benchmark
  public int post(Pace pace) throws Exception {
    byte[] body = bodies[(int) (next.getAndIncrement() % MACHINES)];
    HttpResponse<Void> r =
        client.send(
            HttpRequest.newBuilder(collect)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 202) {
      throw new IllegalStateException("answer " + r.statusCode());
    }
    return r.statusCode();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    double wall = (System.nanoTime() - wallStart) / 1e9;
    double serverCpu = (ServiceUnderTest.cpuTicks(server.pid()) - serverCpuStart) / 100.0;
    double selfCpu =
        (ServiceUnderTest.cpuTicks(ProcessHandle.current().pid()) - selfCpuStart) / 100.0;
    sampler.shutdownNow();
    sampleHeap();
    String metrics = server.metrics(client);
    System.out.printf(
        "%n[%s] reports posted: %d in %.1f s (warm-up included); CPU seconds:"
            + " service %.1f, generator %.1f (of %.1f available on %d cores); service heap in use,"
            + " largest sample: %.1f MiB%n",
        store,
        next.get(),
        wall,
        serverCpu,
        selfCpu,
        wall * Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().availableProcessors(),
        heapMax.get() / 1048576.0);
    // where the service's time goes: the whole request, and the wait for the commit inside it
    System.out.printf(
        "[%s] service means: whole request %.2f ms, of which waiting for the store" + " %.2f ms%n",
        store,
        ServiceUnderTest.meanMillis(metrics, "telemetry_ingest_seconds"),
        ServiceUnderTest.meanMillis(metrics, "telemetry_store_seconds"));
    server.stop();
  }

  private void sampleHeap() {
    try {
      String metrics = server.metrics(client);
      Matcher m = HEAP.matcher(metrics);
      long used = 0;
      while (m.find()) {
        used += (long) Double.parseDouble(m.group(1));
      }
      heapMax.accumulateAndGet(used, Math::max);
    } catch (IOException e) {
      // the service is stopping
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }
}
