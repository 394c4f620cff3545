package gg.kalico.telemetry.collect.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The daily history: each UTC day's published numbers, written once when the day is over (a day
 * already recorded is never written again) and read back per list and per name.
 */
public final class HistoryStore {
  /** One recorded day's headline numbers. */
  public record Day(
      LocalDate day, long activeMachines, Long newMachines, long windowDays, Integer k) {}

  /** One list's numbers on one day: machines that reported it, and the folded row. */
  public record ListDay(String list, String parent, long reporting, long other) {}

  private final Store store;

  public HistoryStore(Store store) {
    this.store = store;
  }

  /**
   * Records a day with its lists and the names shown that day, in one transaction; does nothing
   * (and returns false) when the day is recorded already.
   */
  public boolean record(Day day, List<ListDay> lists, List<CountsStore.Count> names) {
    return StoreException.wrap(
        "recording a day",
        () -> {
          String d = day.day().toString();
          try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "INSERT INTO stats_days (day,"
                          + " active_machines, new_machines, window_days, k, recorded_at) VALUES"
                          + " (?, ?, ?, ?, ?, ?) ON CONFLICT (day) DO NOTHING")) {
                s.setString(1, d);
                s.setLong(2, day.activeMachines());
                if (day.newMachines() == null) {
                  s.setNull(3, Types.BIGINT);
                } else {
                  s.setLong(3, day.newMachines());
                }
                s.setLong(4, day.windowDays());
                if (day.k() == null) {
                  s.setNull(5, Types.INTEGER);
                } else {
                  s.setInt(5, day.k());
                }
                s.setLong(6, System.currentTimeMillis());
                if (s.executeUpdate() == 0) {
                  c.rollback();
                  return false;
                }
              }
              try (PreparedStatement s =
                  c.prepareStatement(
                      "INSERT INTO stats_day_lists (day, list,"
                          + " parent, reporting, other) VALUES (?, ?, ?, ?, ?)")) {
                for (ListDay l : lists) {
                  s.setString(1, d);
                  s.setString(2, l.list());
                  s.setString(3, l.parent());
                  s.setLong(4, l.reporting());
                  s.setLong(5, l.other());
                  s.addBatch();
                }
                s.executeBatch();
              }
              try (PreparedStatement s =
                  c.prepareStatement(
                      "INSERT INTO stats_day_names (list,"
                          + " parent, name, day, machines) VALUES (?, ?, ?, ?, ?)")) {
                for (CountsStore.Count n : names) {
                  s.setString(1, n.key().list());
                  s.setString(2, n.key().parent());
                  s.setString(3, n.key().name());
                  s.setString(4, d);
                  s.setLong(5, n.machines());
                  s.addBatch();
                }
                s.executeBatch();
              }
              c.commit();
              return true;
            } catch (SQLException | RuntimeException e) {
              c.rollback();
              throw e;
            } finally {
              c.setAutoCommit(true);
            }
          }
        });
  }

  /** Recorded days from {@code from} on, oldest first. */
  public List<Day> days(LocalDate from) {
    return StoreException.wrap(
        "reading the recorded days",
        () -> {
          List<Day> out = new ArrayList<>();
          try (Connection c = store.dataSource().getConnection();
              PreparedStatement q =
                  c.prepareStatement(
                      "SELECT day, active_machines, new_machines,"
                          + " window_days, k FROM stats_days WHERE day >= ? ORDER BY day")) {
            q.setString(1, from.toString());
            try (ResultSet r = q.executeQuery()) {
              while (r.next()) {
                long n = r.getLong(3);
                Long newMachines = r.wasNull() ? null : n;
                int k = r.getInt(5);
                out.add(
                    new Day(
                        LocalDate.parse(r.getString(1)),
                        r.getLong(2),
                        newMachines,
                        r.getLong(4),
                        r.wasNull() ? null : k));
              }
            }
          }
          return out;
        });
  }

  /**
   * Fills in the new machines of days recorded without them (the days carried over from the earlier
   * active-machines curve), from the machines' first reports.
   */
  public void fillNewMachines(CountsStore counts) {
    StoreException.wrap(
        "filling in new machines per day",
        () -> {
          List<LocalDate> missing = new ArrayList<>();
          try (Connection c = store.dataSource().getConnection();
              PreparedStatement q =
                  c.prepareStatement("SELECT day FROM stats_days WHERE new_machines IS NULL");
              ResultSet r = q.executeQuery()) {
            while (r.next()) {
              missing.add(LocalDate.parse(r.getString(1)));
            }
          }
          for (LocalDate day : missing) {
            long from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long n = counts.firstSeenBetween(from, from + 86_400_000L);
            try (Connection c = store.dataSource().getConnection();
                PreparedStatement u =
                    c.prepareStatement(
                        "UPDATE stats_days SET new_machines = ? WHERE day = ? AND new_machines IS NULL")) {
              u.setLong(1, n);
              u.setString(2, day.toString());
              u.executeUpdate();
            }
          }
          return null;
        });
  }

  /** The latest recorded day on or before {@code day}. */
  public Optional<LocalDate> recordedOnOrBefore(LocalDate day) {
    return StoreException.wrap(
        "finding a recorded day",
        () -> {
          try (Connection c = store.dataSource().getConnection();
              PreparedStatement q =
                  c.prepareStatement("SELECT MAX(day) FROM stats_days WHERE day <= ?")) {
            q.setString(1, day.toString());
            try (ResultSet r = q.executeQuery()) {
              r.next();
              String d = r.getString(1);
              return d == null ? Optional.empty() : Optional.of(LocalDate.parse(d));
            }
          }
        });
  }

  /** The names of one list (and parent) recorded on one day, with their machines. */
  public Map<String, Long> namesOn(LocalDate day, String list, String parent) {
    return StoreException.wrap(
        "reading a recorded day",
        () -> {
          Map<String, Long> out = new HashMap<>();
          try (Connection c = store.dataSource().getConnection();
              PreparedStatement q =
                  c.prepareStatement(
                      "SELECT name, machines FROM stats_day_names"
                          + " WHERE day = ? AND list = ? AND parent = ?")) {
            q.setString(1, day.toString());
            q.setString(2, list);
            q.setString(3, parent);
            try (ResultSet r = q.executeQuery()) {
              while (r.next()) {
                out.put(r.getString(1), r.getLong(2));
              }
            }
          }
          return out;
        });
  }

  /** Each named name's machines per recorded day from {@code from} on (days it was shown). */
  public Map<String, Map<LocalDate, Long>> series(
      String list, String parent, Collection<String> names, LocalDate from) {
    return StoreException.wrap(
        "reading the history of a name",
        () -> {
          Map<String, Map<LocalDate, Long>> out = new LinkedHashMap<>();
          try (Connection c = store.dataSource().getConnection();
              PreparedStatement q =
                  c.prepareStatement(
                      "SELECT day, machines FROM stats_day_names"
                          + " WHERE list = ? AND parent = ? AND name = ? AND day >= ?")) {
            for (String name : names) {
              q.setString(1, list);
              q.setString(2, parent);
              q.setString(3, name);
              q.setString(4, from.toString());
              Map<LocalDate, Long> points = new TreeMap<>();
              try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                  points.put(LocalDate.parse(r.getString(1)), r.getLong(2));
                }
              }
              out.put(name, points);
            }
          }
          return out;
        });
  }

  /** One list's totals per recorded day from {@code from} on. */
  public Map<LocalDate, ListDay> listDays(String list, String parent, LocalDate from) {
    return StoreException.wrap(
        "reading the history of a list",
        () -> {
          Map<LocalDate, ListDay> out = new TreeMap<>();
          try (Connection c = store.dataSource().getConnection();
              PreparedStatement q =
                  c.prepareStatement(
                      "SELECT day, reporting, other FROM"
                          + " stats_day_lists WHERE list = ? AND parent = ? AND day >= ?")) {
            q.setString(1, list);
            q.setString(2, parent);
            q.setString(3, from.toString());
            try (ResultSet r = q.executeQuery()) {
              while (r.next()) {
                out.put(
                    LocalDate.parse(r.getString(1)),
                    new ListDay(list, parent, r.getLong(2), r.getLong(3)));
              }
            }
          }
          return out;
        });
  }
}
