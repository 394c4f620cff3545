package gg.kalico.telemetry.collect.stats;

import java.util.List;

/**
 * One published list: the names at least {@code k} machines reported, most machines first, and the
 * rest folded into one number that names nothing and does not say how many names it holds.
 *
 * @param shown names with at least k machines, by machines (descending), then name
 * @param reporting active machines that reported this list at all (the denominator)
 * @param other what the folded names add up to: machines, in a list where a machine has one name
 *     ({@link #oneName}); mentions (machine and name pairs) in a list of many names
 * @param oneName whether a machine has at most one name in this list
 */
public record RankedList(List<NameCount> shown, long reporting, long other, boolean oneName) {
  public RankedList {
    shown = List.copyOf(shown);
  }

  static RankedList empty(boolean oneName) {
    return new RankedList(List.of(), 0, 0, oneName);
  }

  /** The machines of one shown name, or 0 when it is not shown. */
  public long machines(String name) {
    return shown.stream()
        .filter(n -> n.name().equals(name))
        .mapToLong(NameCount::machines)
        .findFirst()
        .orElse(0);
  }

  /** The label of the folded row: how many machines or mentions, never which names. */
  public String otherLabel() {
    return oneName ? "other (" + other + " machines)" : "other names (" + other + " mentions)";
  }
}
