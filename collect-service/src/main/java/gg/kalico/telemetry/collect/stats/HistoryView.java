package gg.kalico.telemetry.collect.stats;

import gg.kalico.telemetry.collect.store.HistoryStore;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The history as the API and the dashboard read it: recorded days, then today from the live
 * snapshot. The threshold applies again on reading (a name under the current k on some day is
 * absent from that day), so raising k hides what an earlier, lower k recorded.
 */
public final class HistoryView {
  /** Days of history answered when none are asked for, and at most. */
  public static final int DEFAULT_DAYS = 90;

  public static final int MAX_DAYS = 3660;

  /** Active and new machines on one day. */
  public record ActivityPoint(LocalDate day, long activeMachines, Long newMachines) {}

  /**
   * One list over days: for each day its active machines, the machines that reported the list, the
   * folded row, and each chosen name's machines (null on a day it was not shown).
   */
  public record ListHistory(
      PublishedList list,
      String parent,
      List<LocalDate> days,
      List<Long> active,
      List<Long> reporting,
      List<Long> other,
      Map<String, List<Long>> series) {}

  /**
   * One name on one day: its machines (null when under the threshold that day), the machines that
   * reported its list (for an option, the machines with its section) and active machines.
   */
  public record NamePoint(LocalDate day, Long machines, long reporting, long active) {}

  /** Each top-level list's shown names on an earlier recorded day. */
  public record Baseline(LocalDate day, Map<String, Map<String, Long>> lists) {
    /** The machines a name had that day, or null when it was not shown. */
    public Long machines(PublishedList list, String name) {
      return lists.getOrDefault(list.id(), Map.of()).get(name);
    }
  }

  private record BaselineKey(LocalDate today, int daysAgo) {}

  private final HistoryStore store;
  private final int k;
  private final AtomicReference<Map.Entry<BaselineKey, Optional<Baseline>>> baseline =
      new AtomicReference<>();

  /** Entries kept, and the most points one may hold (longer ranges are read each time). */
  private static final int MEMO_ENTRIES = 2048;

