package gg.kalico.telemetry.bench;

import gg.kalico.telemetry.collect.stats.Statistics;
import gg.kalico.telemetry.collect.store.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import tools.jackson.databind.node.ObjectNode;

/**
 * A store holding a fleet of {@code machines} active machines of the corpus's configs, as if each
 * had reported in the last 29 days, counted by the repair recount (whose time it prints). A store
 * that already holds that many machines is used as it is (after a refresh counts what an earlier
 * run changed): filling a million machines takes minutes, so benchmarks keep their stores.
 */
final class FleetStore {
  /** The benchmarks' statistics settings: the service's defaults. */
  static final Duration WINDOW = Duration.ofDays(30);

  static final int K = 5;

  private FleetStore() {}

  static void ensure(Store store, Fleet fleet, int machines) throws Exception {
    Statistics statistics =
        new Statistics(
            store, Clock.systemUTC(), WINDOW, K, Duration.ofSeconds(30), new SimpleMeterRegistry());
    if (count(store, "SELECT COUNT(*) FROM machines") == machines) {
      statistics.refresh(); // counts what an earlier run left changed
      System.out.printf(Locale.ROOT, "%nusing the stored fleet of %d machines%n", machines);
      return;
    }
    long start = System.nanoTime();
    long now = System.currentTimeMillis();
    Random r = new Random(1);
    try (Connection c = store.dataSource().getConnection()) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM daily_reports");
        s.executeUpdate("DELETE FROM report_keys");
        s.executeUpdate("DELETE FROM machines");
      }
      c.setAutoCommit(false);
      try (PreparedStatement m =
          c.prepareStatement(
              "INSERT INTO machines (machine_id,"
                  + " first_seen, last_seen, last_changed, document_sha256, document, dirty)"
                  + " VALUES (?, ?, ?, ?, ?, ?, 1)")) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < machines; i++) {
          ObjectNode doc = fleet.machine(i, 7);
          String json = doc.toString();
          long seen = now - (long) (r.nextDouble() * Duration.ofDays(29).toMillis());
          m.setString(1, doc.at("/machine/id").asString());
          m.setLong(2, seen);
          m.setLong(3, seen);
          m.setLong(4, seen);
          m.setString(
              5, HexFormat.of().formatHex(sha.digest(json.getBytes(StandardCharsets.UTF_8))));
          m.setBytes(6, gg.kalico.telemetry.collect.store.Deflated.of(json));
          m.addBatch();
          if (i % 1000 == 999) {
            m.executeBatch();
            c.commit();
          }
        }
        m.executeBatch();
        c.commit();
      }
    }
    double filled = (System.nanoTime() - start) / 1e9;
    Statistics.Recount recount = statistics.recount();
    System.out.printf(
        Locale.ROOT,
        "%nfilled %d machines in %.0f s; the repair recount of them"
            + " took %.1f s (%d machines counted)%n",
        machines,
        filled,
        recount.took().toMillis() / 1000.0,
        recount.machines());
  }

  private static long count(Store store, String sql) throws Exception {
    try (Connection c = store.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * The store for a benchmark: SQLite in {@code bench/target/fleet-<machines>} (kept between runs),
   * or the PostgreSQL at {@code TELEMETRY_BENCH_POSTGRES_URL} (user and password from {@code
   * TELEMETRY_BENCH_POSTGRES_USER} and {@code _PASSWORD}), which holds one fleet at a time.
   */
  static Store open(String kind, int machines) throws Exception {
    if (kind.equals("postgresql")) {
      String url = System.getenv("TELEMETRY_BENCH_POSTGRES_URL");
      if (url == null) {
        throw new IllegalStateException(
            "set TELEMETRY_BENCH_POSTGRES_URL (and _USER,"
                + " _PASSWORD) to a PostgreSQL database the benchmark may fill");
      }
      return Store.open(
          url,
          System.getenv("TELEMETRY_BENCH_POSTGRES_USER"),
          System.getenv("TELEMETRY_BENCH_POSTGRES_PASSWORD"));
    }
    return Store.sqlite(
        java.nio.file.Path.of(
            System.getProperty("bench.data", "bench/target"), "fleet-" + machines));
  }

  /** The JDBC options a service process needs to open the same store. */
  static java.util.List<String> serviceArgs(String kind, int machines) {
    if (kind.equals("postgresql")) {
      return java.util.List.of(
          "--store",
          System.getenv("TELEMETRY_BENCH_POSTGRES_URL"),
          "--db-user",
          System.getenv("TELEMETRY_BENCH_POSTGRES_USER"));
    }
    return java.util.List.of(
        "--data-dir",
        java.nio.file.Path.of(System.getProperty("bench.data", "bench/target"), "fleet-" + machines)
            .toString());
  }
}
