package gg.kalico.telemetry.schema;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields a later minor release added, as a receiver on an earlier minor of the same major finds
 * them: properties of an object the receiver's schema closes ({@code additionalProperties: false})
 * that it does not declare. They are set aside before the rest is validated exactly as before, so a
 * document of minor N+x is accepted by a receiver on minor N when all it adds are such fields (see
 * {@code docs/schema-releases.md}).
 *
 * <p>Inside {@code anyOf} and {@code oneOf} nothing is set aside: which branch a value was meant
 * for cannot be told from the value, so a property added there is a breaking change, and {@link
 * SchemaDiff} says so.
 */
public final class UnknownFields {
  /** Deeper than this, nothing is looked at (the schema's own nesting is far shallower). */
  private static final int MAX_DEPTH = 64;

  private UnknownFields() {}

  /**
   * One field set aside.
   *
   * @param pointer where it was, as a JSON pointer into the document
   * @param value its value, as sent
   */
  public record Field(String pointer, JsonNode value) {}

  /**
   * Removes from {@code document} every field {@code schema} does not declare in an object it
   * closes, and returns them in document order. What remains is what the schema knows.
   */
  public static List<Field> remove(JsonNode schema, JsonNode document) {
    List<Field> out = new ArrayList<>();
    walk(schema, schema, document, "", out, 0);
    return out;
  }

  /**
   * Puts fields back where they were, when the object they were in is still there and does not hold
   * that name; returns the ones that could not be put back.
   */
  public static List<Field> restore(JsonNode document, List<Field> fields) {
    List<Field> left = new ArrayList<>();
    for (Field f : fields) {
      int slash = f.pointer().lastIndexOf('/');
      JsonNode parent = document.at(f.pointer().substring(0, slash));
      String name = f.pointer().substring(slash + 1).replace("~1", "/").replace("~0", "~");
      if (parent instanceof ObjectNode o && !o.has(name)) {
        o.set(name, f.value());
      } else {
        left.add(f);
      }
    }
    return left;
  }

  private static void walk(
      JsonNode root, JsonNode schema, JsonNode doc, String at, List<Field> out, int depth) {
    JsonNode s = SchemaRefs.resolve(root, schema);
    if (depth > MAX_DEPTH || s == null || !s.isObject() || s.has("anyOf") || s.has("oneOf")) {
      return;
    }
    if (doc instanceof ObjectNode o) {
      JsonNode props = s.path("properties");
      JsonNode additional = s.get("additionalProperties");
      boolean closed = SchemaRefs.closed(s);
      for (String name : List.copyOf(o.propertyNames())) {
        String p = at + "/" + SchemaRefs.segment(name);
        if (props.has(name)) {
          walk(root, props.get(name), o.get(name), p, out, depth + 1);
        } else if (closed) {
          out.add(new Field(p, o.remove(name)));
        } else if (additional != null && additional.isObject()) {
          walk(root, additional, o.get(name), p, out, depth + 1);
        }
      }
    } else if (doc instanceof ArrayNode a && s.path("items").isObject()) {
      for (int i = 0; i < a.size(); i++) {
        walk(root, s.get("items"), a.get(i), at + "/" + i, out, depth + 1);
      }
    }
  }
}
