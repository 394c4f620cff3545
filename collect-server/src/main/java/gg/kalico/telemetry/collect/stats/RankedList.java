package gg.kalico.telemetry.collect.stats;

import java.util.List;

/**
 * One published list: the names at least {@code k} machines reported, most machines first, and
 * the rest folded into one row whose names are never published.
 *
 * @param shown names with at least k machines, by machines (descending), then name
 * @param foldedNames how many names were under the threshold
 * @param foldedMachines distinct machines that reported at least one folded name
 */
public record RankedList(List<NameCount> shown, int foldedNames, long foldedMachines) {
  public RankedList {
    shown = List.copyOf(shown);
  }

  static final RankedList EMPTY = new RankedList(List.of(), 0, 0);

  /** The machines of one shown name, or 0 when it is not shown. */
  public long machines(String name) {
    return shown.stream().filter(n -> n.name().equals(name)).mapToLong(NameCount::machines)
        .findFirst().orElse(0);
  }
}
