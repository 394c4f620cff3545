package gg.kalico.telemetry.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Every leaf of a schema (a value that is sent: a string, number, flag or closed set) carries
 * {@code x-privacy} with one of a small closed set of classes, so a reviewer and the generated
 * "what is collected" page can say what kind of data each field is.
 */
public final class PrivacyClasses {
  /** The keyword. */
  public static final String KEYWORD = "x-privacy";

  /** The classes, with what each means. */
  public static final Map<String, String> CLASSES =
      Map.of(
          "hashed-identifier", "a keyed hash; the value it is made from never leaves the machine",
          "system-fact", "a fact about the machine's hardware or operating system",
          "software-fact", "a fact about the host software's version and origin",
          "name-only", "a section, option or module name; never its value",
          "closed-set", "one of a fixed list of values defined in the schema",
          "count", "a number of things",
          "plugin-declared", "a plugin's section; each of its fields carries its own class");

  private PrivacyClasses() {}

  /** Leaves without a known {@code x-privacy}, by schema pointer; empty when all have one. */
  public static List<SchemaViolation> missing(JsonNode schema) {
    List<SchemaViolation> out = new ArrayList<>();
    walk(schema, "", out);
    return out;
  }

  private static void walk(JsonNode node, String at, List<SchemaViolation> out) {
    if (node == null || !node.isObject()) {
      return;
    }
    boolean container =
        node.has("properties")
            || node.has("items")
            || node.get("additionalProperties") != null
                && node.get("additionalProperties").isObject()
            || "object".equals(node.path("type").asString(""))
            || "array".equals(node.path("type").asString(""));
    if (!container || node.has("anyOf")) {
      JsonNode cls = node.get(KEYWORD);
      if (cls == null || !CLASSES.containsKey(cls.asString(""))) {
        out.add(
            new SchemaViolation(
                at.isEmpty() ? "/" : at,
                KEYWORD,
                "every leaf needs " + KEYWORD + " with one of " + new TreeSet<>(CLASSES.keySet())));
      }
      return;
    }
    JsonNode props = node.get("properties");
    if (props != null) {
      for (Map.Entry<String, JsonNode> e : props.properties()) {
        walk(e.getValue(), at + "/properties/" + e.getKey(), out);
      }
    }
    if (node.has("items")) {
      walk(node.get("items"), at + "/items", out);
    }
    JsonNode ap = node.get("additionalProperties");
    if (ap != null && ap.isObject()) {
      walk(ap, at + "/additionalProperties", out);
    }
  }

  /** Whether a class name is one of {@link #CLASSES}. */
  public static boolean known(String name) {
    return CLASSES.containsKey(name);
  }

  /** The class names. */
  public static Set<String> names() {
    return CLASSES.keySet();
  }
}
