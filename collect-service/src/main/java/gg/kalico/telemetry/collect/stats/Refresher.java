package gg.kalico.telemetry.collect.stats;

import gg.kalico.telemetry.collect.store.CountsStore;
import gg.kalico.telemetry.collect.store.NameKey;
import gg.kalico.telemetry.collect.store.PendingMachine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brings the counts up to date with what changed: only machines that are new, changed their
 * document, came back or left the active window are read, each one's names are compared with what
 * it added to the counts before, and the differences are applied with its new counted state in one
 * transaction per batch. A report identical to what is counted marks nothing, so it costs nothing
 * here. The caller holds the refresh lock.
 */
final class Refresher {
  /** Machines per batch, and the documents and names one batch may hold in memory. */
  static final int BATCH_MACHINES = 50;

  static final long PAUSE_MILLIS = 10;
  static final long BATCH_BYTES = 2L << 20;

  private static final JsonMapper JSON = JsonMapper.shared();

  private final CountsStore counts;

  Refresher(CountsStore counts) {
    this.counts = counts;
  }

  /** What one run did. */
  record Result(int machines, int batches) {}

  /**
   * Counts what is behind as of {@code now} with this cutoff (the start of the active window),
   * until nothing is, or a batch writes nothing (every machine in it moved meanwhile: the next
   * refresh takes them).
   */
  Result run(long now, long cutoff) {
    int machines = 0;
    int batches = 0;
    while (true) {
      List<PendingMachine> pending = counts.pending(cutoff, BATCH_MACHINES, BATCH_BYTES);
      if (pending.isEmpty()) {
        break;
      }
      int written = batch(pending, now, cutoff);
      machines += written;
      batches++;
      if (written == 0) {
        break;
      }
      pause();
    }
    if (batches == 0) {
      counts.touch(now);
    }
    return new Result(machines, batches);
  }

  /**
   * Between two batches the refresher steps aside briefly: on SQLite its transaction holds the one
   * write lock, and the report writer, waiting for it, is what clients feel. Refreshes get a little
   * longer; the ingest's slowest answers shorter.
   */
  private static void pause() {
    try {
      Thread.sleep(PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int batch(List<PendingMachine> pending, long now, long cutoff) {
    List<PendingMachine> counted = new ArrayList<>();
    List<PendingMachine> uncounted = new ArrayList<>();
    List<Set<NameKey>> targets = new ArrayList<>();
    try (CountsStore.Update update = counts.begin()) {
      for (PendingMachine m : pending) {
        if (m.active()) {
          Set<NameKey> target = NameSet.of(JSON.readTree(m.document()));
          update.count(m.machineId(), cutoff, m.documentSha256(), NameSet.encode(target));
          counted.add(m);
          targets.add(target);
        } else {
          update.uncount(m.machineId(), cutoff);
          uncounted.add(m);
        }
      }
      boolean[][] written = update.writeMachines();
      Map<NameKey, Long> deltas = new HashMap<>();
      int n = 0;
      for (int i = 0; i < counted.size(); i++) {
        if (written[0][i]) {
          difference(NameSet.decode(counted.get(i).countedNames()), targets.get(i), deltas);
          n++;
        }
      }
      for (int i = 0; i < uncounted.size(); i++) {
        if (written[1][i]) {
          difference(NameSet.decode(uncounted.get(i).countedNames()), Set.of(), deltas);
          n++;
        }
      }
      update.add(deltas);
      update.commit(now);
      return n;
    }
  }

  /** Adds what turning {@code before} into {@code after} changes to {@code deltas}. */
  static void difference(Set<NameKey> before, Set<NameKey> after, Map<NameKey, Long> deltas) {
    for (NameKey k : after) {
      if (!before.contains(k)) {
        deltas.merge(k, 1L, Long::sum);
      }
    }
    for (NameKey k : before) {
      if (!after.contains(k)) {
        deltas.merge(k, -1L, Long::sum);
      }
    }
  }
}
