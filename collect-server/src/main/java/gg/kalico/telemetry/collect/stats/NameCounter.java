package gg.kalico.telemetry.collect.stats;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts distinct machines per name during one scan. Machines are numbered in scan order and
 * each counts once per name. For names that may end up folded it keeps the first k machine
 * numbers, enough to count the distinct machines behind the folded row exactly.
 */
final class NameCounter {
  private static final class Entry {
    long machines;
    int lastMachine = -1;
    int[] first;
    int kept;
  }

  private final int k;
  private final Map<String, Entry> entries = new HashMap<>();

  NameCounter(int k) {
    this.k = k;
  }

  /** Machine {@code machine} reported {@code name} (repeats by one machine count once). */
  void add(String name, int machine) {
    Entry e = entries.computeIfAbsent(name, n -> new Entry());
    if (e.lastMachine == machine) {
      return;
    }
    e.lastMachine = machine;
    e.machines++;
    if (e.machines < k) {
      if (e.first == null) {
        e.first = new int[k - 1];
      }
      e.first[e.kept++] = machine;
    } else {
      e.first = null; // it will be shown: its machines need not be remembered
    }
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Names with at least k machines, and the rest folded. */
  RankedList fold() {
    List<NameCount> shown = new ArrayList<>();
    int foldedNames = 0;
    BitSet foldedMachines = new BitSet();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry v = e.getValue();
      if (v.machines >= k) {
        shown.add(new NameCount(e.getKey(), v.machines));
      } else {
        foldedNames++;
        for (int i = 0; i < v.kept; i++) {
          foldedMachines.set(v.first[i]);
        }
      }
    }
    shown.sort(Comparator.comparingLong(NameCount::machines).reversed()
        .thenComparing(NameCount::name));
    return new RankedList(shown, foldedNames, foldedMachines.cardinality());
  }
}
