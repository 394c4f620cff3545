package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Database;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.ServiceProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service processes over one PostgreSQL behave as one service: the same report sent to both
 * at the same moment is stored once, and its machine is one row.
 */
class TwoNodesTest {
  @TempDir
  Path tmp;

  @Test
  void theSameKeyAtTheSameMomentOnTwoNodesIsStoredOnce() throws Exception {
    CollectSettings s = Database.requirePostgres("TwoNodesTest").build();
    Database.truncate(s);
    String[] args = {"--store", s.jdbcUrl(), "--db-user", s.dbUser(), "--rate", "0"};
    Map<String, String> env = Map.of("TELEMETRY_DB_PASSWORD", s.dbPassword());
    int rounds = 25;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ServiceProcess a = ServiceProcess.start(tmp.resolve("a.log"), env, args);
        ServiceProcess b = ServiceProcess.start(tmp.resolve("b.log"), env, args)) {
      for (int i = 0; i < rounds; i++) {
        String doc = Reports.json(Reports.canonical("two-nodes-" + (i % 5)));
        String key = UUID.randomUUID().toString();
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> answers = List.of(a.collectUri(), b.collectUri())
            .stream().map(uri -> CompletableFuture.supplyAsync(() -> {
              try {
                together.await(10, TimeUnit.SECONDS);
                return Http.postReport(uri, doc, key).status();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }, pool)).toList();
        for (CompletableFuture<Integer> answer : answers) {
          assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(202);
        }
      }
      assertThat(a.terminate()).isEqualTo(143);
      assertThat(b.terminate()).isEqualTo(143);
    } finally {
      pool.shutdownNow();
    }
    assertThat(java.nio.file.Files.readString(tmp.resolve("a.log")))
        .contains("collect service stopped");
    assertThat(Database.count(s, "reports")).isEqualTo(rounds);
    assertThat(Database.count(s, "machines")).isEqualTo(5);
  }
}
