package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Database;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import gg.kalico.telemetry.core.testing.MutableClock;
import gg.kalico.telemetry.spi.collector.MachineIdHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the service stores, on the embedded SQLite and on PostgreSQL (skipped, with the reason,
 * where the build provides none; CI does): each report once per key, one row per machine, Kalico's
 * raw id hashed on arrival, retention.
 */
class IngestTest {
  private static final JsonMapper JSON = JsonMapper.shared();

  @TempDir Path tmp;

  private CollectService server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private CollectSettings start(CollectSettings.Builder b) {
    CollectSettings s = b.build();
    server = CollectService.start(s);
    return s;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aReportIsStoredOnceWhateverTimesItsKeyIsSent(String store) throws Exception {
    CollectSettings s = start(Services.settings(store, tmp));
    String doc = Reports.json(Reports.canonical("machine-a"));
    String key = UUID.randomUUID().toString();

    Http.Answer first = Http.postReport(server.collectUri(), doc, key);
    Http.Answer replay = Http.postReport(server.collectUri(), doc, key);
    Http.Answer plain =
        Http.post(
            server.collectUri(),
            doc.getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json; charset=utf-8",
            "Idempotency-Key",
            key);

    assertThat(List.of(first.status(), replay.status(), plain.status())).containsOnly(202);
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(Database.count(s, "daily_reports")).isEqualTo(1);
    assertThat(Database.column(s, "SELECT report_key FROM report_keys")).containsExactly(key);
    assertThat(Database.column(s, "SELECT machine_id FROM machines"))
        .containsExactly(MachineIdHash.of("machine-a"));
    assertThat(Http.get(server.collectUri().resolve("/metrics")).body())
        .contains(
            "telemetry_reports_duplicate_total{source=\"canonical\"} 2.0",
            "telemetry_reports_accepted_total{source=\"canonical\"} 1.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aKeySentAgainWithAnotherReportIs422AndTheFirstReportStays(String store) throws Exception {
    CollectSettings s = start(Services.settings(store, tmp));
    ObjectNode first = Reports.canonical("machine-k");
    ObjectNode other = first.deepCopy();
    ((ObjectNode) other.get("software")).put("version", "v9.9.9-other-report");
    String key = UUID.randomUUID().toString();

    assertThat(Http.postReport(server.collectUri(), Reports.json(first), key).status())
        .isEqualTo(202);
    Http.Answer reused = Http.postReport(server.collectUri(), Reports.json(other), key);
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reused.body())
        .contains("idempotency-key-reused")
        .doesNotContain("v9.9.9-other-report");
    // a retry of the first report with its key is still the same 202
    assertThat(Http.postReport(server.collectUri(), Reports.json(first), key).status())
        .isEqualTo(202);
    assertThat(Database.count(s, "report_keys")).isEqualTo(1);
    assertThat(Database.documents(s, "daily_reports", ""))
        .hasSize(1)
        .allSatisfy(
            d -> assertThat(d).contains("\"machine\"").doesNotContain("v9.9.9-other-report"));
    assertThat(Database.documents(s, "machines", "").get(0)).doesNotContain("v9.9.9-other-report");
    assertThat(Http.get(server.collectUri().resolve("/metrics")).body())
        .contains("telemetry_reports_rejected_total{reason=\"idempotency_key_reused\"} 1.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void kalicosClientAndThisClientCountTheSameMachineOnce(String store) throws Exception {
    CollectSettings s = start(Services.settings(store, tmp));
    String raw = "0123456789abcdef0123456789abcdef";

    Http.Answer kalico = Http.postKalico(server.collectUri(), Reports.json(Reports.kalico(raw)));
    Http.Answer ours =
        Http.postReport(
            server.collectUri(),
            Reports.json(Reports.canonical(raw)),
            UUID.randomUUID().toString());

    assertThat(kalico.status()).as(kalico.body()).isEqualTo(202);
    assertThat(ours.status()).as(ours.body()).isEqualTo(202);
    assertThat(Database.count(s, "report_keys")).isEqualTo(2);
    assertThat(Database.column(s, "SELECT machine_id FROM machines"))
        .containsExactly(MachineIdHash.of(raw));
    // one report kept per machine and day, the later; the Kalico one is the machine's first
    assertThat(Database.column(s, "SELECT source FROM daily_reports")).containsExactly("canonical");
    assertThat(Database.count(s, "daily_reports")).isEqualTo(1);
    Http.postKalico(server.collectUri(), Reports.json(Reports.kalico(raw)));
    JsonNode stored =
        JSON.readTree(Database.documents(s, "daily_reports", "WHERE source = 'kalico'").get(0));
    assertThat(stored.get("schema_version").asInt()).isEqualTo(1);
    assertThat(stored.at("/machine/id").asString()).isEqualTo(MachineIdHash.of(raw));
    assertThat(stored.at("/machine/id_source").asString()).isEqualTo("machine-id");
    assertThat(stored.at("/system/os_release").propertyNames())
        .containsExactlyInAnyOrder("NAME", "ID", "VERSION_ID");
    assertThat(stored.at("/system/runtime/version").asString()).isEqualTo("3.11.2");
    assertThat(stored.at("/system/cpu/cores").asInt()).isEqualTo(4);
    assertThat(stored.at("/system/cpu/model").asString()).isEqualTo("Cortex-A72");
    assertThat(stored.at("/config/stepper_x/1").asString()).isEqualTo("dir_pin");
    assertThat(stored.at("/system/kernel_build").asString())
        .isEqualTo("#1 SMP PREEMPT Debian 6.1.0-21-arm64");
    assertThat(stored.toString()).doesNotContain(raw, "HOME_URL", "GCC");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anUnchangedReportMovesOnlyTheLastSeenTime(String store) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    CollectSettings s = start(Services.settings(store, tmp).clock(clock));
    ObjectNode doc = Reports.canonical("machine-b");
    Http.postReport(server.collectUri(), Reports.json(doc), UUID.randomUUID().toString());
    clock.advance(Duration.ofDays(1));
    Http.postReport(server.collectUri(), Reports.json(doc), UUID.randomUUID().toString());

    String row = "SELECT first_seen || ' ' || last_seen || ' ' || last_changed FROM machines";
    long day0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    long day1 = day0 + Duration.ofDays(1).toMillis();
    assertThat(Database.column(s, row)).containsExactly(day0 + " " + day1 + " " + day0);

    clock.advance(Duration.ofDays(1));
    ((ObjectNode) doc.get("software")).put("version", "v0.13.0");
    Http.postReport(server.collectUri(), Reports.json(doc), UUID.randomUUID().toString());
    long day2 = day1 + Duration.ofDays(1).toMillis();
    assertThat(Database.column(s, row)).containsExactly(day0 + " " + day2 + " " + day2);
    assertThat(Database.documents(s, "machines", "").get(0)).contains("v0.13.0");
    assertThat(Database.count(s, "report_keys")).isEqualTo(3);
    assertThat(Database.count(s, "daily_reports")).as("one per day").isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void retentionDeletesOldReportsAndKeepsTheMachines(String store) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    CollectSettings s =
        start(Services.settings(store, tmp).clock(clock).retention(Duration.ofDays(90)));
    Http.postReport(
        server.collectUri(), Reports.json(Reports.canonical("old")), UUID.randomUUID().toString());
    clock.advance(Duration.ofDays(60));
    Http.postReport(
        server.collectUri(),
        Reports.json(Reports.canonical("recent")),
        UUID.randomUUID().toString());

    clock.advance(Duration.ofDays(31));
    assertThat(server.retention().runOnce()).isEqualTo(1);

    assertThat(Database.column(s, "SELECT machine_id FROM daily_reports"))
        .containsExactly(MachineIdHash.of("recent"));
    assertThat(Database.column(s, "SELECT machine_id FROM report_keys"))
        .containsExactly(MachineIdHash.of("recent"));
    assertThat(Database.count(s, "machines")).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anUnavailableStoreIsAnswered503AndNothingIsLost(String store) throws Exception {
    CollectSettings s = start(Services.settings(store, tmp));
    String doc = Reports.json(Reports.canonical("machine-c"));
    String key = UUID.randomUUID().toString();
    Http.Answer during;
    if (store.equals("sqlite")) {
      try (Connection lock = Database.connect(s);
          Statement st = lock.createStatement()) {
        st.execute("PRAGMA busy_timeout = 0");
        st.execute("BEGIN EXCLUSIVE");
        during = Http.postReport(server.collectUri(), doc, key);
        st.execute("ROLLBACK");
      }
    } else {
      String db = s.effectiveJdbcUrl().substring(s.effectiveJdbcUrl().lastIndexOf('/') + 1);
      try (Connection admin =
              java.sql.DriverManager.getConnection(
                  s.effectiveJdbcUrl().replaceAll("/[^/]*$", "/postgres"),
                  s.dbUser(),
                  s.dbPassword());
          Statement st = admin.createStatement()) {
        st.execute("ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
        try {
          st.execute(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                  + db
                  + "' AND pid <> pg_backend_pid()");
          during = Http.postReport(server.collectUri(), doc, key);
          assertThat(Http.get(server.collectUri().resolve("/health")).status()).isEqualTo(503);
        } finally {
          st.execute("ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
        }
      }
    }
    assertThat(during.status()).as(during.body()).isEqualTo(503);
    assertThat(during.header("Retry-After")).isEqualTo("30");
    assertThat(during.header("Content-Type")).startsWith("application/problem+json");
    assertThat(Database.count(s, "report_keys")).isZero();

    // the client retries with the same key, as it does on 503; the pool reconnects meanwhile
    Http.Answer after = Http.postReport(server.collectUri(), doc, key);
    for (int i = 0; i < 20 && after.status() == 503; i++) {
      Thread.sleep(250);
      after = Http.postReport(server.collectUri(), doc, key);
    }
    assertThat(after.status()).as(after.body()).isEqualTo(202);
    assertThat(Database.count(s, "report_keys")).isEqualTo(1);
    assertThat(Database.count(s, "daily_reports")).isEqualTo(1);
    assertThat(Http.get(server.collectUri().resolve("/health")).status()).isEqualTo(200);
  }
}
