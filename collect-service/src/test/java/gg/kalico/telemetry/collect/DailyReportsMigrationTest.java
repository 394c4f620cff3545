package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.store.Deflated;
import gg.kalico.telemetry.collect.store.Store;
import gg.kalico.telemetry.collect.testing.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store written before reports were kept per machine and day (schema version 4) is carried over
 * whole: every idempotency key stays (a retry is still recognised), of the reports the latest of
 * each machine's day stays, deflated, with its digest (computed for reports older than digests),
 * the old table is gone, and each machine's document is kept deflated.
 */
class DailyReportsMigrationTest {
  private static final long DAY = 86_400_000L;
  private static final long T0 = 20_000 * DAY; // 2024-10-04T00:00Z

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void version4ReportsBecomeOnePerMachineAndDayWithEveryKeyKept(String kind) throws Exception {
    String url;
    String user = null;
    String password = null;
    if (kind.equals("sqlite")) {
      url = Store.sqliteUrl(tmp);
    } else {
      CollectSettings pg = Database.requirePostgres("migration test").build();
      user = pg.dbUser();
      password = pg.dbPassword();
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), user, password);
          Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS migration_v5 CASCADE");
        st.execute("CREATE SCHEMA migration_v5");
      }
      url = pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=migration_v5";
    }
    Flyway.configure()
        .dataSource(url, user, password)
        .locations("classpath:db/migration")
        .placeholders(Map.of("blob", kind.equals("sqlite") ? "BLOB" : "BYTEA"))
        .target("4")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO reports (report_key,"
                    + " machine_id, received_at, schema_major, source, document, document_sha256)"
                    + " VALUES (?, ?, ?, 1, 'canonical', ?, ?)")) {
      Object[][] rows = {
        {"k-morning", "a", T0 + 1_000, "{\"v\":\"morning\"}", "d1"},
        {"k-evening", "a", T0 + 80_000_000, "{\"v\":\"evening\"}", "d2"},
        {"k-next-day", "a", T0 + DAY + 5, "{\"v\":\"next\"}", null},
        {"k-other", "b", T0 + 3, "{\"v\":\"other\"}", "d4"}
      };
      for (Object[] r : rows) {
        insert.setString(1, (String) r[0]);
        insert.setString(2, ((String) r[1]).repeat(32));
        insert.setLong(3, (Long) r[2]);
        insert.setString(4, (String) r[3]);
        insert.setString(5, (String) r[4]);
        insert.executeUpdate();
      }
      try (Statement st = c.createStatement()) {
        st.execute(
            "INSERT INTO machines (machine_id, first_seen, last_seen, last_changed,"
                + " document_sha256, document) VALUES ('"
                + "a".repeat(32)
                + "', 1, 2, 1, 'd2',"
                + " '{\"v\":\"evening\"}')");
      }
    }

    try (Store store = Store.open(url, user, password);
        Connection c = store.dataSource().getConnection();
        Statement st = c.createStatement()) {
      assertThat(column(st, "SELECT report_key FROM report_keys ORDER BY report_key"))
          .containsExactly("k-evening", "k-morning", "k-next-day", "k-other");
      List<String> days = new ArrayList<>();
      try (ResultSet r =
          st.executeQuery(
              "SELECT machine_id, day, document_sha256, document"
                  + " FROM daily_reports ORDER BY machine_id, day")) {
        while (r.next()) {
          days.add(
              r.getString(1).charAt(0)
                  + " "
                  + (r.getLong(2) - 20_000)
                  + " "
                  + r.getString(3).strip().length()
                  + " "
                  + Deflated.json(r.getBytes(4)));
        }
      }
      assertThat(days)
          .containsExactly(
              "a 0 2 {\"v\":\"evening\"}", "a 1 64 {\"v\":\"next\"}", "b 0 2 {\"v\":\"other\"}");
      try (ResultSet r = st.executeQuery("SELECT document, dirty FROM machines")) {
        assertThat(r.next()).isTrue();
        assertThat(Deflated.json(r.getBytes(1)))
            .as("the machine's document, deflated")
            .isEqualTo("{\"v\":\"evening\"}");
        assertThat(r.getInt(2)).isEqualTo(1);
      }
      assertThat(c.getMetaData().getTables(null, null, "reports", null).next())
          .as("the old table")
          .isFalse();
    }
  }

  private static List<String> column(Statement st, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet r = st.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
