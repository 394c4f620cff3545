package gg.kalico.telemetry.bench;

import gg.kalico.telemetry.spi.collector.MachineIdHash;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A flood of invented names against the service in its own process (256 MiB heap, statistics
 * refreshed every 30 s as by default): {@code reports} machines, each with 4,096 unique section
 * names and 4,096 unique object names. One shot: from the first report sent until every flooding
 * machine is counted. It prints the refreshes' mean and longest time, the oldest the published
 * numbers got, and the service's largest heap in use, sampled every second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(1)
public class NameFloodBenchmark {
  private static final int NAMES = 4096;

  @Param("100")
  public int reports;

  private ServiceUnderTest server;
  private HttpClient client;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong heap = new AtomicLong();
  private final AtomicLong oldest = new AtomicLong();
  private Thread watcher;

  @Setup(Level.Trial)
  public void start() throws Exception {
    Path dir = Files.createTempDirectory("bench-flood-");
    server =
        ServiceUnderTest.start(
            List.of("--data-dir", dir.toString(), "--rate", "0", "--new-machines-per-address", "0"),
            Map.of());
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    watcher = new Thread(this::watch, "flood-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** The service's heap in use and the age of its numbers, every second. */
  private void watch() {
    Pattern used =
        Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\",[^}]*\\}" + " ([0-9.E+-]+)");
    Pattern age = Pattern.compile("(?m)^telemetry_statistics_age_seconds ([0-9.E+-]+)");
    while (running.get()) {
      try {
        String metrics = server.metrics(client);
        double sum = 0;
        Matcher m = used.matcher(metrics);
        while (m.find()) {
          sum += Double.parseDouble(m.group(1));
        }
        heap.accumulateAndGet((long) sum, Math::max);
        Matcher a = age.matcher(metrics);
        if (a.find()) {
          oldest.accumulateAndGet((long) Double.parseDouble(a.group(1)), Math::max);
        }
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        continue;
      }
    }
  }

  @Benchmark
  public long flood() throws Exception {
    URI collect = server.collect();
    for (int m = 0; m < reports; m++) {
      HttpResponse<Void> r =
          client.send(
              HttpRequest.newBuilder(collect)
                  .header("Content-Type", "application/json")
                  .header("Content-Encoding", "gzip")
                  .header("Idempotency-Key", UUID.randomUUID().toString())
                  .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(flood(m))))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 202) {
        throw new IllegalStateException("a flood report was answered " + r.statusCode());
      }
    }
    for (int i = 0; i < 600; i++) {
      String summary =
          client
              .send(
                  HttpRequest.newBuilder(collect.resolve("/api/v1/summary")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      long active = JsonMapper.shared().readTree(summary).get("active_machines").asLong();
      if (active >= reports) {
        return active;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the flood was not counted within 5 minutes");
  }

  private static byte[] flood(int machine) {
    ObjectNode doc = JsonMapper.shared().createObjectNode();
    doc.put("schema_version", 1);
    doc.putObject("machine")
        .put("id", MachineIdHash.of("flood-" + machine))
        .put("id_source", "machine-id");
    ObjectNode config = doc.putObject("config");
    ArrayNode objects = doc.putArray("objects");
    for (int i = 0; i < NAMES; i++) {
      config.putArray("flood_" + machine + "_section_" + i).add("option_" + i);
      objects.add("flood_" + machine + "_object_" + i);
    }
    return doc.toString().getBytes(StandardCharsets.UTF_8);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    running.set(false);
    watcher.interrupt();
    String metrics = server.metrics(client);
    Matcher max =
        Pattern.compile("(?m)^telemetry_statistics_refresh_seconds_max ([0-9.E+-]+)")
            .matcher(metrics);
    Matcher failures =
        Pattern.compile("(?m)^telemetry_statistics_refresh_failures_total ([0-9.E+-]+)")
            .matcher(metrics);
    System.out.printf(
        "%n%d flooding machines (%d invented names each): refreshes %d, mean %.0f"
            + " ms, longest (recent) %.0f ms, failed %s; published numbers at most %d s old;"
            + " largest heap in use %d MiB of 256%n",
        reports,
        2 * NAMES,
        ServiceUnderTest.count(metrics, "telemetry_statistics_refresh_seconds"),
        ServiceUnderTest.meanMillis(metrics, "telemetry_statistics_refresh_seconds"),
        max.find() ? 1000 * Double.parseDouble(max.group(1)) : Double.NaN,
        failures.find() ? failures.group(1) : "?",
        oldest.get(),
        heap.get() >> 20);
    server.stop();
  }

  private static byte[] gzip(byte[] raw) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }
}
