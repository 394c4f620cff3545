package gg.kalico.telemetry.collect.stats;

import gg.kalico.telemetry.collect.store.CountsStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the published numbers from the counts: only names at least k machines have and the lists'
 * totals, so what it reads and keeps grows with what is shown, never with how many names clients
 * invent.
 */
final class SnapshotReader {
  private final CountsStore counts;
  private final Duration window;
  private final int k;

  SnapshotReader(CountsStore counts, Duration window, int k) {
    this.counts = counts;
    this.window = window;
    this.k = k;
  }

  Snapshot read(CountsStore.State state, Instant now) {
    Map<String, Map<String, List<NameCount>>> shown = new HashMap<>();
    for (CountsStore.Count c : counts.atLeast(k)) {
      shown
          .computeIfAbsent(c.key().list(), l -> new HashMap<>())
          .computeIfAbsent(c.key().parent(), p -> new ArrayList<>())
          .add(new NameCount(c.key().name(), c.machines()));
    }
    long active = 0;
    Map<String, RankedList> lists = new HashMap<>();
    Map<String, RankedList> options = new HashMap<>();
    Map<String, List<NameCount>> sections =
        shown.getOrDefault(PublishedList.SECTIONS.id(), Map.of());
    for (CountsStore.Totals t :
        counts.totals(PublishedList.OPTIONS.id(), PublishedList.SECTIONS.id(), k)) {
      if (t.list().equals(NameSet.ACTIVE)) {
        active = t.reporting();
        continue;
      }
      PublishedList list = PublishedList.byId(t.list()).orElse(null);
      if (list == null) {
        continue; // a list this version no longer publishes: left for the repair recount
      }
      List<NameCount> names =
          new ArrayList<>(
              shown.getOrDefault(t.list(), Map.of()).getOrDefault(t.parent(), List.of()));
      names.sort(
          Comparator.comparingLong(NameCount::machines).reversed().thenComparing(NameCount::name));
      long shownSum = names.stream().mapToLong(NameCount::machines).sum();
      RankedList ranked =
          new RankedList(
              names, t.reporting(), Math.max(0, t.mentions() - shownSum), list.oneName());
      if (list == PublishedList.OPTIONS) {
        options.put(t.parent(), ranked);
      } else {
        lists.put(t.list(), ranked);
      }
    }
    // a shown section whose machines set no option still has a (empty) options page
    for (List<NameCount> s : sections.values()) {
      s.forEach(n -> options.putIfAbsent(n.name(), RankedList.empty(false)));
    }
    long dayStart =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .toEpochMilli();
    long newToday = counts.firstSeenBetween(dayStart, dayStart + 86_400_000L);
    Instant computedAt =
        state.refreshedAt() == null ? now : Instant.ofEpochMilli(state.refreshedAt());
    return new Snapshot(
        computedAt, window, k, active, newToday, lists, options, state.generation());
  }
}
