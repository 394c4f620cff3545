package gg.kalico.telemetry.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules a plugin's section schema must follow before the plugin may start: JSON Schema 2020-12,
 * no remote {@code $ref}, a closed and bounded object at every level, a bound on every array, and
 * every string either an {@code enum}/{@code const} or both {@code maxLength} and {@code pattern}
 * (no free text that could carry a configuration value), and an {@code x-privacy} class on every
 * leaf.
 *
 * <p>Every way to let free text through is refused: a {@code type} list, a value without a type,
 * {@code patternProperties}, an {@code additionalProperties} schema, and any pattern outside the
 * safe form: {@code ^}, then atoms, then {@code $}, where an atom is a letter, digit, space or one
 * of {@code _ , : / @ # -}, or a character class of those and {@code . ( ) +} (ranges allowed, no
 * negation, no escapes), optionally followed by {@code {n}}, {@code {m,n}} or {@code ?}. So {@code
 * ^[A-Za-z0-9 ._-]{1,64}$} passes and {@code .*} or {@code ^[\s\S]*$} do not. These checks catch
 * mistakes; a plugin is trusted code that runs with the host's rights.
 */
public final class SectionSchemaCheck {
  static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  /** The safe form of a pattern: anchored, bounded, from a small alphabet (see above). */
  static final Pattern SAFE_PATTERN =
      Pattern.compile(
          "\\^(?:(?:[A-Za-z0-9 _,:/@#-]|\\[[A-Za-z0-9 _.,:/()+@#-]+\\])"
              + "(?:\\{\\d{1,6}(?:,\\d{1,6})?\\}|\\?)?)+\\$");

  /** Keywords that give a value its shape without a "type". */
  private static final List<String> SHAPED =
      List.of("type", "enum", "const", "$ref", "anyOf", "oneOf", "allOf");

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
      out.add(
          new SchemaViolation(
              at + "/$ref",
              "$ref",
              "only references inside the schema"
                  + " (starting with #) are allowed; nothing is fetched"));
    }
    if (node.get("type") != null && node.get("type").isArray()) {
      out.add(
          new SchemaViolation(
              at + "/type",
              "type",
              "give one type; a list of types could" + " let free text through"));
    }
    if (node.has("patternProperties")) {
      out.add(
          new SchemaViolation(
              at + "/patternProperties",
              "patternProperties",
              "patternProperties would accept any key; list the properties"));
    }
    JsonNode apSchema = node.get("additionalProperties");
    if (apSchema != null && !apSchema.isBoolean()) {
      out.add(
          new SchemaViolation(
              at + "/additionalProperties",
              "additionalProperties",
              "additionalProperties must be false, not a schema for any key"));
    }
    JsonNode pattern = node.get("pattern");
    if (pattern != null && !SAFE_PATTERN.matcher(pattern.asString("")).matches()) {
      out.add(
          new SchemaViolation(
              at + "/pattern",
              "pattern",
              "use the safe form: ^, character"
                  + " classes or letters with bounded repetition like {1,64}, then $ (no . * + | or"
                  + " escapes)"));
    }
    for (String child : List.of("properties")) {
      JsonNode props = node.get(child);
      if (props != null && props.isObject()) {
        for (Map.Entry<String, JsonNode> e : props.properties()) {
          requireShape(e.getValue(), at + "/properties/" + escape(e.getKey()), out);
        }
      }
    }
    if (node.get("items") != null) {
      requireShape(node.get("items"), at + "/items", out);
    }
    String type = node.path("type").isString() ? node.get("type").asString() : "";
    boolean object = type.equals("object") || node.has("properties");
    if (object) {
      JsonNode ap = node.get("additionalProperties");
      if (ap == null || !ap.isBoolean() || ap.asBoolean()) {
        out.add(
            new SchemaViolation(
                at, "additionalProperties", "every object needs \"additionalProperties\": false"));
      }
      if (!node.has("maxProperties")) {
        out.add(new SchemaViolation(at, "maxProperties", "every object needs maxProperties"));
      }
    }
    if (type.equals("array") && !node.has("maxItems")) {
      out.add(new SchemaViolation(at, "maxItems", "every array needs maxItems"));
    }
    if (type.equals("string")
        && !node.has("enum")
        && !node.has("const")
        && !(node.has("maxLength") && node.has("pattern"))) {
      out.add(
          new SchemaViolation(
              at,
              "maxLength",
              "a string needs an enum, or both maxLength"
                  + " and a pattern (free text could carry a configuration value)"));
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getKey().equals("enum")
          && !e.getKey().equals("const")
          && !e.getKey().equals("examples")
          && !e.getKey().equals("default")) {
        walk(e.getValue(), at + "/" + escape(e.getKey()), out);
      }
    }
  }

  /** A value's schema must say what it is: a value without a type accepts free text. */
  private static void requireShape(JsonNode schema, String at, List<SchemaViolation> out) {
    if (schema.isBoolean() && schema.asBoolean()) {
      out.add(new SchemaViolation(at, "type", "true accepts anything; give the value a type"));
      return;
    }
    if (schema.isObject() && SHAPED.stream().noneMatch(schema::has)) {
      out.add(new SchemaViolation(at, "type", "every value needs a type (or enum/const)"));
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
