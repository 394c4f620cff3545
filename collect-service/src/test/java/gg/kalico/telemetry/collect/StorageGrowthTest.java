package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Database;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The data folder grows in proportion to what is real: a flood of large reports, each with 4,096
 * invented object names (the schema's most), adds a small multiple of their decoded size (the
 * machine row, the day's deflated report, the counts of every invented name, the WAL), and many
 * reports of one machine in one day add no more than one does.
 */
class StorageGrowthTest {
  private static final int FLOOD = 60;

  @TempDir Path tmp;

  @Test
  void largeReportsGrowTheDataFolderBySmallMultiplesOfTheirSize() throws Exception {
    CollectSettings s =
        Services.settings("sqlite", tmp)
            .ratePerAddressPerMinute(0)
            .newMachinesPerAddressPerDay(0)
            .build();
    Random random = new Random(7);
    try (CollectService server = CollectService.start(s)) {
      send(server, large("warm-up", random));
      server.statistics().refresh();
      long before = settledSize(s);

      long decoded = 0;
      for (int m = 0; m < FLOOD; m++) {
        decoded += send(server, large("flood-" + m, random));
      }
      server.statistics().refresh();
      // the WAL is working space: once copied, the next write starts it over, cut to 16 MiB
      Path wal = s.dataDirectory().resolve("telemetry.db-wal");
      long walAfterFlood = Files.size(wal);
      long walAtRest = walAfterFlood;
      for (int i = 0; i < 40 && walAtRest > (16 << 20); i++) {
        Thread.sleep(500);
        send(server, Reports.canonical("warm-up"));
        walAtRest = Files.size(wal);
      }
      System.out.printf(
          "WAL after the flood %d KiB, at rest %d KiB%n", walAfterFlood >> 10, walAtRest >> 10);
      assertThat(walAfterFlood).as("the flood grew the WAL past its limit").isGreaterThan(16 << 20);
      assertThat(walAtRest)
          .as("the WAL once copied and started over")
          .isLessThanOrEqualTo(16 << 20);
      long distinct = settledSize(s) - before;
      double perReport = (double) distinct / decoded;
      System.out.printf(
          "%d distinct machines, %d KiB decoded each: data folder +%d KiB,"
              + " %.2f times the decoded size%n",
          FLOOD, decoded / FLOOD >> 10, distinct >> 10, perReport);
      assertThat(perReport).as("growth per decoded byte, distinct machines").isLessThan(4.0);

      // one machine sending a different large report again and again in one day
      long beforeSame = settledSize(s);
      long one = 0;
      for (int i = 0; i < FLOOD; i++) {
        one = send(server, large("same-machine", random));
      }
      server.statistics().refresh();
      long same = settledSize(s) - beforeSame;
      System.out.printf(
          "%d reports of one machine in one day: data folder +%d KiB, %.2f times" + " one report%n",
          FLOOD, same >> 10, (double) same / one);
      assertThat(Database.count(s, "daily_reports")).isEqualTo(FLOOD + 2);
      assertThat(same)
          .as("growth for %d reports of one machine in a day", FLOOD)
          .isLessThan(5 * one);
    }
  }

  private static long send(CollectService server, ObjectNode doc) throws Exception {
    String json = Reports.json(doc);
    Http.Answer a = Http.postReport(server.collectUri(), json, UUID.randomUUID().toString());
    assertThat(a.status()).as(a.body()).isEqualTo(202);
    return json.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The schema's full example with 4,096 invented object names of 40 random hex digits. */
  private static ObjectNode large(String machine, Random random) throws IOException {
    ObjectNode doc = Reports.canonical(machine);
    ArrayNode objects = doc.putArray("objects");
    for (int i = 0; i < 4096; i++) {
      StringBuilder name = new StringBuilder(40);
      for (int c = 0; c < 40; c++) {
        name.append(Character.forDigit(random.nextInt(16), 16));
      }
      objects.add(name.toString());
    }
    return doc;
  }

  /**
   * The folder's size with everything in the database file: the WAL is working space the service
   * truncates once it passes 16 MiB and is copied, so it is emptied here first.
   */
  private static long settledSize(CollectSettings s) throws Exception {
    try (java.sql.Connection c = Database.connect(s);
        java.sql.Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = 2000");
      for (int i = 0; i < 40; i++) {
        try (java.sql.ResultSet r = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
          if (r.next() && r.getInt(1) == 0 && r.getInt(2) == 0) {
            break;
          }
        }
        Thread.sleep(250);
      }
    }
    return size(s.dataDirectory());
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
