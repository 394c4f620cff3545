package gg.kalico.telemetry.collect.store;

import java.util.Objects;

/**
 * One countable name: a published list's name, the section it belongs to (options only; empty
 * otherwise) and the name itself. An empty {@code name} stands for "reported this list at all",
 * counted per machine like a name but stored as the list's total.
 *
 * @param list the published list ({@code version}, {@code sections}, {@code options}, ...)
 * @param parent the section an option belongs to, or empty
 * @param name the name, or empty for the list's "reported at all" mark
 */
public record NameKey(String list, String parent, String name) implements Comparable<NameKey> {
  public NameKey {
    Objects.requireNonNull(list, "list");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(name, "name");
  }

  /** The list's "reported at all" mark. */
  public static NameKey reported(String list, String parent) {
    return new NameKey(list, parent, "");
  }

  /** Whether this is a list's "reported at all" mark rather than a name. */
  public boolean isMark() {
    return name.isEmpty();
  }

  @Override
  public int compareTo(NameKey o) {
    int c = list.compareTo(o.list);
    if (c == 0) {
      c = parent.compareTo(o.parent);
    }
    return c != 0 ? c : name.compareTo(o.name);
  }
}
