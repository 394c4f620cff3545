package gg.kalico.telemetry.collect.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One refresher at a time over one store, whichever node or process: on PostgreSQL a session
 * advisory lock (released by the database if the holder's connection dies), on SQLite a lock on a
 * file beside the database (released by the system if the holder's process dies) plus a lock for
 * the threads of this process.
 */
public final class RefreshLock {
  /** The advisory lock's key: "kt-stats" as a number. */
  private static final long KEY = 0x6b742d7374617473L;

  /** One lock per SQLite file for the threads of this process (a file lock is per process). */
  private static final Map<String, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

  private final Store store;

  public RefreshLock(Store store) {
    this.store = store;
  }

  /** The lock if no other refresher holds it now; close it to release. */
  public Optional<AutoCloseable> tryAcquire() {
    return StoreException.wrap(
        "taking the refresh lock",
        () -> {
          return store.sqlite() ? trySqlite() : tryPostgres();
        });
  }

  private Optional<AutoCloseable> tryPostgres() throws SQLException {
    Connection c = store.dataSource().getConnection();
    try (PreparedStatement q = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      q.setLong(1, KEY);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        if (r.getBoolean(1)) {
          return Optional.of(
              () -> {
                try (PreparedStatement u = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                  u.setLong(1, KEY);
                  u.execute();
                } finally {
                  c.close();
                }
              });
        }
      }
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    c.close();
    return Optional.empty();
  }

  private Optional<AutoCloseable> trySqlite() throws SQLException {
    Path file = Path.of(store.sqlitePath() + ".refresh-lock").toAbsolutePath();
    ReentrantLock local = LOCAL.computeIfAbsent(file.toString(), f -> new ReentrantLock());
    if (!local.tryLock()) {
      return Optional.empty();
    }
    try {
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        local.unlock();
        return Optional.empty();
      }
      FileLock held = lock;
      return Optional.of(
          () -> {
            try {
              held.release();
              channel.close();
            } finally {
              local.unlock();
            }
          });
    } catch (IOException e) {
      local.unlock();
      throw new SQLException("cannot lock " + file + " for the statistics refresh", e);
    }
  }
}
