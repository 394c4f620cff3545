package gg.kalico.telemetry.core.assembly;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Turns a collector's section into a JSON tree, keeping field order. */
final class SectionJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SectionJson() {}

  static JsonNode value(Object v) {
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
