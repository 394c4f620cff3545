package gg.kalico.telemetry.collect.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hourly and at start: deletes the days' reports and the idempotency keys older than the retention
 * period, and machines silent longer than their expiry (default: the same period) with everything
 * of theirs, once the statistics no longer count them.
 */
public final class Retention implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Retention.class);

  private final Store store;
  private final Duration period;
  private final Duration machineExpiry;
  private final Clock clock;
  private final MachineRecords machines;
  private ScheduledExecutorService scheduler;

  public Retention(Store store, Duration period, Duration machineExpiry, Clock clock) {
    this.store = store;
    this.period = period;
    this.machineExpiry = machineExpiry;
    this.clock = clock;
    this.machines = new MachineRecords(store);
  }

  /** Runs now, then every hour, on a daemon thread. */
  public void schedule() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "telemetry-retention");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            runOnce();
          } catch (SQLException | RuntimeException e) {
            log.warn("retention run failed: {}; it runs again in an hour", StoreErrors.describe(e));
          }
        },
        0,
        1,
        TimeUnit.HOURS);
  }

  /** Deletes what is older than the period; returns how many days' reports went. */
  public int runOnce() throws SQLException {
    long cutoff = clock.instant().minus(period).toEpochMilli();
    try (Connection c = store.dataSource().getConnection();
        PreparedStatement reports =
            c.prepareStatement("DELETE FROM daily_reports WHERE received_at < ?");
        PreparedStatement keys =
            c.prepareStatement("DELETE FROM report_keys WHERE received_at < ?")) {
      reports.setLong(1, cutoff);
      int n = reports.executeUpdate();
      keys.setLong(1, cutoff);
      int k = keys.executeUpdate();
      int m = machines.expire(clock.instant().minus(machineExpiry));
      if (n > 0 || k > 0 || m > 0) {
        log.info(
            "retention deleted={} keys={} machines={} older_than_days={}",
            n,
            k,
            m,
            period.toDays());
      }
      if (n > 0 || k > 0) {
        store.truncateWalSoon();
      }
      return n;
    }
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
