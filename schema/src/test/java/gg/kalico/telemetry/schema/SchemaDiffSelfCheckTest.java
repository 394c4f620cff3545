package gg.kalico.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checker tested against itself: random changes to a schema, random documents valid under
 * the old one; whenever the checker calls a change compatible, every such document must still
 * be valid under the new one.
 */
class SchemaDiffSelfCheckTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String BASE = """
      {"$schema": "https://json-schema.org/draft/2020-12/schema",
       "type": "object", "additionalProperties": false, "maxProperties": 6, "required": ["a"],
       "properties": {
         "a": {"type": "integer", "minimum": 0, "maximum": 50},
         "b": {"type": "string", "minLength": 0, "maxLength": 8},
         "c": {"enum": ["x", "y", "z"]},
         "d": {"type": "array", "maxItems": 3,
               "items": {"type": "integer", "minimum": 0, "maximum": 9}}}}
      """;

  @Property(tries = 300)
  void compatibleVerdictsNeverMeetADocumentTheNewSchemaRejects(@ForAll long seed) {
    Random r = new Random(seed);
    ObjectNode old = (ObjectNode) JSON.readTree(BASE);
    ObjectNode changed = old.deepCopy();
    int mutations = 1 + r.nextInt(2);
    for (int i = 0; i < mutations; i++) {
      mutate(changed, r);
    }
    List<SchemaChange> changes = SchemaDiff.compare(old, changed);
    boolean compatible = changes.stream().noneMatch(SchemaChange::breaks);
    Statistics.collect(compatible ? "compatible" : "breaking or unknown");
    if (!compatible) {
      return;
    }
    TelemetrySchema oldSchema = TelemetrySchema.section("old-" + seed, old.toString());
    TelemetrySchema newSchema = TelemetrySchema.section("new-" + seed, changed.toString());
    for (int n = 0; n < 40; n++) {
      JsonNode doc = sample(old, r);
      if (!oldSchema.validate(doc).isEmpty()) {
        continue;
      }
      assertThat(newSchema.validate(doc)).as("compatible %s, yet %s is rejected by %s", changes,
          doc, changed).isEmpty();
    }
  }

  private static void mutate(ObjectNode s, Random r) {
    ObjectNode p = (ObjectNode) s.get("properties");
    switch (r.nextInt(12)) {
      case 0 -> obj(p, "a").put("maximum", r.nextInt(101));
      case 1 -> obj(p, "a").put("minimum", r.nextInt(71) - 10);
      case 2 -> obj(p, "b").put("maxLength", r.nextInt(17));
      case 3 -> obj(p, "b").put("minLength", r.nextInt(5));
      case 4 -> {
        ArrayNode e = F.arrayNode();
        for (String v : new String[] {"x", "y", "z", "w"}) {
          if (r.nextBoolean()) {
            e.add(v);
          }
        }
        if (p.has("c")) {
          obj(p, "c").set("enum", e);
        }
      }
      case 5 -> obj(p, "d").put("maxItems", r.nextInt(6));
      case 6 -> {
        ArrayNode req = F.arrayNode();
        for (String v : new String[] {"a", "b", "c"}) {
          if (r.nextBoolean()) {
            req.add(v);
          }
        }
        s.set("required", req);
      }
      case 7 -> p.remove(new String[] {"b", "c", "d"}[r.nextInt(3)]);
      case 8 -> p.set("e", JSON.readTree("{\"type\": \"boolean\"}"));
      case 9 -> s.put("additionalProperties", true);
      case 10 -> obj(p, "a").put("type", new String[] {"number", "string", "boolean"}[r.nextInt(3)]);
      default -> obj(obj(p, "d"), "items").put("maximum", r.nextInt(15));
    }
  }

  private static ObjectNode obj(ObjectNode parent, String name) {
    JsonNode n = parent.get(name);
    if (n instanceof ObjectNode o) {
      return o;
    }
    ObjectNode created = F.objectNode();
    parent.set(name, created);
    return created;
  }

  /** A random document shaped by the schema (it may break a bound; callers check). */
  private static JsonNode sample(JsonNode schema, Random r) {
    ObjectNode doc = F.objectNode();
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(x -> required.add(x.asString()));
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").properties()
        .iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (required.contains(e.getKey()) || r.nextBoolean()) {
        doc.set(e.getKey(), value(e.getValue(), r));
      }
    }
    return doc;
  }

  private static JsonNode value(JsonNode s, Random r) {
    if (s.has("enum")) {
      JsonNode e = s.get("enum");
      return e.size() == 0 ? F.stringNode("x") : e.get(r.nextInt(e.size()));
    }
    String type = s.path("type").asString("");
    switch (type) {
      case "integer" -> {
        int min = s.path("minimum").asInt(-5);
        int max = s.path("maximum").asInt(60);
        return F.numberNode(min + (max >= min ? r.nextInt(max - min + 1) : 0));
      }
      case "string" -> {
        int min = s.path("minLength").asInt(0);
        int max = s.path("maxLength").asInt(10);
        int len = min + (max >= min ? r.nextInt(max - min + 1) : 0);
        return F.stringNode("abc".repeat(len).substring(0, len));
      }
      case "array" -> {
        ArrayNode a = F.arrayNode();
        int n = r.nextInt(s.path("maxItems").asInt(4) + 1);
        for (int i = 0; i < n; i++) {
          a.add(value(s.path("items"), r));
        }
        return a;
      }
      case "boolean" -> {
        return F.booleanNode(r.nextBoolean());
      }
      default -> {
        return F.numberNode(r.nextInt(10));
      }
    }
  }
}
