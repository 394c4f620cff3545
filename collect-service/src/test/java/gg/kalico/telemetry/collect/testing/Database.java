package gg.kalico.telemetry.collect.testing;

import gg.kalico.telemetry.collect.CollectSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Direct reads of the service's database, and the PostgreSQL the build may provide. */
public final class Database {
  /** Environment variables .ci/run sets after starting PostgreSQL. */
  public static final String PG_URL = "TELEMETRY_TEST_POSTGRES_URL";

  public static final String PG_USER = "TELEMETRY_TEST_POSTGRES_USER";
  public static final String PG_PASSWORD = "TELEMETRY_TEST_POSTGRES_PASSWORD";

  private Database() {}

  /** Settings for the test PostgreSQL, when the build provides one. */
  public static Optional<CollectSettings.Builder> postgres() {
    String url = System.getenv(PG_URL);
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        CollectSettings.builder()
            .jdbcUrl(url)
            .dbUser(System.getenv(PG_USER))
            .dbPassword(System.getenv(PG_PASSWORD)));
  }

  /**
   * Settings for the test PostgreSQL. Where there is none, the test is skipped with the reason
   * printed, except in CI ({@code CI=true}), where .ci/run starts one and the test must run.
   */
  public static CollectSettings.Builder requirePostgres(String test) {
    Optional<CollectSettings.Builder> pg = postgres();
    if (pg.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(
            test + ": CI must provide PostgreSQL: " + noPostgresReason());
      }
      System.err.println(test + " skipped: " + noPostgresReason());
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(pg.isPresent(), Database::noPostgresReason);
    return pg.get();
  }

  /** Why PostgreSQL tests are skipped. */
  public static String noPostgresReason() {
    return "no PostgreSQL for tests: set "
        + PG_URL
        + " (and "
        + PG_USER
        + ", "
        + PG_PASSWORD
        + "); .ci/run starts one";
  }

  public static Connection connect(CollectSettings s) throws SQLException {
    return DriverManager.getConnection(s.effectiveJdbcUrl(), s.dbUser(), s.dbPassword());
  }

  /** Empties the service's tables (PostgreSQL is shared between tests). */
  public static void truncate(CollectSettings s) throws SQLException {
    try (Connection c = connect(s);
        Statement st = c.createStatement()) {
      if (c.getMetaData().getTables(null, null, "report_keys", null).next()) {
        st.execute("DELETE FROM report_keys");
        st.execute("DELETE FROM daily_reports");
        st.execute("DELETE FROM machines");
      }
      if (c.getMetaData().getTables(null, null, "name_counts", null).next()) {
        for (String t :
            List.of(
                "name_counts", "list_totals", "stats_days", "stats_day_lists", "stats_day_names")) {
          st.execute("DELETE FROM " + t);
        }
        st.execute(
            "UPDATE stats_state SET generation = 0, refreshed_at = NULL,"
                + " recount_started = NULL");
      }
    }
  }

  public static long count(CollectSettings s, String table) throws SQLException {
    try (Connection c = connect(s);
        Statement st = c.createStatement();
        ResultSet r = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * The documents of a table that keeps them deflated ({@code daily_reports}, {@code machines}),
   * opened, in the order of the query.
   */
  public static List<String> documents(CollectSettings s, String table, String whereOrderBy)
      throws SQLException {
    try (Connection c = connect(s);
        Statement st = c.createStatement();
        ResultSet r = st.executeQuery("SELECT document FROM " + table + " " + whereOrderBy)) {
      List<String> out = new ArrayList<>();
      while (r.next()) {
        out.add(gg.kalico.telemetry.collect.store.Deflated.json(r.getBytes(1)));
      }
      return out;
    }
  }

  /** One column of every row of a query. */
  public static List<String> column(CollectSettings s, String sql) throws SQLException {
    try (Connection c = connect(s);
        Statement st = c.createStatement();
        ResultSet r = st.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (r.next()) {
        out.add(r.getString(1));
      }
      return out;
    }
  }
}
