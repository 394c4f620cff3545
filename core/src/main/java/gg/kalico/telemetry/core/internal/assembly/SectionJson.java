package gg.kalico.telemetry.core.internal.assembly;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a collector's section into a JSON tree, keeping field order. A section holds at most
 * {@value #MAX_NODES} values (its depth is already bounded by {@code Section}), so that no section
 * can fill the memory or take the validator down with it.
 */
final class SectionJson {
  /** The most values (leaves and containers) one section may hold. */
  static final int MAX_NODES = 500_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private int nodes;

  private SectionJson() {}

  /**
   * @throws TooLarge when the section holds more than {@value #MAX_NODES} values
   */
  static JsonNode of(Object v) {
    return new SectionJson().value(v);
  }

  /** A section with more values than any document needs. */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("holds more than " + MAX_NODES + " values", null, false, false);
    }
  }

  private JsonNode value(Object v) {
    if (++nodes > MAX_NODES) {
      throw new TooLarge();
    }
    if (v instanceof String s) {
      return NODES.stringNode(s);
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (v instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (v instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (v instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(item -> array.add(value(item)));
      return array;
    }
    if (v instanceof Map<?, ?> map) {
      ObjectNode node = NODES.objectNode();
      map.forEach((k, item) -> node.set((String) k, value(item)));
      return node;
    }
    throw new IllegalArgumentException("unsupported section value " + v.getClass().getName());
  }
}
