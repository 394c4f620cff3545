package gg.kalico.telemetry.spi.collector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The section names of a configuration, each with its option names, in the order the host reports
 * them. No value can be read from it. For the few options whose value decides which modules the
 * host loads ({@link #CLOSED_SET_OPTIONS}), it can answer whether the value is one of a set of
 * names the caller already knows, or a boolean: the answer is the caller's own constant, so the
 * value itself never leaves.
 */
public final class ConfigNames {
  /** The options {@link #valueAmong} and {@link #flag} answer for; any other is refused. */
  public static final Set<String> CLOSED_SET_OPTIONS =
      Set.of("sensor_type", "kinematics", "pause_on_runout");

  private static final ConfigNames EMPTY = new ConfigNames(new LinkedHashMap<>(), Map.of());

  private final Map<String, List<String>> sections;

  /** section -> option -> value, for {@link #CLOSED_SET_OPTIONS} only; never handed out. */
  private final Map<String, Map<String, String>> closedSetValues;

  private ConfigNames(
      LinkedHashMap<String, List<String>> sections,
      Map<String, Map<String, String>> closedSetValues) {
    this.sections = Collections.unmodifiableMap(sections);
    this.closedSetValues = closedSetValues;
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
    return of(sections, Map.of());
  }

  /**
   * Copies the names, and keeps the values of the {@link #CLOSED_SET_OPTIONS} (others given are
   * dropped) for {@link #valueAmong} and {@link #flag}.
   */
  public static ConfigNames of(
      Map<String, ? extends List<String>> sections,
      Map<String, ? extends Map<String, String>> values) {
    LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
    sections.forEach(
        (section, options) ->
            copy.put(Objects.requireNonNull(section), List.copyOf(new ArrayList<>(options))));
    Map<String, Map<String, String>> kept = new HashMap<>();
    values.forEach(
        (section, options) ->
            options.forEach(
                (option, value) -> {
                  if (CLOSED_SET_OPTIONS.contains(option) && value != null) {
                    kept.computeIfAbsent(section, k -> new HashMap<>()).put(option, value.strip());
                  }
                }));
    return new ConfigNames(copy, kept);
  }

  /**
   * Which of the caller's {@code choices} the option's value is (exactly, after stripping
   * whitespace), or empty when it is none of them or unset.
   *
   * @throws IllegalArgumentException for an option outside {@link #CLOSED_SET_OPTIONS}
   */
  public Optional<String> valueAmong(String section, String option, Collection<String> choices) {
    String value = closedSetValue(section, option);
    if (value == null) {
      return Optional.empty();
    }
    for (String choice : choices) {
      if (choice.equals(value)) {
        return Optional.of(choice);
      }
    }
    return Optional.empty();
  }

  /**
   * The option as a boolean the way the host parses one (1, yes, true, on / 0, no, false, off, any
   * case), or empty when unset or not a boolean.
   *
   * @throws IllegalArgumentException for an option outside {@link #CLOSED_SET_OPTIONS}
   */
  public Optional<Boolean> flag(String section, String option) {
    String value = closedSetValue(section, option);
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "1", "yes", "true", "on" -> Optional.of(true);
      case "0", "no", "false", "off" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  private String closedSetValue(String section, String option) {
    if (!CLOSED_SET_OPTIONS.contains(option)) {
      throw new IllegalArgumentException(
          "option '"
              + option
              + "' is not one whose value may be"
              + " asked about; the closed-set options are "
              + CLOSED_SET_OPTIONS);
    }
    return closedSetValues.getOrDefault(section, Map.of()).get(option);
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
