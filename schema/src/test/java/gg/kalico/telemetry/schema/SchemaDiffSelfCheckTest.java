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
 * The checker tested against itself, both ways: random changes to a schema, random documents of the
 * old schema and of the new one. A compatible verdict must keep every old document valid under the
 * new schema, and every new document valid under the old one once the fields the old one does not
 * know are set aside ({@link UnknownFields}); a breaking verdict must be shown by a document
 * refused in the direction it names. Two base schemas: a flat one, and one whose definition refers
 * to itself (a value that may be a list or an object of values).
 */
class SchemaDiffSelfCheckTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String BASE =
      """
      {"$schema": "https://json-schema.org/draft/2020-12/schema",
       "type": "object", "additionalProperties": false, "maxProperties": 6, "required": ["a"],
       "properties": {
         "a": {"type": "integer", "minimum": 0, "maximum": 50},
         "b": {"type": "string", "minLength": 0, "maxLength": 8},
         "c": {"enum": ["x", "y", "z"]},
         "d": {"type": "array", "maxItems": 3,
               "items": {"type": "integer", "minimum": 0, "maximum": 9}}}}
      """;
  private static final String RECURSIVE =
      """
      {"$schema": "https://json-schema.org/draft/2020-12/schema",
       "type": "object", "additionalProperties": false, "maxProperties": 4, "required": ["a"],
       "properties": {
         "a": {"type": "integer", "minimum": 0, "maximum": 50},
         "v": {"$ref": "#/$defs/value"}},
       "$defs": {"value": {"anyOf": [
         {"type": "string", "maxLength": 8},
         {"type": "array", "maxItems": 3, "items": {"$ref": "#/$defs/value"}},
         {"type": "object", "additionalProperties": false, "maxProperties": 2,
          "properties": {"k": {"$ref": "#/$defs/value"}}}]}}}
      """;

  /** Tallies of one self-check run. */
  private static final class Tally {
    int compatibleChecked;
    int breakingWitnessed;
    int breakingWithout;
  }

  /**
   * 400 random changes to the flat schema (a fixed seed, so a failure can be replayed). The run
   * must judge enough of each kind for the check to mean something.
   */
  @Test
  void verdictsAgreeWithDocumentsBothWays() {
    meaningful(run(BASE, 20261201L, 400, SchemaDiffSelfCheckTest::mutate), 40, 150);
  }

  /** The same inside a recursive definition: the checker ends, and its verdicts hold. */
  @Test
  void verdictsInsideRecursiveDefinitionsAgreeWithDocuments() {
    meaningful(run(RECURSIVE, 20261208L, 300, SchemaDiffSelfCheckTest::mutateRecursive), 20, 100);
  }

  /** Enough verdicts of each kind were checked for the run to mean something. */
  private static void meaningful(Tally t, int compatible, int breaking) {
    assertThat(t.compatibleChecked)
        .as("compatible verdicts checked against documents")
        .isGreaterThanOrEqualTo(compatible);
    assertThat(t.breakingWitnessed)
        .as("breaking verdicts shown by a refused document")
        .isGreaterThanOrEqualTo(breaking);
    assertThat(t.breakingWithout)
        .as(
            "breaking verdicts no sampled document showed (random"
                + " sampling can miss a narrow one, but not often)")
        .isLessThanOrEqualTo(t.breakingWitnessed / 10);
  }

  private static Tally run(
      String base,
      long seed0,
      int runs,
      java.util.function.BiConsumer<ObjectNode, Random> mutation) {
    Random seeds = new Random(seed0);
    Tally tally = new Tally();
    for (int run = 0; run < runs; run++) {
      long seed = seeds.nextLong();
      Random r = new Random(seed);
      ObjectNode old = (ObjectNode) JSON.readTree(base);
      ObjectNode changed = old.deepCopy();
      int mutations = 1 + r.nextInt(2);
      for (int i = 0; i < mutations; i++) {
        mutation.accept(changed, r);
      }
      List<SchemaChange> changes = SchemaDiff.compare(old, changed);
      boolean compatible = changes.stream().noneMatch(SchemaChange::breaks);
      boolean oldBreaks =
          changes.stream()
              .anyMatch(
                  c ->
                      c.verdict() == SchemaChange.Verdict.BREAKING
                          && c.direction() != SchemaChange.Direction.NEW_DOCUMENTS);
      boolean newBreaks =
          changes.stream()
              .anyMatch(
                  c ->
                      c.verdict() == SchemaChange.Verdict.BREAKING
                          && c.direction() != SchemaChange.Direction.OLD_DOCUMENTS);
      if (!compatible && !oldBreaks && !newBreaks) {
        continue; // unknown: nothing is claimed
      }
      TelemetrySchema oldSchema = TelemetrySchema.section("old-" + run, old.toString());
      TelemetrySchema newSchema = TelemetrySchema.section("new-" + run, changed.toString());
      JsonNode oldRefused = witness(old, oldSchema, newSchema, null, r, compatible || oldBreaks);
      JsonNode newRefused = witness(changed, newSchema, oldSchema, old, r, compatible || newBreaks);
      if (compatible) {
        assertThat(oldRefused)
            .as(
                "seed %d: called compatible (%s), yet the old document %s is" + " refused by %s",
                seed, changes, oldRefused, changed)
            .isNull();
        assertThat(newRefused)
            .as(
                "seed %d: called compatible (%s), yet the new document %s is"
                    + " refused by %s once its unknown fields are set aside",
                seed, changes, newRefused, old)
            .isNull();
        tally.compatibleChecked++;
      } else if ((!oldBreaks || oldRefused != null) && (!newBreaks || newRefused != null)) {
        tally.breakingWitnessed++;
      } else {
        tally.breakingWithout++;
      }
    }
    return tally;
  }

  /**
   * A document valid under {@code from} (sampled from {@code shape}) that {@code to} refuses, after
   * setting aside what {@code to}'s schema {@code setAside} does not know (when given); null when
   * 300 samples found none.
   */
  private static JsonNode witness(
      JsonNode shape,
      TelemetrySchema from,
      TelemetrySchema to,
      JsonNode setAside,
      Random r,
      boolean wanted) {
    if (!wanted) {
      return null;
    }
    for (int n = 0; n < 300; n++) {
      JsonNode doc = value(shape, shape, r, 0);
      if (!from.validate(doc).isEmpty()) {
        continue;
      }
      JsonNode seen = doc.deepCopy();
      if (setAside != null) {
        UnknownFields.remove(setAside, seen);
      }
      if (!to.validate(seen).isEmpty()) {
        return doc;
      }
    }
    return null;
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
      case 10 ->
          obj(p, "a").put("type", new String[] {"number", "string", "boolean"}[r.nextInt(3)]);
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

  private static void mutateRecursive(ObjectNode s, Random r) {
    ArrayNode branches = (ArrayNode) s.get("$defs").get("value").get("anyOf");
    switch (r.nextInt(7)) {
      case 0 -> obj((ObjectNode) s.get("properties"), "a").put("maximum", r.nextInt(101));
      case 1 -> {
        if (branches.size() > 0 && branches.get(0).has("maxLength")) {
          ((ObjectNode) branches.get(0)).put("maxLength", r.nextInt(17));
        }
      }
      case 2 -> {
        if (branches.size() > 1 && branches.get(1).has("maxItems")) {
          ((ObjectNode) branches.get(1)).put("maxItems", r.nextInt(6));
        }
      }
      case 3 -> branches.add(JSON.readTree("{\"type\": \"boolean\"}"));
      case 4 -> {
        if (branches.size() > 1) {
          branches.remove(branches.size() - 1);
        }
      }
      case 5 -> {
        if (branches.size() > 2) {
          ObjectNode o = (ObjectNode) branches.get(2);
          obj(o, "properties").set("j", JSON.readTree("{\"type\": \"integer\"}"));
          o.put("maxProperties", 2);
        }
      }
      default ->
          ((ObjectNode) s.get("properties")).set("e", JSON.readTree("{\"type\": \"boolean\"}"));
    }
  }

  /** A random value shaped by {@code s} (it may break a bound; callers check). */
  private static JsonNode value(JsonNode root, JsonNode schema, Random r, int depth) {
    JsonNode s = SchemaRefs.resolve(root, schema);
    if (s == null) {
      return F.stringNode("x");
    }
    if (s.has("anyOf") && s.get("anyOf").size() > 0) {
      JsonNode branches = s.get("anyOf");
      int pick = depth > 3 ? 0 : r.nextInt(branches.size());
      return value(root, branches.get(pick), r, depth + 1);
    }
    if (s.has("enum")) {
      JsonNode e = s.get("enum");
      return e.size() == 0 ? F.stringNode("x") : e.get(r.nextInt(e.size()));
    }
    String type = s.path("type").asString("");
    switch (type) {
      case "object" -> {
        ObjectNode doc = F.objectNode();
        List<String> required = new ArrayList<>();
        s.path("required").forEach(x -> required.add(x.asString()));
        for (Iterator<Map.Entry<String, JsonNode>> it =
                s.path("properties").properties().iterator();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (required.contains(e.getKey()) || (depth < 4 && r.nextBoolean())) {
            doc.set(e.getKey(), value(root, e.getValue(), r, depth + 1));
          }
        }
        return doc;
      }
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
        int n = depth > 3 ? 0 : r.nextInt(s.path("maxItems").asInt(4) + 1);
        for (int i = 0; i < n; i++) {
          a.add(value(root, s.path("items"), r, depth + 1));
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
