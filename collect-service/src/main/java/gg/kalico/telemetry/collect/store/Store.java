package gg.kalico.telemetry.collect.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database behind the service: SQLite in the data directory by default (one file, WAL mode,
 * every commit synced), or PostgreSQL by JDBC URL. Migrated by Flyway on open; the same SQL serves
 * both, and the rules that matter (one row per idempotency key, one row per machine) are unique
 * constraints, so any number of service nodes over one PostgreSQL behave as one.
 */
public final class Store implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Store.class);
  private final HikariDataSource pool;
  private final boolean sqlite;
  private final String url;
  private ScheduledExecutorService checkpointer;
  private final AtomicBoolean truncateWal = new AtomicBoolean();

  private Store(HikariDataSource pool, boolean sqlite, String url) {
    this.pool = pool;
    this.sqlite = sqlite;
    this.url = url;
  }

  /** The embedded default: SQLite in {@code telemetry.db} in this directory (created). */
  public static Store sqlite(Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the data directory "
              + dataDirectory
              + "; create it or pass another --data-dir",
          e);
    }
    return open(sqliteUrl(dataDirectory), null, null);
  }

  /** The JDBC URL of the embedded database in a data directory. */
  public static String sqliteUrl(Path dataDirectory) {
    return "jdbc:sqlite:" + dataDirectory.resolve("telemetry.db").toAbsolutePath();
  }

  /**
   * Opens (and migrates) the store at a JDBC URL: PostgreSQL ({@code jdbc:postgresql:}) or SQLite
   * ({@code jdbc:sqlite:}).
   */
  public static Store open(String jdbcUrl, String user, String password) {
    boolean sqlite = !jdbcUrl.startsWith("jdbc:postgresql:");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("telemetry-store");
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setConnectionTimeout(2_000);
    config.setValidationTimeout(1_000);
    config.setInitializationFailTimeout(5_000);
    if (sqlite) {
      // one file, readers never block the writer, and a commit is on disk before it is answered
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "FULL");
      config.addDataSourceProperty("busy_timeout", "2000");
      // no connection checkpoints on commit: the checkpointer thread does, so the report writer
      // never waits while the WAL is copied into a large database (measured at 10^6 machines:
      // ingest p99 188 ms with checkpoints on commit)
      config.addDataSourceProperty("wal_autocheckpoint", "0");
      // the WAL is working space: when it starts over after a complete checkpoint it is cut
      // back to 16 MiB instead of keeping the size of the largest burst (measured: 100 MB after
      // a flood of 60 large reports); a truncating checkpoint would hold the writer back
      config.addDataSourceProperty("journal_size_limit", String.valueOf(16 << 20));
      // what is deleted (an erased machine, expired reports) is overwritten, not left readable
      // in free pages
      config.addDataSourceProperty("secure_delete", "true");
      config.addDataSourceProperty("cache_size", "-16384");
      config.setMaximumPoolSize(4);
    } else {
      config.setMaximumPoolSize(8);
    }
    HikariDataSource pool = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .placeholders(
              Map.of(
                  "blob",
                  sqlite ? "BLOB" : "BYTEA",
                  "without_rowid",
                  sqlite ? "WITHOUT ROWID" : ""))
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    Store store = new Store(pool, sqlite, jdbcUrl);
    if (sqlite) {
      store.startCheckpointer();
    }
    return store;
  }

  /**
   * Copies the WAL into the database every second on a thread of its own (a passive checkpoint: it
   * never waits for the writer or readers; what it cannot copy now it copies next time).
   */
  private void startCheckpointer() {
    checkpointer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "telemetry-sqlite-checkpoint");
              t.setDaemon(true);
              return t;
            });
    checkpointer.scheduleWithFixedDelay(
        () -> {
          try (Connection c = pool.getConnection();
              Statement s = c.createStatement()) {
            checkpoint(s);
            if (truncateWal.get() && truncated(s)) {
              truncateWal.set(false);
            }
          } catch (SQLException | RuntimeException e) {
            log.warn(
                "SQLite checkpoint failed: {}; it is tried again in a second",
                StoreErrors.describe(e));
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
  }

  /** A passive checkpoint: never waits for the writer or readers. */
  private static void checkpoint(Statement s) throws SQLException {
    s.execute("PRAGMA wal_checkpoint(PASSIVE)");
  }

  /**
   * After an erasure: the WAL still holds pages written before it, with what was erased, so it is
   * copied and truncated within a second or two (retried each second until no reader holds it).
   * Nothing to do on PostgreSQL (see docs/collect-service.md on its deleted rows).
   */
  public void truncateWalSoon() {
    if (sqlite) {
      truncateWal.set(true);
    }
  }

  /**
   * A truncating checkpoint waits for readers and holds writers back meanwhile: it may wait only
   * briefly, and is tried again the next second when readers are in the way.
   */
  private static boolean truncated(Statement s) throws SQLException {
    s.execute("PRAGMA busy_timeout = 50");
    try (ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      return r.next() && r.getInt(1) == 0 && r.getInt(2) == 0;
    } finally {
      s.execute("PRAGMA busy_timeout = 2000");
    }
  }

  /** Connections to the store. */
  public DataSource dataSource() {
    return pool;
  }

  /** Whether this is the embedded SQLite store. */
  public boolean sqlite() {
    return sqlite;
  }

  /** The SQLite database file's path (SQLite only). */
  public String sqlitePath() {
    String path = url.substring("jdbc:sqlite:".length());
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  /** Whether the store answers a trivial query within a second. */
  public boolean reachable() {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      s.execute("SELECT 1");
      return true;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (checkpointer != null) {
      checkpointer.shutdownNow();
      try {
        checkpointer.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pool.close();
  }
}
