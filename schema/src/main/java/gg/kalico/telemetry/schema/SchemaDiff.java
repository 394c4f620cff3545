package gg.kalico.telemetry.schema;

import gg.kalico.telemetry.schema.SchemaChange.Direction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Compares two versions of a JSON Schema and says, for every change, whether clients and receivers
 * on either version still understand each other: a change is compatible only when every document
 * the old schema accepted is accepted by the new one, and every document of the new schema is
 * accepted by a receiver on the old one, which sets aside the fields it does not know ({@link
 * UnknownFields}). In practice that leaves documentation and optional properties added to closed
 * objects (with {@code maxProperties} room); a widened bound, a new enum value or a wider type
 * breaks receivers on the old schema, a narrowed one breaks documents of the old. Each breaking
 * change names its {@link Direction}. Understands the 2020-12 keywords this project uses ({@code
 * type}, {@code properties}, {@code required}, {@code additionalProperties}, {@code items}, {@code
 * enum}, {@code const}, {@code minimum}/{@code maximum}, {@code minLength}/{@code maxLength},
 * {@code minItems}/{@code maxItems}, {@code maxProperties}, {@code pattern}, {@code $ref} within
 * the document, {@code $defs}); any other keyword that changed is "unknown, treat as breaking".
 * Documentation keywords ({@code description}, {@code title}, {@code x-privacy}, {@code x-minor},
 * {@code examples}, {@code $id}, {@code $schema}) never break.
 *
 * <p>{@code anyOf} and {@code oneOf} are judged branch by branch when the branches correspond (the
 * same number, compared by position). Inside a branch no field is set aside by a receiver, so a
 * property added there breaks receivers on the old schema. A change inside a {@code oneOf} whose
 * branches' types overlap is unknown: a document could match two branches.
 *
 * <p>Each pair of definitions reached through {@code $ref} is compared once, where it is first
 * reached, so recursive definitions (a {@code $defs} entry whose {@code items} refer back to it)
 * end. A failure of the checker itself is a {@link CheckerFailure} naming the pointer, never a
 * verdict.
 *
 * <p>The order of the result is fixed: depth first, and at each schema node in the order {@code
 * type}, {@code properties} (the old schema's order, then added ones), the {@code maxProperties}
 * room, {@code required}, {@code additionalProperties}, {@code items}, {@code anyOf}, {@code
 * oneOf}, {@code enum}, {@code const}, the lower bounds ({@code minimum}, {@code minLength}, {@code
 * minItems}, {@code minProperties}), the upper bounds (the same order), {@code pattern}, then any
 * other keyword (old order, then new).
 *
 * <p>Why this file is over 300 lines: it is one recursive comparison, and the order of its result
 * is the order of the calls in {@code node}; each keyword's rule is a short method beside the
 * others, which splitting would scatter.
 */
public final class SchemaDiff {
  private static final Set<String> DOCUMENTATION =
      Set.of(
          "description",
          "title",
          "x-privacy",
          TelemetrySchema.MINOR_KEYWORD,
          "examples",
          "$id",
          "$schema",
          "$comment",
          "default");
  private static final Set<String> HANDLED =
      Set.of(
          "type",
          "properties",
          "required",
          "additionalProperties",
          "items",
          "enum",
          "const",
          "minimum",
          "maximum",
          "minLength",
          "maxLength",
          "minItems",
          "maxItems",
          "maxProperties",
          "minProperties",
          "pattern",
          "$ref",
          "$defs",
          "anyOf",
          "oneOf");
  private static final List<String> LOWER_BOUNDS =
      List.of("minimum", "minLength", "minItems", "minProperties");
  private static final List<String> UPPER_BOUNDS =
      List.of("maximum", "maxLength", "maxItems", "maxProperties");

  /** Deeper than this the schemas are not compared (far beyond any real schema's nesting). */
  private static final int MAX_DEPTH = 200;

  private final JsonNode oldRoot;
  private final JsonNode newRoot;
  private final List<SchemaChange> changes = new ArrayList<>();

  /** Pairs of $ref nodes already compared (or being compared). */
  private final Set<String> comparedRefs = new HashSet<>();

  /** The checker could not compare two schemas: an internal error, not a verdict. */
  public static final class CheckerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pointer;

    CheckerFailure(String pointer, Throwable cause) {
      super(
          "the schema checker failed at "
              + (pointer.isEmpty() ? "/" : pointer)
              + " ("
              + cause.getClass().getSimpleName()
              + "); this is a bug of the checker, not a verdict",
          cause);
      this.pointer = pointer;
    }

    /** Where in the schemas it failed. */
    public String pointer() {
      return pointer;
    }
  }

  private SchemaDiff(JsonNode oldRoot, JsonNode newRoot) {
    this.oldRoot = oldRoot;
    this.newRoot = newRoot;
  }

  /**
   * Every change from {@code oldSchema} to {@code newSchema}, in schema order.
   *
   * @throws CheckerFailure when the checker itself fails, naming where
   */
  public static List<SchemaChange> compare(JsonNode oldSchema, JsonNode newSchema) {
    SchemaDiff d = new SchemaDiff(oldSchema, newSchema);
    d.node(oldSchema, newSchema, "", false, 0);
    return List.copyOf(d.changes);
  }

  /** The major version a schema publishes: its {@code schema_version} const, or 0. */
  public static int major(JsonNode schema) {
    return schema.path("properties").path("schema_version").path("const").asInt(0);
  }

  private void compatible(String at, String reason) {
    changes.add(SchemaChange.compatible(at, reason));
  }

  private void breaking(String at, Direction d, String reason) {
    changes.add(SchemaChange.breaking(at, d, reason));
  }

  private void unknown(String at, String reason) {
    changes.add(SchemaChange.unknown(at, reason));
  }

  /** A widening (new documents may hold what old receivers refuse) or a narrowing. */
  private void widened(String at, boolean widened, String reason) {
    breaking(at, widened ? Direction.NEW_DOCUMENTS : Direction.OLD_DOCUMENTS, reason);
  }

  /**
   * Compares two schema nodes at {@code at}.
   *
   * @param inBranch whether the nodes lie inside an anyOf or oneOf branch, where a receiver sets
   *     nothing aside
   */
  private void node(JsonNode oldNode, JsonNode newNode, String at, boolean inBranch, int depth) {
    if (oldNode.has("$ref") || newNode.has("$ref")) {
      String pair = oldNode + "\u0000" + newNode + "\u0000" + inBranch;
      if (!comparedRefs.add(pair)) {
        return; // compared where first reached (this is how recursive definitions end)
      }
    }
    if (depth > MAX_DEPTH) {
      unknown(at, "nested deeper than " + MAX_DEPTH + " levels; the checker stops here");
      return;
    }
    try {
      compareResolved(oldNode, newNode, at, inBranch, depth);
    } catch (CheckerFailure e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new CheckerFailure(at, e);
    }
  }

  private void compareResolved(
      JsonNode oldNode, JsonNode newNode, String at, boolean inBranch, int depth) {
    JsonNode o = SchemaRefs.resolve(oldRoot, oldNode);
    JsonNode n = SchemaRefs.resolve(newRoot, newNode);
    if (o == null || n == null) {
      if (!String.valueOf(oldNode.get("$ref")).equals(String.valueOf(newNode.get("$ref")))) {
        unknown(at, "a $ref that cannot be resolved inside the schema changed");
      }
      return;
    }
    if (o.isBoolean() || n.isBoolean()) {
      if (!o.equals(n)) {
        boolean widened = n.isBoolean() && n.asBoolean();
        widened(
            at,
            widened,
            widened ? "now accepts anything" : "now accepts less (a boolean" + " schema)");
      }
      return;
    }
    type(o, n, at);
    properties(o, n, at, inBranch, depth);
    room(o, n, at);
    required(o, n, at);
    additional(o, n, at, inBranch, depth);
    if (o.has("items") || n.has("items")) {
      if (o.has("items") && n.has("items")) {
        node(o.get("items"), n.get("items"), at + "/items", inBranch, depth + 1);
      } else {
        widened(
            at + "/items",
            !n.has("items"),
            n.has("items") ? "items now constrained" : "items no longer constrained");
      }
    }
    branches(o, n, at, "anyOf", depth);
    branches(o, n, at, "oneOf", depth);
    enumeration(o, n, at);
    constant(o, n, at);
    for (String k : LOWER_BOUNDS) {
      bound(o, n, at, k, true, inBranch);
    }
    for (String k : UPPER_BOUNDS) {
      bound(o, n, at, k, false, inBranch);
    }
    pattern(o, n, at);
    Set<String> keys = new LinkedHashSet<>(o.propertyNames());
    keys.addAll(n.propertyNames());
    for (String k : keys) {
      if (!HANDLED.contains(k)
          && !DOCUMENTATION.contains(k)
          && !String.valueOf(o.get(k)).equals(String.valueOf(n.get(k)))) {
        unknown(at + "/" + k, "'" + k + "' changed; the checker cannot judge it");
      }
    }
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
      widened(at + "/type", true, "type no longer restricted");
    } else if (to == null) {
      widened(at + "/type", false, "type now restricted to " + tn);
    } else if (tn.containsAll(to)) {
      widened(at + "/type", true, "type widened from " + to + " to " + tn);
    } else if (to.containsAll(tn)) {
      widened(at + "/type", false, "type narrowed from " + to + " to " + tn);
    } else {
      breaking(at + "/type", Direction.BOTH, "type changed from " + to + " to " + tn);
    }
  }

  private void properties(JsonNode o, JsonNode n, String at, boolean inBranch, int depth) {
    JsonNode po = o.path("properties");
    JsonNode pn = n.path("properties");
    for (Map.Entry<String, JsonNode> e : po.properties()) {
      String p = at + "/properties/" + e.getKey();
      if (pn.has(e.getKey())) {
        node(e.getValue(), pn.get(e.getKey()), p, inBranch, depth + 1);
      } else if (SchemaRefs.closed(n)) {
        widened(
            p,
            false,
            "property '" + e.getKey() + "' removed; documents that have it" + " are now rejected");
      } else {
        widened(
            p,
            true,
            "property '"
                + e.getKey()
                + "' no longer described: documents may"
                + " carry it with values the old schema refuses");
      }
    }
    for (Map.Entry<String, JsonNode> e : pn.properties()) {
      if (!po.has(e.getKey())) {
        String p = at + "/properties/" + e.getKey();
        if (!SchemaRefs.closed(o)) {
          unknown(
              p,
              "property '"
                  + e.getKey()
                  + "' added where other properties were"
                  + " allowed: documents may already carry it with other values");
        } else if (inBranch) {
          widened(
              p,
              true,
              "property '"
                  + e.getKey()
                  + "' added inside anyOf/oneOf, where a"
                  + " receiver on the old schema cannot set it aside");
        } else {
          compatible(
              p,
              "property '"
                  + e.getKey()
                  + "' added (a receiver on the old schema"
                  + " sets it aside)");
        }
      }
    }
  }

  /**
   * A property added where {@code maxProperties} leaves no room for it: old documents still pass,
   * but one that fills every property is refused, so the change is reported.
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
      unknown(
          at + "/maxProperties",
          "a property was added but maxProperties "
              + max.asInt()
              + " is below the "
              + count
              + " properties: a document filling every property is"
              + " refused; raise maxProperties to "
              + count);
    }
  }

  /** {@code anyOf} / {@code oneOf}: branch by branch when the branches correspond. */
  private void branches(JsonNode o, JsonNode n, String at, String keyword, int depth) {
    JsonNode bo = o.get(keyword);
    JsonNode bn = n.get(keyword);
    if (String.valueOf(bo).equals(String.valueOf(bn))) {
      return;
    }
    String p = at + "/" + keyword;
    if (bo == null || bn == null || !bo.isArray() || !bn.isArray()) {
      if (bn == null) {
        widened(p, true, keyword + " removed");
      } else {
        unknown(p, keyword + " added or changed shape; the checker cannot judge it");
      }
      return;
    }
    if (bn.size() < bo.size()) {
      widened(p, false, "a branch of " + keyword + " was removed");
      return;
    }
    int before = changes.size();
    for (int i = 0; i < bo.size(); i++) {
      node(bo.get(i), bn.get(i), p + "/" + i, true, depth + 1);
    }
    if (bn.size() > bo.size()) {
      widened(p, true, "a branch was added to " + keyword);
    }
    if (keyword.equals("oneOf") && !disjointTypes(bn)) {
      // branches that may overlap: a document could now match two, which refuses it
      for (int i = before; i < changes.size(); i++) {
        SchemaChange c = changes.get(i);
        if (c.verdict() == SchemaChange.Verdict.COMPATIBLE
            || c.direction() == Direction.NEW_DOCUMENTS) {
          changes.set(
              i,
              SchemaChange.unknown(
                  c.pointer(),
                  c.reason()
                      + " (inside oneOf, whose branches may overlap: a document could match two)"));
        }
      }
    }
  }

  private boolean disjointTypes(JsonNode branches) {
    Set<String> seen = new HashSet<>();
    for (JsonNode b : branches) {
      JsonNode r = SchemaRefs.resolve(newRoot, b);
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
        widened(at + "/required", false, "'" + x.asString() + "' is now required");
      }
    }
    Set<String> rn = new LinkedHashSet<>();
    n.path("required").forEach(x -> rn.add(x.asString()));
    for (String x : ro) {
      if (!rn.contains(x)) {
        widened(at + "/required", true, "'" + x + "' is no longer required");
      }
    }
  }

  private void additional(JsonNode o, JsonNode n, String at, boolean inBranch, int depth) {
    JsonNode ao = o.get("additionalProperties");
    JsonNode an = n.get("additionalProperties");
    if (String.valueOf(ao).equals(String.valueOf(an))) {
      if (ao != null && ao.isObject()) {
        node(ao, an, at + "/additionalProperties", inBranch, depth + 1);
      }
      return;
    }
    String p = at + "/additionalProperties";
    boolean oldAll = ao == null || ao.isBoolean() && ao.asBoolean();
    boolean newAll = an == null || an.isBoolean() && an.asBoolean();
    boolean oldNone = ao != null && ao.isBoolean() && !ao.asBoolean();
    if (oldNone && !inBranch) {
      compatible(
          p,
          "other properties now allowed"
              + (newAll ? "" : ", under a schema")
              + " (a receiver on the old schema sets them aside)");
    } else if (newAll) {
      widened(p, true, "other properties now allowed");
    } else if (oldNone) {
      widened(
          p,
          true,
          "other properties now allowed inside anyOf/oneOf, where a receiver on"
              + " the old schema cannot set them aside");
    } else if (oldAll) {
      widened(p, false, "other properties now " + (an.isBoolean() ? "refused" : "constrained"));
    } else if (an.isBoolean()) {
      widened(p, false, "other properties now refused");
    } else {
      node(ao, an, p, inBranch, depth + 1);
    }
  }

  private void enumeration(JsonNode o, JsonNode n, String at) {
    JsonNode eo = o.get("enum");
    JsonNode en = n.get("enum");
    if (String.valueOf(eo).equals(String.valueOf(en))) {
      return;
    }
    if (en == null) {
      widened(at + "/enum", true, "no longer a closed set");
      return;
    }
    if (eo == null) {
      widened(at + "/enum", false, "now a closed set");
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
      widened(at + "/enum", false, "values removed: " + removed);
    }
    if (!added.isEmpty()) {
      widened(at + "/enum", true, "values added: " + added);
    }
  }

  private void constant(JsonNode o, JsonNode n, String at) {
    JsonNode co = o.get("const");
    JsonNode cn = n.get("const");
    if (String.valueOf(co).equals(String.valueOf(cn))) {
      return;
    }
    if (cn == null) {
      widened(at + "/const", true, "no longer a constant");
    } else if (co == null) {
      widened(at + "/const", false, "now a constant " + cn);
    } else {
      breaking(at + "/const", Direction.BOTH, "constant changed from " + co + " to " + cn);
    }
  }

  private void bound(JsonNode o, JsonNode n, String at, String k, boolean lower, boolean inBranch) {
    JsonNode bo = o.get(k);
    JsonNode bn = n.get(k);
    if (String.valueOf(bo).equals(String.valueOf(bn))) {
      return;
    }
    String p = at + "/" + k;
    if (bn == null) {
      widened(p, true, k + " removed");
    } else if (bo == null) {
      widened(p, false, k + " added (" + bn + ")");
    } else {
      double a = bo.asDouble();
      double b = bn.asDouble();
      boolean widened = lower ? b < a : b > a;
      String reason = k + (widened ? " relaxed" : " tightened") + " from " + bo + " to " + bn;
      if (widened && k.equals("maxProperties") && !inBranch && roomForAdded(o, n, a)) {
        compatible(
            p,
            reason
                + ", for added properties (a receiver on the old schema sets them"
                + " aside and counts at most "
                + bo
                + ")");
      } else {
        widened(p, widened, reason);
      }
    }
  }

  /**
   * Whether a raised {@code maxProperties} only makes room for added properties: once a receiver on
   * the old schema has set the added ones aside, a document of the new schema keeps at most {@code
   * oldMax} properties the old schema knows.
   */
  private static boolean roomForAdded(JsonNode o, JsonNode n, double oldMax) {
    if (!SchemaRefs.closed(o) || !SchemaRefs.closed(n)) {
      return false;
    }
    int known = 0;
    for (String name : n.path("properties").propertyNames()) {
      known += o.path("properties").has(name) ? 1 : 0;
    }
    return Math.min(known, n.get("maxProperties").asDouble()) <= oldMax;
  }

  private void pattern(JsonNode o, JsonNode n, String at) {
    JsonNode po = o.get("pattern");
    JsonNode pn = n.get("pattern");
    if (String.valueOf(po).equals(String.valueOf(pn))) {
      return;
    }
    if (pn == null) {
      widened(at + "/pattern", true, "pattern removed");
    } else if (po == null) {
      widened(at + "/pattern", false, "pattern added");
    } else {
      unknown(
          at + "/pattern",
          "pattern changed from "
              + po
              + " to "
              + pn
              + "; cannot prove which strings either accepts that the other refuses");
    }
  }
}
