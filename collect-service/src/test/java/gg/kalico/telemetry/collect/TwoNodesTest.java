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
 * Two service processes over one PostgreSQL behave as one service: the same report sent to both at
 * the same moment is stored once, its machine is one row, and both nodes publish the same counts
 * (one refreshes under the advisory lock, the other reloads).
 */
class TwoNodesTest {
  @TempDir Path tmp;

  /** The node's sections answer once it counts five machines (without its time stamp). */
  private static String waitForFive(ServiceProcess node) throws Exception {
    String body = "";
    for (int i = 0; i < 100; i++) {
      body =
          Http.get(node.collectUri().resolve("/api/v1/sections"))
              .body()
              .replaceAll("\"computed_at\":\"[^\"]*\",", "");
      if (body.contains("\"active_machines\":5,")) {
        return body;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the node never counted five machines: " + body);
  }

  @Test
  void theSameKeyAtTheSameMomentOnTwoNodesIsStoredOnce() throws Exception {
    CollectSettings s = Database.requirePostgres("TwoNodesTest").build();
    Database.truncate(s);
    String[] args = {
      "--store",
      s.jdbcUrl(),
      "--db-user",
      s.dbUser(),
      "--rate",
      "0",
      "--stats-interval",
      "1s",
      "-k",
      "2"
    };
    Map<String, String> env = Map.of("TELEMETRY_DB_PASSWORD", s.dbPassword());
    int rounds = 25;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ServiceProcess a = ServiceProcess.start(tmp.resolve("a.log"), env, args);
        ServiceProcess b = ServiceProcess.start(tmp.resolve("b.log"), env, args)) {
      for (int i = 0; i < rounds; i++) {
        String doc = Reports.json(Reports.canonical("two-nodes-" + (i % 5)));
        String key = UUID.randomUUID().toString();
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> answers =
            List.of(a.collectUri(), b.collectUri()).stream()
                .map(
                    uri ->
                        CompletableFuture.supplyAsync(
                            () -> {
                              try {
                                together.await(10, TimeUnit.SECONDS);
                                return Http.postReport(uri, doc, key).status();
                              } catch (Exception e) {
                                throw new IllegalStateException(e);
                              }
                            },
                            pool))
                .toList();
        for (CompletableFuture<Integer> answer : answers) {
          assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(202);
        }
      }
      // both nodes publish the same counts: five machines, each counted once
      String fromA = waitForFive(a);
      String fromB = waitForFive(b);
      assertThat(fromB).isEqualTo(fromA);
      assertThat(a.terminate()).isEqualTo(143);
      assertThat(b.terminate()).isEqualTo(143);
    } finally {
      pool.shutdownNow();
    }
    assertThat(java.nio.file.Files.readString(tmp.resolve("a.log")))
        .contains("collect service stopped");
    assertThat(Database.count(s, "report_keys")).isEqualTo(rounds);
    assertThat(Database.count(s, "machines")).isEqualTo(5);
  }
}
