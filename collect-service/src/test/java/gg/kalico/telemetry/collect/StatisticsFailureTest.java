package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.store.Store;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A refresh that fails (here: one machine's counted names damaged on disk) is logged at ERROR with
 * its cause and retried; /health says "degraded" with the age of the numbers, /metrics counts the
 * failures, and every answer keeps serving the last good numbers. The repair recount ({@code
 * collect-service recount}) mends it, and the service picks the new counts up.
 */
class StatisticsFailureTest {
  @TempDir Path tmp;

  private static JsonNode json(Http.Answer a) {
    return JsonMapper.shared().readTree(a.body());
  }

  private static JsonNode waitFor(ServiceProcess s, String path, String field, long value)
      throws Exception {
    JsonNode last = null;
    for (int i = 0; i < 100; i++) {
      last = json(Http.get(s.collectUri().resolve(path)));
      if (last.at(field).asLong() == value) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(path + " " + field + " never became " + value + ": " + last);
  }

  @Test
  void aFailedRefreshKeepsTheLastNumbersAndSaysSo() throws Exception {
    Path data = tmp.resolve("data");
    String[] args = {
      "--data-dir", data.toString(), "--rate", "0", "--stats-interval", "1s", "-k", "2"
    };
    try (ServiceProcess service =
        ServiceProcess.start(tmp.resolve("service.log"), Map.of(), args)) {
      for (String m : new String[] {"a", "b", "c"}) {
        assertThat(
                Http.postReport(
                        service.collectUri(),
                        Reports.json(Reports.canonical(m)),
                        UUID.randomUUID().toString())
                    .status())
            .isEqualTo(202);
      }
      waitFor(service, "/api/v1/summary", "/active_machines", 3);
      try (Connection c = DriverManager.getConnection(Store.sqliteUrl(data));
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "UPDATE machines SET counted_names = X'00010203', dirty = 1"
                + " WHERE machine_id = (SELECT MIN(machine_id) FROM machines)");
      }
      assertThat(
              Http.postReport(
                      service.collectUri(),
                      Reports.json(Reports.canonical("d")),
                      UUID.randomUUID().toString())
                  .status())
          .isEqualTo(202);
      JsonNode health = json(Http.get(service.collectUri().resolve("/health")));
      for (int i = 0; i < 50 && !health.at("/status").asString().equals("degraded"); i++) {
        Thread.sleep(200);
        health = json(Http.get(service.collectUri().resolve("/health")));
      }
      assertThat(health.get("status").asString()).isEqualTo("degraded");
      assertThat(health.at("/statistics/problem").asString()).contains("the last refresh failed");
      assertThat(health.at("/statistics/age_seconds").isNumber()).isTrue();
      Http.Answer summary = Http.get(service.collectUri().resolve("/api/v1/summary"));
      assertThat(summary.status()).isEqualTo(200);
      assertThat(json(summary).get("active_machines").asLong()).isEqualTo(3);
      assertThat(Http.get(service.collectUri().resolve("/")).status()).isEqualTo(200);
      assertThat(Http.get(service.collectUri().resolve("/metrics")).body())
          .containsPattern("(?m)^telemetry_statistics_refresh_failures_total [1-9]")
          .contains("telemetry_statistics_age_seconds");

      ServiceProcess.Finished recount =
          ServiceProcess.run(Map.of(), "recount", "--data-dir", data.toString(), "-k", "2");
      assertThat(recount.exitCode()).as(recount.output()).isZero();
      assertThat(recount.output())
          .contains("recounted 4 active machines", "past days of the history are kept as recorded");
      waitFor(service, "/api/v1/summary", "/active_machines", 4);
      for (int i = 0; i < 50 && !health.at("/status").asString().equals("up"); i++) {
        Thread.sleep(200);
        health = json(Http.get(service.collectUri().resolve("/health")));
      }
      assertThat(health.get("status").asString()).isEqualTo("up");
    }
    String log = Files.readString(tmp.resolve("service.log"));
    assertThat(log)
        .contains(
            " ERROR ",
            "statistics refresh failed",
            "a machine's counted names are damaged; run the repair recount");
  }
}
