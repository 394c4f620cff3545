package gg.kalico.telemetry.spi.collector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The section names of a configuration, each with its option names, in the order the host reports
 * them. Holds names only, by construction: there is no way to put a value in.
 */
public final class ConfigNames {
  private static final ConfigNames EMPTY = new ConfigNames(new LinkedHashMap<>());

  private final Map<String, List<String>> sections;

  private ConfigNames(LinkedHashMap<String, List<String>> sections) {
    this.sections = Collections.unmodifiableMap(sections);
  }

  /** No sections at all, for hosts without a configuration file. */
  public static ConfigNames empty() {
    return EMPTY;
  }

  /**
   * Copies the given names, keeping the iteration order of the map and of each list.
   *
   * @throws NullPointerException if a name or list is null
   */
  public static ConfigNames of(Map<String, ? extends List<String>> sections) {
    LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
    sections.forEach(
        (section, options) ->
            copy.put(Objects.requireNonNull(section), List.copyOf(new ArrayList<>(options))));
    return new ConfigNames(copy);
  }

  /** Sections in order, each with its option names in order. Unmodifiable. */
  public Map<String, List<String>> sections() {
    return sections;
  }

  /** Whether the configuration has a section with exactly this name. */
  public boolean hasSection(String name) {
    return sections.containsKey(name);
  }

  /** Number of sections. */
  public int size() {
    return sections.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfigNames other && sections.equals(other.sections);
  }

  @Override
  public int hashCode() {
    return sections.hashCode();
  }

  @Override
  public String toString() {
    return "ConfigNames" + sections;
  }
}
