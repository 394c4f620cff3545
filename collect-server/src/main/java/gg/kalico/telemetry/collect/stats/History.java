package gg.kalico.telemetry.collect.stats;

import gg.kalico.telemetry.collect.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Active machines per day, kept in {@code daily_activity} so the curve survives the retention of
 * reports (each aggregation writes today's point; past days are never recomputed), and new
 * machines per day from each machine's first-seen time (machine rows are kept).
 */
final class History {
  private History() {}

  static List<Snapshot.DayPoint> record(Store store, Instant now, long active, Duration window)
      throws SQLException {
    String today = Aggregator.day(now).toString();
    try (Connection c = store.dataSource().getConnection()) {
      try (PreparedStatement up = c.prepareStatement("INSERT INTO daily_activity (day,"
          + " active_machines, window_days, computed_at) VALUES (?, ?, ?, ?) ON CONFLICT (day)"
          + " DO UPDATE SET active_machines = excluded.active_machines,"
          + " window_days = excluded.window_days, computed_at = excluded.computed_at")) {
        up.setString(1, today);
        up.setLong(2, active);
        up.setLong(3, window.toDays());
        up.setLong(4, now.toEpochMilli());
        up.executeUpdate();
      }
      List<Snapshot.DayPoint> points = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT day, active_machines FROM daily_activity ORDER BY day");
          ResultSet rows = q.executeQuery()) {
        while (rows.next()) {
          points.add(new Snapshot.DayPoint(LocalDate.parse(rows.getString(1)), rows.getLong(2),
              0));
        }
      }
      // new machines per day in one query (days since the epoch, UTC), not one per day
      Map<Long, Long> newPerDay = new HashMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT first_seen / 86400000,"
          + " COUNT(*) FROM machines GROUP BY first_seen / 86400000");
          ResultSet rows = q.executeQuery()) {
        while (rows.next()) {
          newPerDay.put(rows.getLong(1), rows.getLong(2));
        }
      }
      List<Snapshot.DayPoint> withNew = new ArrayList<>(points.size());
      for (Snapshot.DayPoint p : points) {
        withNew.add(new Snapshot.DayPoint(p.day(), p.active(),
            newPerDay.getOrDefault(p.day().toEpochDay(), 0L)));
      }
      return withNew;
    }
  }
}
