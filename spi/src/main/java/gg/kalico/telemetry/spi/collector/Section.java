package gg.kalico.telemetry.spi.collector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The content a collector returns: an ordered tree of JSON-like values.
 *
 * <p>A section is either an object (built with {@link #builder()} or {@link #of(Map)}) or, for
 * sections the schema defines as arrays such as {@code objects}, a list ({@link #ofItems(List)}).
 *
 * <p>Allowed leaf values are {@link String}, {@link Boolean}, {@link Integer}, {@link Long} and
 * {@link Double} (finite); containers are {@link List} and {@link Map} with string keys, nested up
 * to {@value #MAX_DEPTH} levels. The builder copies containers deeply and drops null values, so a
 * section is immutable once built; a value nested deeper, a cycle, or a non-finite number is
 * refused there, in the collector's own call.
 */
public final class Section {
  /** How deeply containers may nest inside a section. */
  public static final int MAX_DEPTH = 32;

  private static final Section EMPTY = new Section(Collections.emptyMap(), null);

  private final Map<String, Object> fields;
  private final List<Object> items;
  private final int major;

  private Section(Map<String, Object> fields, List<Object> items) {
    this(fields, items, 0);
  }

  private Section(Map<String, Object> fields, List<Object> items, int major) {
    this.fields = fields;
    this.items = items;
    this.major = major;
  }

  /**
   * This section, declared to have the shape of schema major {@code major}: for a collector written
   * for an older major than the one being produced, whose section the schema's migrations then
   * carry forward. A section that declares nothing has the shape of the major the context asked for
   * ({@link CollectorContext#schemaMajor()}).
   *
   * @throws IllegalArgumentException if {@code major} is not positive
   */
  public Section forMajor(int major) {
    if (major < 1) {
      throw new IllegalArgumentException("a schema major is 1 or more, not " + major);
    }
    return new Section(fields, items, major);
  }

  /** The major whose shape this section has, or 0 when it is the one the context asked for. */
  public int major() {
    return major;
  }

  /**
   * A list section, for keys the schema defines as an array.
   *
   * @throws IllegalArgumentException if an item has a type a section cannot hold
   */
  @SuppressWarnings("unchecked")
  public static Section ofItems(List<?> items) {
    return new Section(Collections.emptyMap(), (List<Object>) Builder.copy(items, "[]", 0));
  }

  /** Whether this is a list section ({@link #ofItems(List)}). */
  public boolean isList() {
    return items != null;
  }

  /** The items of a list section; empty for an object section. Unmodifiable, deeply. */
  public List<Object> items() {
    return items == null ? List.of() : items;
  }

  /** A section with no fields. */
  public static Section empty() {
    return EMPTY;
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A section whose fields are copied from a map.
   *
   * @throws IllegalArgumentException if a value is of a type a section cannot hold
   */
  public static Section of(Map<String, ?> fields) {
    Builder b = builder();
    fields.forEach(b::put);
    return b.build();
  }

  /** The fields in insertion order. Unmodifiable, deeply. */
  public Map<String, Object> fields() {
    return fields;
  }

  /** Whether the section has no fields (an object) or no items (a list). */
  public boolean isEmpty() {
    return items == null ? fields.isEmpty() : items.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Section s
        && fields.equals(s.fields)
        && Objects.equals(items, s.items)
        && major == s.major;
  }

  @Override
  public int hashCode() {
    return Objects.hash(fields, items, major);
  }

  /** Lists the field names only: values may be sensitive until the schema has checked them. */
  @Override
  public String toString() {
    return items != null ? "Section[" + items.size() + " items]" : "Section" + fields.keySet();
  }

  /** Mutable builder of a {@link Section}. Not thread-safe. */
  public static final class Builder {
    private final LinkedHashMap<String, Object> fields = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets a field; a null value leaves the field out.
     *
     * @throws IllegalArgumentException if the value (or anything inside it) has an unsupported type
     */
    public Builder put(String key, Object value) {
      Objects.requireNonNull(key, "key");
      Object copy = copy(value, key, 0);
      if (copy != null) {
        fields.put(key, copy);
      }
      return this;
    }

    /** Builds the immutable section. */
    public Section build() {
      return fields.isEmpty()
          ? EMPTY
          : new Section(Collections.unmodifiableMap(new LinkedHashMap<>(fields)), null);
    }

    static Object copy(Object value, String where, int depth) {
      if (value == null
          || value instanceof String
          || value instanceof Boolean
          || value instanceof Integer
          || value instanceof Long) {
        return value;
      }
      if (value instanceof Double d) {
        if (!Double.isFinite(d)) {
          throw new IllegalArgumentException(
              "section field '" + where + "' is " + d + "; JSON has no such number");
        }
        return d;
      }
      if (depth >= MAX_DEPTH && (value instanceof List || value instanceof Map)) {
        // also what ends a list or map that contains itself
        throw new IllegalArgumentException(
            "section field '" + where + "' is nested deeper than " + MAX_DEPTH + " levels");
      }
      if (value instanceof List<?> list) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object item : list) {
          Object c = copy(item, where + "[]", depth + 1);
          if (c != null) {
            out.add(c);
          }
        }
        return Collections.unmodifiableList(out);
      }
      if (value instanceof Map<?, ?> map) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof String k)) {
            throw new IllegalArgumentException(
                "section field '" + where + "' has a non-string key");
          }
          Object c = copy(e.getValue(), where + "." + k, depth + 1);
          if (c != null) {
            out.put(k, c);
          }
        }
        return Collections.unmodifiableMap(out);
      }
      throw new IllegalArgumentException(
          "section field '"
              + where
              + "' has unsupported type "
              + value.getClass().getName()
              + "; use String, Boolean, Integer, Long, Double, List or Map");
    }
  }
}
