package gg.kalico.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checker tested against itself: random changes to a schema, random documents valid under
 * the old one. A compatible verdict must keep every such document valid; a breaking one must be
 * shown by one of them.
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

  /**
   * 400 random changes (a fixed seed, so a failure can be replayed). A change called
   * compatible must meet no sampled document the old schema accepts and the new one rejects; a
   * change called breaking must have such a document among the samples. The run must judge
   * enough of each kind for the check to mean something.
   */
  @Test
  void verdictsAgreeWithDocumentsBothWays() {
    Random seeds = new Random(20261201L);
    int compatibleChecked = 0;
    int breakingWitnessed = 0;
    int breakingWithout = 0;
    for (int run = 0; run < 400; run++) {
      long seed = seeds.nextLong();
      Random r = new Random(seed);
      ObjectNode old = (ObjectNode) JSON.readTree(BASE);
      ObjectNode changed = old.deepCopy();
      int mutations = 1 + r.nextInt(2);
      for (int i = 0; i < mutations; i++) {
        mutate(changed, r);
      }
      List<SchemaChange> changes = SchemaDiff.compare(old, changed);
      boolean breaking = changes.stream()
          .anyMatch(c -> c.verdict() == SchemaChange.Verdict.BREAKING);
      boolean compatible = changes.stream().noneMatch(SchemaChange::breaks);
      if (!breaking && !compatible) {
        continue; // unknown: nothing is claimed
      }
      TelemetrySchema oldSchema = TelemetrySchema.section("old-" + run, old.toString());
      TelemetrySchema newSchema = TelemetrySchema.section("new-" + run, changed.toString());
      JsonNode witness = null;
      int validSamples = 0;
      for (int n = 0; n < 300 && (compatible || witness == null); n++) {
        JsonNode doc = sample(old, r);
        if (!oldSchema.validate(doc).isEmpty()) {
          continue;
        }
        validSamples++;
        if (!newSchema.validate(doc).isEmpty()) {
          witness = doc;
        }
      }
      if (compatible) {
        assertThat(witness).as("seed %d: called compatible (%s), yet %s is rejected by %s",
            seed, changes, witness, changed).isNull();
        compatibleChecked += validSamples > 0 ? 1 : 0;
      } else if (witness != null) {
        breakingWitnessed++;
      } else {
        breakingWithout++;
      }
    }
    assertThat(compatibleChecked).as("compatible verdicts checked against documents")
        .isGreaterThanOrEqualTo(60);
    assertThat(breakingWitnessed).as("breaking verdicts shown by a rejected document")
        .isGreaterThanOrEqualTo(100);
    assertThat(breakingWithout).as("breaking verdicts no sampled document showed (random"
        + " sampling can miss a narrow one, but not often)")
        .isLessThanOrEqualTo(breakingWitnessed / 20);
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
