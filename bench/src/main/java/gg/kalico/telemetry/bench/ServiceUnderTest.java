package gg.kalico.telemetry.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collect service in its own process with a 256 MiB heap, as an operator runs it, for the
 * benchmarks: started from this jar's class path, stopped with SIGTERM, measured through {@code
 * /proc} and its own {@code /metrics}.
 */
final class ServiceUnderTest {
  private final Process process;
  private final URI collect;

  private ServiceUnderTest(Process process, URI collect) {
    this.process = process;
    this.collect = collect;
  }

  /** Starts {@code Main --port 0} with these arguments; waits until it listens. */
  static ServiceUnderTest start(List<String> args, Map<String, String> env) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    // e.g. -Dbench.serviceJvmArgs=-Xlog:gc:file=/tmp/gc.log, to look inside the service
    String extra = System.getProperty("bench.serviceJvmArgs", "").strip();
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "gg.kalico.telemetry.collect.Main",
            "--port",
            "0"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    Process p = pb.start();
    String line =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    if (line == null || !line.startsWith("collect service listening on ")) {
      p.destroyForcibly();
      throw new IllegalStateException("the service did not start: " + line);
    }
    return new ServiceUnderTest(p, URI.create(line.split(" ")[4]));
  }

  URI collect() {
    return collect;
  }

  long pid() {
    return process.pid();
  }

  /** Its Prometheus metrics. */
  String metrics(HttpClient client) throws IOException, InterruptedException {
    return client
        .send(
            HttpRequest.newBuilder(collect.resolve("/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Mean of a timer in milliseconds, from the metrics text. */
  static double meanMillis(String metrics, String timer) {
    Matcher sum = Pattern.compile("(?m)^" + timer + "_sum ([0-9.E+-]+)").matcher(metrics);
    Matcher count = Pattern.compile("(?m)^" + timer + "_count ([0-9.E+-]+)").matcher(metrics);
    if (!sum.find() || !count.find()) {
      return Double.NaN;
    }
    return 1000 * Double.parseDouble(sum.group(1)) / Double.parseDouble(count.group(1));
  }

  /**
   * A percentile of a timer published with a histogram, from its cumulative buckets, counting only
   * what was observed after {@code since} (an earlier scrape; null for the whole run): the upper
   * bound (in milliseconds) of the first bucket holding that share of the observations.
   */
  static double percentileMillis(String metrics, String since, String timer, double share) {
    java.util.TreeMap<Double, Double> buckets = buckets(metrics, timer);
    if (since != null) {
      buckets(since, timer).forEach((le, n) -> buckets.merge(le, -n, Double::sum));
    }
    if (buckets.isEmpty()) {
      return Double.NaN;
    }
    double total = buckets.lastEntry().getValue();
    for (var b : buckets.entrySet()) {
      if (b.getValue() >= share * total) {
        return 1000 * b.getKey();
      }
    }
    return Double.NaN;
  }

  private static java.util.TreeMap<Double, Double> buckets(String metrics, String timer) {
    Matcher m =
        Pattern.compile(
                "(?m)^" + timer + "_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*\\}" + " ([0-9.E+-]+)")
            .matcher(metrics);
    java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
    while (m.find()) {
      double le =
          m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
      buckets.merge(le, Double.parseDouble(m.group(2)), Double::sum);
    }
    return buckets;
  }

  /** How many times a timer ran, from the metrics text. */
  static long count(String metrics, String timer) {
    Matcher count = Pattern.compile("(?m)^" + timer + "_count ([0-9.E+-]+)").matcher(metrics);
    return count.find() ? (long) Double.parseDouble(count.group(1)) : 0;
  }

  /** utime + stime of a process, in clock ticks (1/100 s on Linux). */
  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** SIGTERM; waits for it to stop. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
