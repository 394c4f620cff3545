package gg.kalico.telemetry.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import gg.kalico.telemetry.schema.SchemaChange.Verdict;
import tools.jackson.databind.JsonNode;

/**
 * Compares two versions of a JSON Schema and says, for every change, whether every document the
 * old one accepted is still accepted. Understands the 2020-12 keywords this project uses
 * ({@code type}, {@code properties}, {@code required}, {@code additionalProperties},
 * {@code items}, {@code enum}, {@code const}, {@code minimum}/{@code maximum},
 * {@code minLength}/{@code maxLength}, {@code minItems}/{@code maxItems}, {@code maxProperties},
 * {@code pattern}, {@code $ref} within the document, {@code $defs}); any other keyword that
 * changed is "unknown, treat as breaking". Documentation keywords ({@code description},
 * {@code title}, {@code x-privacy}, {@code examples}, {@code $id}, {@code $schema}) never break.
 *
 * <p>{@code anyOf} and {@code oneOf} are judged branch by branch when the branches correspond
 * (the same number, compared by position; a branch added at the end of an {@code anyOf} only
 * widens it). In a {@code oneOf} a widened branch could make a document match two branches, so
 * it stays compatible only when the branches' types are disjoint. A property added to an object
 * whose {@code maxProperties} is then below its number of properties is reported: a document
 * filling every property would be refused.
 *
 * <p>The order of the result is fixed: depth first, and at each schema node in the order
 * {@code type}, {@code properties} (the old schema's order, then added ones), the
 * {@code maxProperties} room, {@code required}, {@code additionalProperties}, {@code items},
 * {@code anyOf}, {@code oneOf}, {@code enum}, {@code const}, the lower bounds ({@code minimum},
 * {@code minLength}, {@code minItems}, {@code minProperties}), the upper bounds (the same
 * order), {@code pattern}, then any other keyword (old order, then new).
 *
 * <p>Why this file is over 300 lines: it is one recursive comparison, and the order of its
 * result is the order of the calls in {@code node}; each keyword's rule is a short method beside
 * the others, which splitting would scatter.
 */
public final class SchemaDiff {
  private static final Set<String> DOCUMENTATION = Set.of("description", "title", "x-privacy",
      "examples", "$id", "$schema", "$comment", "default");
  private static final Set<String> HANDLED = Set.of("type", "properties", "required",
      "additionalProperties", "items", "enum", "const", "minimum", "maximum", "minLength",
      "maxLength", "minItems", "maxItems", "maxProperties", "minProperties", "pattern", "$ref",
      "$defs", "anyOf", "oneOf");
  private static final List<String> LOWER_BOUNDS = List.of("minimum", "minLength", "minItems",
      "minProperties");
  private static final List<String> UPPER_BOUNDS = List.of("maximum", "maxLength", "maxItems",
      "maxProperties");

  private final JsonNode oldRoot;
  private final JsonNode newRoot;
  private final List<SchemaChange> changes = new ArrayList<>();

  private SchemaDiff(JsonNode oldRoot, JsonNode newRoot) {
    this.oldRoot = oldRoot;
    this.newRoot = newRoot;
  }

  /** Every change from {@code oldSchema} to {@code newSchema}, in schema order. */
  public static List<SchemaChange> compare(JsonNode oldSchema, JsonNode newSchema) {
    SchemaDiff d = new SchemaDiff(oldSchema, newSchema);
    d.node(oldSchema, newSchema, "", new HashSet<>());
    return List.copyOf(d.changes);
  }

  /** The major version a schema publishes: its {@code schema_version} const, or 0. */
  public static int major(JsonNode schema) {
    return schema.path("properties").path("schema_version").path("const").asInt(0);
  }

  private void add(String at, Verdict v, String reason) {
    changes.add(new SchemaChange(at, v, reason));
  }

