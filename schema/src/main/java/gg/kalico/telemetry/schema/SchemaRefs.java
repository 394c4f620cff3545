package gg.kalico.telemetry.schema;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Following a {@code $ref} inside one schema document, as the checker and the reader need. */
final class SchemaRefs {
  /** Chains of {@code $ref} longer than this are not followed (a schema bug, not a document's). */
  private static final int MAX_CHAIN = 32;

  private SchemaRefs() {}

  /**
   * The schema a node stands for: a {@code $ref} inside the document is replaced by its target,
   * with the node's own other keywords laid over it (in 2020-12 they apply together). Null when a
   * reference leaves the document or names nothing.
   */
  static JsonNode resolve(JsonNode root, JsonNode node) {
    JsonNode n = node;
    for (int i = 0; i < MAX_CHAIN && n != null && n.isObject() && n.has("$ref"); i++) {
      String ref = n.get("$ref").asString("");
      if (!ref.startsWith("#")) {
        return null;
      }
      JsonNode target = root.at(ref.substring(1));
      if (target.isMissingNode() || !target.isObject()) {
        return null;
      }
      ObjectNode merged = (ObjectNode) target.deepCopy();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (!e.getKey().equals("$ref")) {
          merged.set(e.getKey(), e.getValue());
        }
      }
      n = merged;
    }
    return n;
  }

  /** Whether a schema node closes its object: {@code additionalProperties: false}. */
  static boolean closed(JsonNode s) {
    JsonNode ap = s.get("additionalProperties");
    return ap != null && ap.isBoolean() && !ap.asBoolean() && !s.has("patternProperties");
  }

  /** A property name as a JSON pointer segment. */
  static String segment(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
