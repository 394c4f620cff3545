package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A flood of invented names: 100 machines, each with 4,096 unique section names and 4,096 unique
 * object names, sent to the service in its own process with a 256 MiB heap. Refreshes keep up,
 * nothing answers 500, no memory error, and after a restart the statistics are served.
 */
class NameFloodTest {
  private static final int MACHINES = 100;
  private static final int NAMES = 4096;

  @TempDir Path tmp;

  @Test
  void inventedNamesNeitherStopTheRefreshesNorFillTheHeap() throws Exception {
    Path data = tmp.resolve("data");
    String[] args = {
      "--data-dir",
      data.toString(),
      "--rate",
      "0",
      "--stats-interval",
      "1s",
      "--new-machines-per-address",
      "0"
    };
    List<Integer> statuses = new ArrayList<>();
    try (ServiceProcess service = ServiceProcess.start(tmp.resolve("first.log"), Map.of(), args)) {
      ExecutorService senders = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> sent = new ArrayList<>();
        for (int m = 0; m < MACHINES; m++) {
          int machine = m;
          sent.add(
              senders.submit(
                  () ->
                      Http.postReport(
                              service.collectUri(), flood(machine), UUID.randomUUID().toString())
                          .status()));
        }
        // while the flood arrives, every answer is an answer, never a 500
        for (int i = 0; i < 20 && !sent.stream().allMatch(Future::isDone); i++) {
          statuses.add(Http.get(service.collectUri().resolve("/api/v1/summary")).status());
          statuses.add(Http.get(service.collectUri().resolve("/health")).status());
          Thread.sleep(250);
        }
        for (Future<Integer> f : sent) {
          assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(202);
        }
      } finally {
        senders.shutdownNow();
      }
      long active = 0;
      for (int i = 0; i < 240 && active < MACHINES; i++) {
        Http.Answer summary = Http.get(service.collectUri().resolve("/api/v1/summary"));
        statuses.add(summary.status());
        active = JsonMapper.shared().readTree(summary.body()).get("active_machines").asLong();
        Thread.sleep(250);
      }
      assertThat(active).as("every flooding machine counted").isEqualTo(MACHINES);
      String metrics = Http.get(service.collectUri().resolve("/metrics")).body();
      assertThat(gauge(metrics, "telemetry_statistics_refresh_failures_total")).isZero();
      assertThat(gauge(metrics, "telemetry_statistics_age_seconds")).isLessThan(30);
      assertThat(Http.get(service.collectUri().resolve("/health")).body())
          .contains("\"status\":\"up\"");
      statuses.add(Http.get(service.collectUri().resolve("/")).status());
      assertThat(service.terminate()).isEqualTo(143);
    }
    assertThat(statuses).doesNotContain(500).allMatch(s -> s == 200);
    assertThat(Files.readString(tmp.resolve("first.log")))
        .doesNotContain("OutOfMemoryError")
        .doesNotContain(" ERROR ");

    try (ServiceProcess again = ServiceProcess.start(tmp.resolve("second.log"), Map.of(), args)) {
      Http.Answer summary = Http.get(again.collectUri().resolve("/api/v1/summary"));
      assertThat(summary.status()).isEqualTo(200);
      assertThat(JsonMapper.shared().readTree(summary.body()).get("active_machines").asLong())
          .isEqualTo(MACHINES);
      assertThat(Http.get(again.collectUri().resolve("/")).status()).isEqualTo(200);
      assertThat(Http.get(again.collectUri().resolve("/api/v1/sections")).body())
          .doesNotContain("flood_");
    }
    assertThat(Files.readString(tmp.resolve("second.log"))).doesNotContain("OutOfMemoryError");
  }

  private static String flood(int machine) throws Exception {
    ObjectNode doc = Reports.canonical("flood-" + machine);
    ObjectNode config = doc.putObject("config");
    ArrayNode objects = doc.putArray("objects");
    for (int i = 0; i < NAMES; i++) {
      config.putArray("flood_" + machine + "_section_" + i).add("option_" + i);
      objects.add("flood_" + machine + "_object_" + i);
    }
    return Reports.json(doc);
  }

  private static double gauge(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.E+-]+)$").matcher(metrics);
    assertThat(m.find()).as(name + " in /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }
}
