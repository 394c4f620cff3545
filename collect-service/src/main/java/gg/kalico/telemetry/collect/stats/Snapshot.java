package gg.kalico.telemetry.collect.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The statistics at one moment, already past the privacy threshold: every name in it was reported
 * by at least {@code k} active machines. Immutable; the service swaps in a new one after each
 * refresh.
 *
 * @param computedAt when the counts were last brought up to date
 * @param window how recent a machine's last report must be for it to count as active
 * @param k the privacy threshold
 * @param activeMachines distinct active machines
 * @param newMachinesToday machines whose first report arrived today (UTC)
 * @param lists the published top-level lists by id ({@link PublishedList})
 * @param sectionOptions for each shown section, its options (themselves past the threshold)
 * @param generation the store's generation these counts are of
 */
public record Snapshot(
    Instant computedAt,
    Duration window,
    int k,
    long activeMachines,
    long newMachinesToday,
    Map<String, RankedList> lists,
    Map<String, RankedList> sectionOptions,
    long generation) {

  public Snapshot {
    lists = Map.copyOf(lists);
    sectionOptions = Map.copyOf(sectionOptions);
  }

  /** A published list; empty when nothing was reported. */
  public RankedList list(PublishedList list) {
    return lists.getOrDefault(list.id(), RankedList.empty(list.oneName()));
  }

  /** One shown section's options; empty when the section is not shown. */
  public Optional<RankedList> options(String section) {
    return Optional.ofNullable(sectionOptions.get(section));
  }

  /** The window in whole days. */
  public long windowDays() {
    return window.toDays();
  }
}
