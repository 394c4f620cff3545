package gg.kalico.telemetry.collect.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the store holds about one machine, for its owner: seen and erased. Erasing deletes the days'
 * reports and keys at once; the machine row goes at once too when nothing of it is counted, else it
 * is emptied and marked, and the next statistics refresh takes it out of the counts and deletes it.
 * On SQLite, deleted content is overwritten (secure_delete) and the WAL is truncated soon after
 * ({@link Store#truncateWalSoon}).
 */
public final class MachineRecords {
  private static final byte[] EMPTY = Deflated.of("{}");

  /** One stored report: its UTC day, when it came, in which shape, and its document's digest. */
  public record Day(
      LocalDate day, Instant receivedAt, int schemaMajor, String source, String documentSha256) {}

  /** Everything held about a machine. */
  public record Held(
      String machineId,
      Instant firstSeen,
      Instant lastSeen,
      Instant lastChanged,
      String document,
      List<Day> reports) {}

  private final Store store;

  public MachineRecords(Store store) {
    this.store = store;
  }

  /** The image of the machine's owner secret, if the machine is held and one was learned. */
  public Optional<String> ownerImage(String machineId) {
    return StoreException.wrap(
        "reading a machine's owner",
        () -> {
          try (Connection c = store.dataSource().getConnection();
              PreparedStatement q =
                  c.prepareStatement(
                      "SELECT owner_sha256 FROM machines"
                          + " WHERE machine_id = ? AND erased = 0")) {
            q.setString(1, machineId);
            try (ResultSet r = q.executeQuery()) {
              return r.next()
                  ? Optional.ofNullable(r.getString(1)).map(String::strip)
                  : Optional.<String>empty();
            }
          }
        });
  }

  /** What is held about a machine, or empty when nothing is. */
  public Optional<Held> held(String machineId) {
    return StoreException.wrap(
        "reading what is held about a machine",
        () -> {
          try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false); // the row and its reports in one transaction
            try (PreparedStatement m =
                    c.prepareStatement(
                        "SELECT first_seen, last_seen,"
                            + " last_changed, document FROM machines WHERE machine_id = ? AND erased = 0");
                PreparedStatement d =
                    c.prepareStatement(
                        "SELECT day, received_at, schema_major,"
                            + " source, document_sha256 FROM daily_reports WHERE machine_id = ?"
                            + " ORDER BY day")) {
              m.setString(1, machineId);
              Held held;
              try (ResultSet r = m.executeQuery()) {
                if (!r.next()) {
                  c.rollback();
                  return Optional.<Held>empty();
                }
                held =
                    new Held(
                        machineId,
                        Instant.ofEpochMilli(r.getLong(1)),
                        Instant.ofEpochMilli(r.getLong(2)),
                        Instant.ofEpochMilli(r.getLong(3)),
                        Deflated.json(r.getBytes(4)),
                        new ArrayList<>());
              }
              d.setString(1, machineId);
              try (ResultSet r = d.executeQuery()) {
                while (r.next()) {
                  held.reports()
                      .add(
                          new Day(
                              LocalDate.ofEpochDay(r.getLong(1)),
                              Instant.ofEpochMilli(r.getLong(2)),
                              r.getInt(3),
                              r.getString(4),
                              r.getString(5).strip()));
                }
              }
              c.rollback();
              return Optional.of(held);
            }
          }
        });
  }

  /** Erases a machine; whether anything was held. Erasing again finds nothing. */
  public boolean erase(String machineId) {
    boolean held =
        StoreException.wrap(
            "erasing a machine",
            () -> {
              try (Connection c = store.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try {
                  int n =
                      delete(c, "DELETE FROM daily_reports WHERE machine_id = ?", machineId)
                          + delete(c, "DELETE FROM report_keys WHERE machine_id = ?", machineId)
                          + delete(
                              c,
                              "DELETE FROM machines WHERE machine_id = ? AND erased = 0"
                                  + " AND counted_sha256 IS NULL",
                              machineId);
                  try (PreparedStatement mark =
                      c.prepareStatement(
                          "UPDATE machines SET erased = 1,"
                              + " owner_sha256 = NULL, document = ?, document_sha256 = 'erased',"
                              + " first_seen = 0, last_seen = 0, last_changed = 0, dirty = 1"
                              + " WHERE machine_id = ? AND erased = 0")) {
                    mark.setBytes(1, EMPTY);
                    mark.setString(2, machineId);
                    n += mark.executeUpdate();
                  }
                  c.commit();
                  return n > 0;
                } catch (SQLException | RuntimeException e) {
                  c.rollback();
                  throw e;
                }
              }
            });
    store.truncateWalSoon();
    return held;
  }

  /**
   * Deletes machines silent since {@code cutoff} with their reports and keys: those counted stay
   * until the statistics take them out of the counts (they left the window). Returns how many.
   */
  public int expire(Instant cutoff) {
    String expired =
        "SELECT machine_id FROM machines WHERE last_seen < ? AND erased = 0"
            + " AND counted_sha256 IS NULL AND dirty = 0";
    int n =
        StoreException.wrap(
            "deleting silent machines",
            () -> {
              try (Connection c = store.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try {
                  long at = cutoff.toEpochMilli();
                  deleteWhere(
                      c, "DELETE FROM daily_reports WHERE machine_id IN (" + expired + ")", at);
                  deleteWhere(
                      c, "DELETE FROM report_keys WHERE machine_id IN (" + expired + ")", at);
                  int machines =
                      deleteWhere(
                          c,
                          "DELETE FROM machines WHERE last_seen < ? AND erased = 0"
                              + " AND counted_sha256 IS NULL AND dirty = 0",
                          at);
                  c.commit();
                  return machines;
                } catch (SQLException | RuntimeException e) {
                  c.rollback();
                  throw e;
                }
              }
            });
    if (n > 0) {
      store.truncateWalSoon();
    }
    return n;
  }

  private static int delete(Connection c, String sql, String machineId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, machineId);
      return s.executeUpdate();
    }
  }

  private static int deleteWhere(Connection c, String sql, long at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, at);
      return s.executeUpdate();
    }
  }
}