  private static final int MEMO_LARGEST = 400;
  private final Map<List<Object>, Object> memo =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Object> eldest) {
          return size() > MEMO_ENTRIES;
        }
      };
  private String memoVersion = "";

  HistoryView(HistoryStore store, int k) {
    this.store = store;
    this.k = k;
  }

  private static LocalDate today(Snapshot s) {
    return LocalDate.ofInstant(s.computedAt(), ZoneOffset.UTC);
  }

  private static LocalDate from(Snapshot s, int days) {
    return today(s).minusDays(Math.max(1, Math.min(days, MAX_DAYS)) - 1L);
  }

  private List<HistoryStore.Day> recorded(Snapshot s, int days) {
    LocalDate today = today(s);
    LocalDate from = from(s, days);
    return memo(
        s,
        List.of("days", from),
        () -> store.days(from).stream().filter(d -> d.day().isBefore(today)).toList());
  }

  /**
   * What was read of the history, kept until the published numbers move (a refresh that changed
   * them, or a new day): recorded days never change, so pages and answers read the store once per
   * refresh instead of once per request; bounded in entries and in points.
   */
  @SuppressWarnings("unchecked")
  private <T> T memo(Snapshot s, List<Object> key, Supplier<T> load) {
    String version = s.generation() + "/" + today(s);
    synchronized (memo) {
      if (!version.equals(memoVersion)) {
        memo.clear();
        memoVersion = version;
      }
      Object hit = memo.get(key);
      if (hit != null) {
        return (T) hit;
      }
    }
    T value = load.get();
    int size = value instanceof Map<?, ?> m ? m.size() : value instanceof List<?> l ? l.size() : 0;
    synchronized (memo) {
      if (version.equals(memoVersion) && size <= MEMO_LARGEST) {
        memo.put(key, value);
      }
    }
    return value;
  }

  /** Active and new machines per day, today last. */
  public List<ActivityPoint> activity(Snapshot s, int days) {
    List<ActivityPoint> out = new ArrayList<>();
    for (HistoryStore.Day d : recorded(s, days)) {
      out.add(new ActivityPoint(d.day(), d.activeMachines(), d.newMachines()));
    }
    out.add(new ActivityPoint(today(s), s.activeMachines(), s.newMachinesToday()));
    return out;
  }

  /**
   * A list over days with its {@code top} names: the most reported today, on the last recorded day
   * and on the first day of the range (so names that faded stay visible), in that order.
   */
  public ListHistory list(Snapshot s, PublishedList list, String parent, int top, int days) {
    List<HistoryStore.Day> recorded = recorded(s, days);
    RankedList now = ranked(s, list, parent);
    Set<String> names = new LinkedHashSet<>();
    now.shown().stream().limit(top).forEach(n -> names.add(n.name()));
    if (!recorded.isEmpty()) {
      topOn(s, recorded.get(recorded.size() - 1).day(), list, parent, top, names);
      topOn(s, recorded.get(0).day(), list, parent, top, names);
    }
    LocalDate from = from(s, days);
    Map<String, Map<LocalDate, Long>> past = new LinkedHashMap<>();
    names.forEach(n -> past.put(n, series(s, list.id(), parent, n, from)));
    Map<LocalDate, HistoryStore.ListDay> totals =
        memo(
            s,
            List.of("list", list.id(), parent, from),
            () -> store.listDays(list.id(), parent, from));
    List<LocalDate> dayList = new ArrayList<>();
    List<Long> active = new ArrayList<>();
    List<Long> reporting = new ArrayList<>();
    List<Long> other = new ArrayList<>();
    Map<String, List<Long>> series = new LinkedHashMap<>();
    names.forEach(n -> series.put(n, new ArrayList<>()));
    for (HistoryStore.Day d : recorded) {
      dayList.add(d.day());
      active.add(d.activeMachines());
      HistoryStore.ListDay t = totals.get(d.day());
      reporting.add(t == null ? 0 : t.reporting());
      other.add(t == null ? 0 : t.other());
      names.forEach(n -> series.get(n).add(shown(past.get(n).get(d.day()))));
    }
    dayList.add(today(s));
    active.add(s.activeMachines());
    reporting.add(now.reporting());
    other.add(now.other());
    names.forEach(n -> series.get(n).add(shown(now.machines(n) == 0 ? null : now.machines(n))));
    return new ListHistory(list, parent, dayList, active, reporting, other, series);
  }

  private Map<LocalDate, Long> series(
      Snapshot s, String list, String parent, String name, LocalDate from) {
    return memo(
        s,
        List.of("name", list, parent, name, from),
        () -> store.series(list, parent, List.of(name), from).get(name));
  }

  private void topOn(
      Snapshot s, LocalDate day, PublishedList list, String parent, int top, Set<String> names) {
    Map<String, Long> on =
        memo(s, List.of("on", day, list.id(), parent), () -> store.namesOn(day, list.id(), parent));
    on.entrySet().stream()
        .filter(e -> e.getValue() >= k)
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .forEach(e -> names.add(e.getKey()));
  }

  /**
   * One name over days; empty when it was under the threshold on every day of the range (the same
   * answer as for a name nobody reported).
   */
  public Optional<List<NamePoint>> name(
      Snapshot s, PublishedList list, String parent, String name, int days) {
    List<HistoryStore.Day> recorded = recorded(s, days);
    LocalDate from = from(s, days);
    Map<LocalDate, Long> past = series(s, list.id(), parent, name, from);
    Map<LocalDate, Long> denominators = new HashMap<>();
    if (list == PublishedList.OPTIONS) {
      denominators.putAll(series(s, PublishedList.SECTIONS.id(), "", parent, from));
    } else {
      memo(
              s,
              List.of("list", list.id(), parent, from),
              () -> store.listDays(list.id(), parent, from))
          .forEach((d, t) -> denominators.put(d, t.reporting()));
    }
    List<NamePoint> out = new ArrayList<>();
    boolean any = false;
    for (HistoryStore.Day d : recorded) {
      Long machines = shown(past.get(d.day()));
      any |= machines != null;
      out.add(
          new NamePoint(
              d.day(), machines, denominators.getOrDefault(d.day(), 0L), d.activeMachines()));
    }
    RankedList now = ranked(s, list, parent);
    long today = now.machines(name);
    any |= today > 0;
    long reportingToday =
        list == PublishedList.OPTIONS
            ? s.list(PublishedList.SECTIONS).machines(parent)
            : now.reporting();
    out.add(new NamePoint(today(s), today == 0 ? null : today, reportingToday, s.activeMachines()));
    return any ? Optional.of(out) : Optional.empty();
  }

  /**
   * The shown names of the latest recorded day at least {@code daysAgo} days before today, for the
   * "since" change beside each row; empty when the history does not reach back that far.
   */
  public Optional<Baseline> since(Snapshot s, int daysAgo) {
    BaselineKey key = new BaselineKey(today(s), daysAgo);
    Map.Entry<BaselineKey, Optional<Baseline>> cached = baseline.get();
    if (cached != null && cached.getKey().equals(key)) {
      return cached.getValue();
    }
    Optional<LocalDate> day = store.recordedOnOrBefore(key.today().minusDays(daysAgo));
    Optional<Baseline> b = Optional.empty();
    if (day.isPresent()) {
      Map<String, Map<String, Long>> lists = new HashMap<>();
      for (PublishedList list : PublishedList.TOP_LEVEL) {
        Map<String, Long> names = new HashMap<>();
        store
            .namesOn(day.get(), list.id(), "")
            .forEach(
                (n, m) -> {
                  if (m >= k) {
                    names.put(n, m);
                  }
                });
        lists.put(list.id(), names);
      }
      b = Optional.of(new Baseline(day.get(), lists));
    }
    baseline.set(Map.entry(key, b));
    return b;
  }

  /** A day was recorded: what was read of the history may be stale. */
  void dayRecorded() {
    baseline.set(null);
    synchronized (memo) {
      memo.clear();
    }
  }

  private Long shown(Long machines) {
    return machines == null || machines < k ? null : machines;
  }

  private static RankedList ranked(Snapshot s, PublishedList list, String parent) {
    return list == PublishedList.OPTIONS
        ? s.options(parent).orElse(RankedList.empty(false))
        : s.list(list);
  }
}
