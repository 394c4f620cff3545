package gg.kalico.telemetry.collect.stats;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current statistics: aggregated at start, then again on a schedule (every minute by
 * default), so what is published is at most one interval plus one aggregation old. Readers get
 * the last complete snapshot and never wait for an aggregation.
 */
public final class Statistics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Statistics.class);

  private final Aggregator aggregator;
  private final Duration interval;
  private final io.micrometer.core.instrument.Timer timer;
  private final AtomicReference<Snapshot> current = new AtomicReference<>();
  private ScheduledExecutorService scheduler;

  public Statistics(Aggregator aggregator, Duration interval,
      io.micrometer.core.instrument.MeterRegistry metrics) {
    this.aggregator = aggregator;
    this.interval = interval;
    this.timer = io.micrometer.core.instrument.Timer.builder("telemetry.statistics.aggregate")
        .description("one aggregation of every active machine").register(metrics);
  }

  /** Aggregates now (and on the schedule from then on). */
  public void start() {
    refresh();
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "telemetry-statistics");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::refreshQuietly, interval.toMillis(),
        interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Aggregates now; the new snapshot is published when complete. */
  public Snapshot refresh() {
    try {
      long start = System.nanoTime();
      Snapshot s = aggregator.compute();
      current.set(s);
      long took = System.nanoTime() - start;
      timer.record(took, java.util.concurrent.TimeUnit.NANOSECONDS);
      log.info("statistics active_machines={} ms={}", s.activeMachines(), took / 1_000_000);
      return s;
    } catch (SQLException e) {
      throw new IllegalStateException("aggregating the statistics failed", e);
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("aggregation failed; the previous statistics stay published", e);
    }
  }

  /** The last complete snapshot. */
  public Snapshot current() {
    Snapshot s = current.get();
    if (s == null) {
      throw new IllegalStateException("statistics are not computed yet");
    }
    return s;
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
