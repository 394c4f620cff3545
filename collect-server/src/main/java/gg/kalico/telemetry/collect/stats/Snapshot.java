package gg.kalico.telemetry.collect.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statistics at one moment, already past the privacy threshold: every name in it was
 * reported by at least {@code k} active machines. Immutable; the service swaps in a new one
 * after each aggregation.
 *
 * @param computedAt when the aggregation ran
 * @param window how recent a machine's last report must be for it to count as active
 * @param k the privacy threshold
 * @param activeMachines distinct active machines
 * @param lists the published lists by name ({@link Aggregator#LISTS})
 * @param sectionOptions for each shown section, its options (themselves past the threshold)
 * @param history one point per day, oldest first
 */
public record Snapshot(Instant computedAt, Duration window, int k, long activeMachines,
    Map<String, RankedList> lists, Map<String, RankedList> sectionOptions,
    List<DayPoint> history) {

  /** Active and new machines on one day (UTC). */
  public record DayPoint(LocalDate day, long active, long newMachines) {}

  public Snapshot {
    lists = Map.copyOf(lists);
    sectionOptions = Map.copyOf(sectionOptions);
    history = List.copyOf(history);
  }

  /** A published list; empty when nothing was reported. */
  public RankedList list(String name) {
    return lists.getOrDefault(name, RankedList.EMPTY);
  }

  /** One shown section's options; empty when the section is not shown. */
  public Optional<RankedList> options(String section) {
    return Optional.ofNullable(sectionOptions.get(section));
  }
}
