package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Database;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.ServiceProcess;
import gg.kalico.telemetry.spi.collector.MachineIdHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Logs never carry documents: while reports with canary names arrive, PostgreSQL's backends of the
 * service are terminated again and again, mid-batch. The store errors that follow are logged as
 * kinds of exception and SQL states; no canary, no machine hash, no statement reaches the log.
 */
class StoreErrorLogTest {
  @TempDir Path tmp;

  @Test
  void backendsTerminatedMidBatchLeaveNoDocumentInTheLog() throws Exception {
    CollectSettings s = Database.requirePostgres("StoreErrorLogTest").build();
    Database.truncate(s);
    Path log = tmp.resolve("service.log");
    AtomicBoolean sending = new AtomicBoolean(true);
    List<String> canaries = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(9);
    try (ServiceProcess service =
        ServiceProcess.start(
            log,
            Map.of("TELEMETRY_DB_PASSWORD", s.dbPassword()),
            "--store",
            s.jdbcUrl(),
            "--db-user",
            s.dbUser(),
            "--rate",
            "0",
            "--new-machines-per-address",
            "0")) {
      List<Future<Integer>> senders = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        String canary = "CANARY_LOG_" + thread + "_" + UUID.randomUUID().toString().substring(0, 8);
        canaries.add(canary);
        hashes.add(MachineIdHash.of("log-canary-" + thread));
        senders.add(
            pool.submit(
                () -> {
                  int sent = 0;
                  for (int i = 0; i < 400 && sending.get(); i++) {
                    ObjectNode doc = Reports.canonical("log-canary-" + thread);
                    ((ObjectNode) doc.get("config")).putArray("gcode_macro " + canary + "_" + i);
                    Http.postReport(
                        service.collectUri(), Reports.json(doc), UUID.randomUUID().toString());
                    sent++;
                  }
                  return sent;
                }));
      }
      // terminate the service's backends every 50 ms for three seconds
      try (Connection admin = Database.connect(s);
          Statement st = admin.createStatement()) {
        for (int i = 0; i < 60; i++) {
          st.execute(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE"
                  + " usename = current_user AND pid <> pg_backend_pid()"
                  + " AND application_name <> 'psql'");
          Thread.sleep(50);
        }
      }
      sending.set(false);
      for (Future<Integer> f : senders) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isPositive();
      }
      assertThat(service.terminate()).isEqualTo(143);
    } finally {
      pool.shutdownNow();
    }
    String text = Files.readString(log);
    assertThat(text)
        .as("the terminations were noticed")
        .containsPattern("store failed|SQL state 57P01|SQLSTATE\\(57P01\\)|marked as broken");
    for (String canary : canaries) {
      assertThat(text).doesNotContain(canary);
    }
    for (String hash : hashes) {
      assertThat(text).doesNotContain(hash);
    }
    assertThat(text).doesNotContain("INSERT INTO").doesNotContain("VALUES (");
  }
}