  /**
   * The schema a node stands for: a {@code $ref} inside the document is replaced by its target,
   * with the node's own other keywords laid over it (in 2020-12 they apply together).
   */
  private JsonNode resolve(JsonNode root, JsonNode node) {
    JsonNode n = node;
    for (int i = 0; i < 32 && n != null && n.isObject() && n.has("$ref"); i++) {
      String ref = n.get("$ref").asString("");
      if (!ref.startsWith("#")) {
        return null;
      }
      JsonNode target = root.at(ref.substring(1));
      if (target.isMissingNode() || !target.isObject()) {
        return null;
      }
      tools.jackson.databind.node.ObjectNode merged =
          (tools.jackson.databind.node.ObjectNode) target.deepCopy();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (!e.getKey().equals("$ref")) {
          merged.set(e.getKey(), e.getValue());
        }
      }
      n = merged;
    }
    return n;
  }

  private void node(JsonNode oldNode, JsonNode newNode, String at, Set<String> visiting) {
    if (!visiting.add(at)) {
      return;
    }
    JsonNode o = resolve(oldRoot, oldNode);
    JsonNode n = resolve(newRoot, newNode);
    if (o == null || n == null) {
      if (!String.valueOf(oldNode.get("$ref")).equals(String.valueOf(newNode.get("$ref")))) {
        add(at, Verdict.UNKNOWN, "a $ref that cannot be resolved inside the schema changed");
      }
      return;
    }
    if (o.isBoolean() || n.isBoolean()) {
      if (!o.equals(n)) {
        boolean widened = n.isBoolean() && n.asBoolean();
        add(at, widened ? Verdict.COMPATIBLE : Verdict.BREAKING, widened ? "now accepts anything"
            : "now accepts less (a boolean schema)");
      }
      return;
    }
    type(o, n, at);
    properties(o, n, at, visiting);
    room(o, n, at);
    required(o, n, at);
    additional(o, n, at, visiting);
    if (o.has("items") || n.has("items")) {
      if (o.has("items") && n.has("items")) {
        node(o.get("items"), n.get("items"), at + "/items", visiting);
      } else {
        add(at + "/items", n.has("items") ? Verdict.BREAKING : Verdict.COMPATIBLE,
            n.has("items") ? "items now constrained" : "items no longer constrained");
      }
    }
    branches(o, n, at, "anyOf", visiting);
    branches(o, n, at, "oneOf", visiting);
    enumeration(o, n, at);
    constant(o, n, at);
    for (String k : LOWER_BOUNDS) {
      bound(o, n, at, k, true);
    }
    for (String k : UPPER_BOUNDS) {
      bound(o, n, at, k, false);
    }
    pattern(o, n, at);
    Set<String> keys = new LinkedHashSet<>(o.propertyNames());
    keys.addAll(n.propertyNames());
    for (String k : keys) {
      if (!HANDLED.contains(k) && !DOCUMENTATION.contains(k)
          && !String.valueOf(o.get(k)).equals(String.valueOf(n.get(k)))) {
        add(at + "/" + k, Verdict.UNKNOWN, "'" + k + "' changed; the checker cannot judge it");
      }
    }
    visiting.remove(at);
  }

  private static Set<String> types(JsonNode s) {
    Set<String> t = new LinkedHashSet<>();
    JsonNode type = s.get("type");
    if (type == null) {
      return null;
    }
    if (type.isArray()) {
      type.forEach(x -> t.add(x.asString()));
    } else {
      t.add(type.asString());
    }
    if (t.contains("number")) {
      t.add("integer");
    }
    return t;
  }

  private void type(JsonNode o, JsonNode n, String at) {
    Set<String> to = types(o);
    Set<String> tn = types(n);
    if (String.valueOf(to).equals(String.valueOf(tn))) {
      return;
    }
    if (tn == null) {
      add(at + "/type", Verdict.COMPATIBLE, "type no longer restricted");
    } else if (to == null) {
      add(at + "/type", Verdict.BREAKING, "type now restricted to " + tn);
    } else if (tn.containsAll(to)) {
      add(at + "/type", Verdict.COMPATIBLE, "type widened from " + to + " to " + tn);
    } else {
      add(at + "/type", Verdict.BREAKING, "type narrowed from " + to + " to " + tn);
    }
  }

  private void properties(JsonNode o, JsonNode n, String at, Set<String> visiting) {
    JsonNode po = o.path("properties");
    JsonNode pn = n.path("properties");
    for (Map.Entry<String, JsonNode> e : po.properties()) {
      String p = at + "/properties/" + e.getKey();
      if (pn.has(e.getKey())) {
        node(e.getValue(), pn.get(e.getKey()), p, visiting);
      } else if (closed(n)) {
        add(p, Verdict.BREAKING, "property '" + e.getKey() + "' removed; documents that have it"
            + " are now rejected");
      } else {
        add(p, Verdict.COMPATIBLE, "property '" + e.getKey() + "' no longer described");
      }
    }
    for (Map.Entry<String, JsonNode> e : pn.properties()) {
      if (!po.has(e.getKey())) {
        String p = at + "/properties/" + e.getKey();
        if (closed(o)) {
          add(p, Verdict.COMPATIBLE, "property '" + e.getKey() + "' added");
        } else {
          add(p, Verdict.UNKNOWN, "property '" + e.getKey() + "' added where other properties"
              + " were allowed: documents may already carry it with other values");
        }
      }
    }
  }

  private static boolean closed(JsonNode s) {
    JsonNode ap = s.get("additionalProperties");
    return ap != null && ap.isBoolean() && !ap.asBoolean();
  }

  /**
   * A property added where {@code maxProperties} leaves no room for it: old documents still
   * pass, but one that fills every property is refused, so the change is reported.
   */
  private void room(JsonNode o, JsonNode n, String at) {
    JsonNode max = n.get("maxProperties");
    if (max == null || !max.isNumber()) {
      return;
    }
    int count = n.path("properties").size();
    boolean added = false;
    for (String name : n.path("properties").propertyNames()) {
      added |= !o.path("properties").has(name);
    }
    if (added && count > max.asInt()) {
      add(at + "/maxProperties", Verdict.UNKNOWN, "a property was added but maxProperties "
          + max.asInt() + " is below the " + count + " properties: a document filling every"
          + " property is refused; raise maxProperties to " + count);
    }
  }

  /** {@code anyOf} / {@code oneOf}: branch by branch when the branches correspond. */
  private void branches(JsonNode o, JsonNode n, String at, String keyword,
      Set<String> visiting) {
    JsonNode bo = o.get(keyword);
    JsonNode bn = n.get(keyword);
    if (String.valueOf(bo).equals(String.valueOf(bn))) {
      return;
    }
    String p = at + "/" + keyword;
    if (bo == null || bn == null || !bo.isArray() || !bn.isArray()) {
      add(p, bn == null ? Verdict.COMPATIBLE : Verdict.UNKNOWN, bn == null ? keyword
          + " removed" : keyword + " added or changed shape; the checker cannot judge it");
      return;
    }
    if (bn.size() < bo.size()) {
      add(p, Verdict.BREAKING, "a branch of " + keyword + " was removed");
      return;
    }
    int before = changes.size();
    for (int i = 0; i < bo.size(); i++) {
      node(bo.get(i), bn.get(i), p + "/" + i, visiting);
    }
    if (bn.size() > bo.size()) {
      add(p, keyword.equals("anyOf") ? Verdict.COMPATIBLE : Verdict.UNKNOWN,
          keyword.equals("anyOf") ? "a branch was added" : "a branch was added to oneOf: a"
              + " document may now match two branches");
    }
    if (keyword.equals("oneOf") && !disjointTypes(bn)) {
      // a widened branch may now overlap another: compatible becomes unknown
      for (int i = before; i < changes.size(); i++) {
        SchemaChange c = changes.get(i);
        if (c.verdict() == Verdict.COMPATIBLE) {
          changes.set(i, new SchemaChange(c.pointer(), Verdict.UNKNOWN, c.reason()
              + " (inside oneOf, whose branches may overlap: a document could match two)"));
        }
      }
    }
  }

  private boolean disjointTypes(JsonNode branches) {
    Set<String> seen = new HashSet<>();
    for (JsonNode b : branches) {
      JsonNode r = resolve(newRoot, b);
      Set<String> t = r == null ? null : types(r);
      if (t == null) {
        return false;
      }
      for (String x : t) {
        if (!seen.add(x)) {
          return false;
        }
      }
    }
    return true;
  }

  private void required(JsonNode o, JsonNode n, String at) {
    Set<String> ro = new LinkedHashSet<>();
    o.path("required").forEach(x -> ro.add(x.asString()));
    for (JsonNode x : n.path("required")) {
      if (!ro.contains(x.asString())) {
        add(at + "/required", Verdict.BREAKING, "'" + x.asString() + "' is now required");
      }
    }
    Set<String> rn = new LinkedHashSet<>();
    n.path("required").forEach(x -> rn.add(x.asString()));
    for (String x : ro) {
      if (!rn.contains(x)) {
        add(at + "/required", Verdict.COMPATIBLE, "'" + x + "' is no longer required");
      }
    }
  }

  private void additional(JsonNode o, JsonNode n, String at, Set<String> visiting) {
    JsonNode ao = o.get("additionalProperties");
    JsonNode an = n.get("additionalProperties");
    if (String.valueOf(ao).equals(String.valueOf(an))) {
      if (ao != null && ao.isObject()) {
        node(ao, an, at + "/additionalProperties", visiting);
      }
      return;
    }
    String p = at + "/additionalProperties";
    boolean oldAll = ao == null || ao.isBoolean() && ao.asBoolean();
    boolean newAll = an == null || an.isBoolean() && an.asBoolean();
    boolean oldNone = ao != null && ao.isBoolean() && !ao.asBoolean();
    if (newAll) {
      add(p, Verdict.COMPATIBLE, "other properties now allowed");
    } else if (oldNone) {
      add(p, Verdict.COMPATIBLE, "other properties now allowed, under a schema");
    } else if (oldAll) {
      add(p, Verdict.BREAKING, "other properties now " + (an.isBoolean() ? "refused"
          : "constrained"));
    } else if (an.isBoolean()) {
      add(p, Verdict.BREAKING, "other properties now refused");
    } else {
      node(ao, an, p, visiting);
    }
  }

  private void enumeration(JsonNode o, JsonNode n, String at) {
    JsonNode eo = o.get("enum");
    JsonNode en = n.get("enum");
    if (String.valueOf(eo).equals(String.valueOf(en))) {
      return;
    }
    if (en == null) {
      add(at + "/enum", Verdict.COMPATIBLE, "no longer a closed set");
      return;
    }
    if (eo == null) {
      add(at + "/enum", Verdict.BREAKING, "now a closed set");
      return;
    }
    Set<String> vo = new LinkedHashSet<>();
    eo.forEach(x -> vo.add(x.toString()));
    Set<String> vn = new LinkedHashSet<>();
    en.forEach(x -> vn.add(x.toString()));
    Set<String> removed = new LinkedHashSet<>(vo);
    removed.removeAll(vn);
    Set<String> added = new LinkedHashSet<>(vn);
    added.removeAll(vo);
    if (!removed.isEmpty()) {
      add(at + "/enum", Verdict.BREAKING, "values removed: " + removed);
    }
    if (!added.isEmpty()) {
      add(at + "/enum", Verdict.COMPATIBLE, "values added: " + added);
    }
  }

  private void constant(JsonNode o, JsonNode n, String at) {
    JsonNode co = o.get("const");
    JsonNode cn = n.get("const");
    if (String.valueOf(co).equals(String.valueOf(cn))) {
      return;
    }
    if (cn == null) {
      add(at + "/const", Verdict.COMPATIBLE, "no longer a constant");
    } else {
      add(at + "/const", Verdict.BREAKING, co == null ? "now a constant " + cn
          : "constant changed from " + co + " to " + cn);
    }
  }

  private void bound(JsonNode o, JsonNode n, String at, String k, boolean lower) {
    JsonNode bo = o.get(k);
    JsonNode bn = n.get(k);
    if (String.valueOf(bo).equals(String.valueOf(bn))) {
      return;
    }
    String p = at + "/" + k;
    if (bn == null) {
      add(p, Verdict.COMPATIBLE, k + " removed");
    } else if (bo == null) {
      add(p, Verdict.BREAKING, k + " added (" + bn + ")");
    } else {
      double a = bo.asDouble();
      double b = bn.asDouble();
      boolean widened = lower ? b < a : b > a;
      add(p, widened ? Verdict.COMPATIBLE : Verdict.BREAKING,
          k + (widened ? " relaxed" : " tightened") + " from " + bo + " to " + bn);
    }
  }

  private void pattern(JsonNode o, JsonNode n, String at) {
    JsonNode po = o.get("pattern");
    JsonNode pn = n.get("pattern");
    if (String.valueOf(po).equals(String.valueOf(pn))) {
      return;
    }
    if (pn == null) {
      add(at + "/pattern", Verdict.COMPATIBLE, "pattern removed");
    } else if (po == null) {
      add(at + "/pattern", Verdict.BREAKING, "pattern added");
    } else {
      add(at + "/pattern", Verdict.UNKNOWN, "pattern changed from " + po + " to " + pn
          + "; cannot prove it accepts everything the old one did");
    }
  }
}
