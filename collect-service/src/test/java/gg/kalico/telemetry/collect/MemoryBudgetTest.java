package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.ServiceProcess;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gzip bombs, bodies at the size limit and normal reports, hundreds at once, against the service in
 * its own process with a 256 MiB heap: every answer is one a client can act on (never 500), a
 * refusal for load carries Retry-After, no memory error, every normal report is stored once
 * retried, and the budget is whole again afterwards.
 */
class MemoryBudgetTest {
  private static final int BOMBS = 150;
  private static final int LARGE = 60;
  private static final int NORMAL = 40;

  /**
   * Reports up to 4 MiB (16 times the default) so that a few dozen at once would need gigabytes to
   * parse: without the budget this heap does not hold them.
   */
  private static final int MAX_REPORT = 4 << 20;

  @TempDir Path tmp;

  @Test
  void bombsLargeBodiesAndReportsAtOnceStayWithinTheHeap() throws Exception {
    Path log = tmp.resolve("service.log");
    byte[] bomb = bomb();
    byte[] large = large();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    List<String> missingRetryAfter = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ServiceProcess service =
        ServiceProcess.start(
            log,
            Map.of(),
            "--data-dir",
            tmp.resolve("data").toString(),
            "--rate",
            "0",
            "--new-machines-per-address",
            "0",
            "--max-report-size",
            "4MiB")) {
      URI collect = service.collectUri();
      ExecutorService senders = Executors.newFixedThreadPool(BOMBS + LARGE + NORMAL);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> normal = new ArrayList<>();
      try {
        for (int i = 0; i < BOMBS + LARGE; i++) {
          byte[] body = i < BOMBS ? bomb : large;
          senders.submit(
              (Callable<Void>)
                  () -> {
                    go.await();
                    Http.Answer a =
                        Http.post(
                            collect,
                            body,
                            "Content-Type",
                            "application/json",
                            "Content-Encoding",
                            "gzip",
                            "Idempotency-Key",
                            UUID.randomUUID().toString());
                    count(a, statuses, missingRetryAfter);
                    return null;
                  });
        }
        for (int i = 0; i < NORMAL; i++) {
          String doc = Reports.json(Reports.canonical("budget-" + i));
          String key = UUID.randomUUID().toString();
          normal.add(
              senders.submit(
                  () -> {
                    go.await();
                    // as the client does: a refusal for load is retried after a moment
                    for (int attempt = 0; attempt < 20; attempt++) {
                      Http.Answer a;
                      try {
                        a = Http.postReport(collect, doc, key);
                      } catch (java.io.IOException closed) {
                        // a pooled connection the service closed after refusing a bomb unread: the
                        // client keeps the report and sends it again, as it does on any network
                        // error
                        statuses.computeIfAbsent(-1, x -> new AtomicInteger()).incrementAndGet();
                        continue;
                      }
                      count(a, statuses, missingRetryAfter);
                      if (a.status() == 202) {
                        return true;
                      }
                      Thread.sleep(500);
                    }
                    return false;
                  }));
        }
        go.countDown();
        for (Future<Boolean> f : normal) {
          assertThat(f.get(120, TimeUnit.SECONDS)).as("a normal report stored").isTrue();
        }
      } finally {
        senders.shutdownNow();
        senders.awaitTermination(60, TimeUnit.SECONDS);
      }
      System.out.println("answers under the flood: " + statuses);
      assertThat(statuses.keySet())
          .as("statuses answered (-1: connection closed)")
          .isSubsetOf(-1, 202, 400, 413, 429, 503);
      // every lease given back once the flood's last requests are answered (none leaks)
      double inUse = budgetInUse(collect);
      for (int i = 0; i < 120 && inUse > 0; i++) {
        Thread.sleep(250);
        inUse = budgetInUse(collect);
      }
      assertThat(inUse).as("bytes still leased after every answer").isZero();
      // alone, a bomb is cut at the size limit, and a large body is read to its verdict
      assertThat(
              Http.post(
                      collect, bomb, "Content-Type", "application/json", "Content-Encoding", "gzip")
                  .status())
          .isEqualTo(413);
      assertThat(
              Http.post(
                      collect,
                      large,
                      "Content-Type",
                      "application/json",
                      "Content-Encoding",
                      "gzip")
                  .status())
          .isIn(202, 400);
      assertThat(missingRetryAfter).as("429 and 503 without Retry-After").isEmpty();
      assertThat(service.process().isAlive()).isTrue();
      assertThat(Http.get(collect.resolve("/health")).status()).isEqualTo(200);
      assertThat(budgetInUse(collect)).as("bytes leased after the last answer").isZero();
    }
    String written = Files.readString(log);
    assertThat(written).doesNotContain("OutOfMemoryError").doesNotContain("status=500");
  }

  private static void count(
      Http.Answer a, Map<Integer, AtomicInteger> statuses, List<String> missingRetryAfter) {
    statuses.computeIfAbsent(a.status(), s -> new AtomicInteger()).incrementAndGet();
    if ((a.status() == 429 || a.status() == 503) && a.header("Retry-After") == null) {
      missingRetryAfter.add(a.status() + " " + a.body());
    }
  }

  private static double budgetInUse(URI collect) throws Exception {
    String metrics = Http.get(collect.resolve("/metrics")).body();
    Matcher m =
        Pattern.compile("(?m)^telemetry_ingest_memory_used_bytes\\S* (\\S+)$").matcher(metrics);
    assertThat(m.find()).as("the budget's gauge in /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }

  /** 64 MiB of spaces after a brace: 64 KiB on the wire, far past the limit decoded. */
  private static byte[] bomb() throws Exception {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(wire)) {
      gz.write('{');
      byte[] spaces = new byte[1 << 20];
      Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 64; i++) {
        gz.write(spaces);
      }
    }
    return wire.toByteArray();
  }

  /** A document just under the limit made of the smallest strings: the costliest to parse. */
  private static byte[] large() throws Exception {
    ObjectNode doc = Reports.canonical("large");
    ArrayNode objects = doc.putArray("objects");
    for (int i = 0; Reports.json(doc).length() < MAX_REPORT - 65536; i += 5_000) {
      for (int j = i; j < i + 5_000; j++) {
        objects.add("o" + j);
      }
    }
    return Http.gzip(Reports.json(doc).getBytes(StandardCharsets.UTF_8));
  }
}
