package gg.kalico.telemetry.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules a plugin's section schema must follow before the plugin may start: JSON Schema
 * 2020-12, no remote {@code $ref}, a closed and bounded object at every level, a bound on every
 * array, and every string either an {@code enum}/{@code const} or both {@code maxLength} and
 * {@code pattern} (no free text that could carry a configuration value), and an
 * {@code x-privacy} class on every leaf.
 */
public final class SectionSchemaCheck {
  static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private SectionSchemaCheck() {}

  /** The violations, each naming the schema pointer and the rule; empty when the schema passes. */
  public static List<SchemaViolation> check(String schemaText) {
    List<SchemaViolation> out = new ArrayList<>();
    JsonNode root;
    try {
      root = JsonMapper.shared().readTree(schemaText);
    } catch (JacksonException e) {
      out.add(new SchemaViolation("", "json", "the schema is not valid JSON"));
      return out;
    }
    if (root == null || !root.isObject()) {
      out.add(new SchemaViolation("", "type", "the schema must be a JSON object"));
      return out;
    }
    JsonNode dialect = root.get("$schema");
    if (dialect == null || !DIALECT.equals(dialect.asString(""))) {
      out.add(new SchemaViolation("/$schema", "$schema", "must be " + DIALECT));
    }
    if (!"object".equals(root.path("type").asString(""))) {
      out.add(new SchemaViolation("/type", "type", "a section is an object: \"type\": \"object\""));
    }
    walk(root, "", out);
    out.addAll(PrivacyClasses.missing(root));
    return out;
  }

  private static void walk(JsonNode node, String at, List<SchemaViolation> out) {
    if (!node.isObject()) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          walk(node.get(i), at + "/" + i, out);
        }
      }
      return;
    }
    JsonNode ref = node.get("$ref");
    if (ref != null && !ref.asString("").startsWith("#")) {
      out.add(new SchemaViolation(at + "/$ref", "$ref", "only references inside the schema"
          + " (starting with #) are allowed; nothing is fetched"));
    }
    String type = node.path("type").isString() ? node.get("type").asString() : "";
    boolean object = type.equals("object") || node.has("properties");
    if (object) {
      JsonNode ap = node.get("additionalProperties");
      if (ap == null || !ap.isBoolean() || ap.asBoolean()) {
        out.add(new SchemaViolation(at, "additionalProperties",
            "every object needs \"additionalProperties\": false"));
      }
      if (!node.has("maxProperties")) {
        out.add(new SchemaViolation(at, "maxProperties", "every object needs maxProperties"));
      }
    }
    if (type.equals("array") && !node.has("maxItems")) {
      out.add(new SchemaViolation(at, "maxItems", "every array needs maxItems"));
    }
    if (type.equals("string") && !node.has("enum") && !node.has("const")
        && !(node.has("maxLength") && node.has("pattern"))) {
      out.add(new SchemaViolation(at, "maxLength", "a string needs an enum, or both maxLength"
          + " and a pattern (free text could carry a configuration value)"));
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getKey().equals("enum") && !e.getKey().equals("const")
          && !e.getKey().equals("examples") && !e.getKey().equals("default")) {
        walk(e.getValue(), at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out);
      }
    }
  }
}
