package gg.kalico.telemetry.collect.stats;

import gg.kalico.telemetry.collect.store.CountsStore;
import gg.kalico.telemetry.collect.store.HistoryStore;
import gg.kalico.telemetry.collect.store.NameKey;
import gg.kalico.telemetry.collect.store.RefreshLock;
import gg.kalico.telemetry.collect.store.Store;
import gg.kalico.telemetry.collect.store.StoreErrors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current statistics. On a schedule (every 30 s by default) one node at a time brings the
 * counts up to date with what changed ({@link Refresher}), records the day that ended, and every
 * node reloads the published numbers when the counts moved. Readers get the last good snapshot and
 * never wait; a failed refresh is logged at ERROR, retried at the next tick, and shown in {@link
 * #health()} and the {@code telemetry_statistics_age_seconds} gauge.
 */
public final class Statistics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Statistics.class);

  /** A refresh that counted more machines than this changed the table enough to analyze it. */
  private static final int MANY = 10_000;

  /** Whether the statistics are fresh, and how old the published numbers are. */
  public record Health(boolean ok, Duration age, String problem) {}

  /** What a repair recount did. */
  public record Recount(long machines, Duration took) {}

  private final CountsStore counts;
  private final HistoryStore historyStore;
  private final RefreshLock lock;
  private final Refresher refresher;
  private final SnapshotReader reader;
  private final HistoryView history;
  private final Clock clock;
  private final Duration window;
  private final int k;
  private final Duration interval;
  private final Timer timer;
  private final Counter failures;
  private final AtomicReference<Snapshot> current = new AtomicReference<>();
  private volatile String problem;
  private ScheduledExecutorService scheduler;

  public Statistics(
      Store store, Clock clock, Duration window, int k, Duration interval, MeterRegistry metrics) {
    if (k < 2) {
      throw new IllegalArgumentException("the privacy threshold k must be at least 2");
    }
    this.counts = new CountsStore(store);
    this.historyStore = new HistoryStore(store);
    this.lock = new RefreshLock(store);
    this.refresher = new Refresher(counts);
    this.reader = new SnapshotReader(counts, window, k);
    this.history = new HistoryView(historyStore, k);
    this.clock = clock;
    this.window = window;
    this.k = k;
    this.interval = interval;
    this.timer =
        Timer.builder("telemetry.statistics.refresh")
            .description("one refresh: what changed counted, the published numbers reloaded")
            .register(metrics);
    this.failures =
        Counter.builder("telemetry.statistics.refresh.failures")
            .description("refreshes that failed (retried at the next tick)")
            .register(metrics);
    Gauge.builder("telemetry.statistics.age.seconds", this, s -> s.age().toMillis() / 1000.0)
        .description("how old the published numbers are")
        .register(metrics);
  }

  /** Refreshes now (a failure is logged and retried), then on the schedule. */
  public void start() {
    try {
      historyStore.fillNewMachines(counts);
    } catch (RuntimeException e) {
      log.error(
          "filling in new machines of the carried-over history failed: {}",
          StoreErrors.describe(e));
    }
    refreshQuietly();
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "telemetry-statistics");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(
        this::refreshQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Refreshes now: counts what changed if no other node is doing it, then publishes the counts.
   *
   * @throws IllegalStateException when the store failed (the last good numbers stay published)
   */
  public Snapshot refresh() {
    long start = System.nanoTime();
    Instant now = clock.instant();
    try {
      Optional<AutoCloseable> held = lock.tryAcquire();
      int machines = 0;
      if (held.isPresent()) {
        try (AutoCloseable l = held.get()) {
          closeDay(now);
          machines = refresher.run(now.toEpochMilli(), cutoff(now)).machines();
          if (machines > MANY) {
            counts.analyze();
          }
          if (counts.state().recountStarted() != null) {
            counts.recountDone(); // a recount that stopped half-way was finished here
          }
        }
      }
      Snapshot s = publish(now);
      problem = null;
      long took = System.nanoTime() - start;
      timer.record(took, TimeUnit.NANOSECONDS);
      if (machines > 0) {
        log.info(
            "statistics refreshed machines_recounted={} active_machines={} ms={}",
            machines,
            s.activeMachines(),
            took / 1_000_000);
      }
      return s;
    } catch (Exception e) {
      failures.increment();
      problem = "the last refresh failed: " + e.getClass().getSimpleName();
      throw new IllegalStateException("refreshing the statistics failed", e);
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // the cause's kinds and SQL states, never its messages (a driver may quote values)
      log.error(
          "statistics refresh failed: {}; the last good numbers stay published and it is"
              + " retried in {} s",
          StoreErrors.describe(e.getCause() != null ? e.getCause() : e),
          interval.toSeconds());
    }
  }

  /** Reloads the published numbers when the counts moved (on any node) since the last load. */
  private Snapshot publish(Instant now) {
    CountsStore.State state = counts.state();
    Snapshot old = current.get();
    Snapshot next;
    if (old != null && state.recountStarted() != null) {
      next = old; // a repair recount is under way: keep what was published
    } else if (old == null
        || old.generation() != state.generation()
        || !LocalDate.ofInstant(old.computedAt(), ZoneOffset.UTC)
            .equals(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
      next = reader.read(state, now);
    } else {
      Instant at = state.refreshedAt() == null ? now : Instant.ofEpochMilli(state.refreshedAt());
      next =
          new Snapshot(
              at,
              old.window(),
              old.k(),
              old.activeMachines(),
              old.newMachinesToday(),
              old.lists(),
              old.sectionOptions(),
              old.generation());
    }
    current.set(next);
    return next;
  }

  /**
   * When the counts were last brought up to date on an earlier UTC day, records that day's
   * published numbers: they are exactly what was published at the end of it. A day recorded already
   * (by this node or another) is left as it is.
   */
  private void closeDay(Instant now) {
    CountsStore.State state = counts.state();
    if (state.refreshedAt() == null || state.recountStarted() != null) {
      return;
    }
    Instant last = Instant.ofEpochMilli(state.refreshedAt());
    LocalDate day = LocalDate.ofInstant(last, ZoneOffset.UTC);
    if (!day.isBefore(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
      return;
    }
    Snapshot s = reader.read(state, last);
    List<HistoryStore.ListDay> lists = new ArrayList<>();
    List<CountsStore.Count> names = new ArrayList<>();
    s.lists().forEach((list, ranked) -> add(list, "", ranked, lists, names));
    s.sectionOptions()
        .forEach(
            (section, ranked) -> add(PublishedList.OPTIONS.id(), section, ranked, lists, names));
    if (historyStore.record(
        new HistoryStore.Day(day, s.activeMachines(), s.newMachinesToday(), window.toDays(), k),
        lists,
        names)) {
      log.info(
          "statistics history recorded day={} active_machines={} names={}",
          day,
          s.activeMachines(),
          names.size());
      history.dayRecorded();
    }
  }

  private static void add(
      String list,
      String parent,
      RankedList ranked,
      List<HistoryStore.ListDay> lists,
      List<CountsStore.Count> names) {
    lists.add(new HistoryStore.ListDay(list, parent, ranked.reporting(), ranked.other()));
    ranked
        .shown()
        .forEach(
            n ->
                names.add(
                    new CountsStore.Count(new NameKey(list, parent, n.name()), n.machines())));
  }

  /**
   * The repair recount: forgets every count and counts every machine again from its stored document
   * (after a bug fix in what is counted). Nodes keep publishing what they had until it is done.
   * Past days of the history are kept as recorded.
   *
   * @throws IllegalStateException when another refresher holds the lock longer than 60 s
   */
  public Recount recount() throws Exception {
    long start = System.nanoTime();
    Optional<AutoCloseable> held = lock.tryAcquire();
    for (int i = 0; i < 60 && held.isEmpty(); i++) {
      Thread.sleep(1000);
      held = lock.tryAcquire();
    }
    if (held.isEmpty()) {
      throw new IllegalStateException("another node is refreshing the statistics; try again");
    }
    long machines;
    try (AutoCloseable l = held.get()) {
      Instant now = clock.instant();
      closeDay(now);
      counts.resetForRecount(now.toEpochMilli());
      machines = refresher.run(now.toEpochMilli(), cutoff(now)).machines();
      counts.analyze();
      counts.recountDone();
    }
    publish(clock.instant());
    return new Recount(machines, Duration.ofNanos(System.nanoTime() - start));
  }

  private long cutoff(Instant now) {
    return now.minus(window).toEpochMilli();
  }

  /** The last good snapshot. */
  public Snapshot current() {
    Snapshot s = current.get();
    if (s == null) {
      throw new StatisticsUnavailableException();
    }
    return s;
  }

  /** The daily history, with today's live numbers. */
  public HistoryView history() {
    return history;
  }

  /** How old the published numbers are (since the counts were last brought up to date). */
  public Duration age() {
    Snapshot s = current.get();
    return s == null ? Duration.ofDays(36500) : Duration.between(s.computedAt(), clock.instant());
  }

  /**
   * OK while the last refresh worked and the numbers are at most two intervals plus a minute old;
   * else degraded, with the reason.
   */
  public Health health() {
    Duration age = age();
    String p = problem;
    if (p == null && current.get() == null) {
      p = "no statistics yet";
    } else if (p == null && age.compareTo(interval.multipliedBy(2).plusMinutes(1)) > 0) {
      p = "the published numbers are " + age.toSeconds() + " s old";
    }
    return new Health(p == null, age, p);
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
