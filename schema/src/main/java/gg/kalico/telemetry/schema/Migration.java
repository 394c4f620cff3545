package gg.kalico.telemetry.schema;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a document of one major becomes a document of the next, written as data in {@code
 * migrations/telemetry-N-to-M.json} so that a maintainer ships a new major without writing Java:
 *
 * <pre>{@code
 * {"operations": [
 *   {"op": "move", "from": "/system/kernel", "to": "/system/kernel_release"},
 *   {"op": "remove", "path": "/software/source"},
 *   {"op": "add", "path": "/software/channel", "value": "stable"}
 * ]}
 * }</pre>
 *
 * <p>Pointers name object members (JSON Pointer, as in RFC 6901). An operation whose source is
 * absent is skipped, so the same migration serves a whole document (the collect service carrying an
 * old report forward) and a part of one (the sections a collector produced for an older major);
 * {@code add} never replaces a value that is there and adds only where its parent object exists (so
 * a part of a document never grows a section it did not have), while {@code move} creates the
 * objects on the way to its target. {@code schema_version} is set to the new major. The same file
 * therefore does both jobs: what older clients send is read as the new major, and collectors
 * written for the older major feed the new one.
 */
public final class Migration {
  private final int from;
  private final List<Op> operations;

  private Migration(int from, List<Op> operations) {
    this.from = from;
    this.operations = List.copyOf(operations);
  }

  /** {@code telemetry-1-to-2.json} for {@code from} = 1. */
  public static String fileName(int from) {
    return "telemetry-" + from + "-to-" + (from + 1) + ".json";
  }

  /** The major this migration starts from. */
  public int from() {
    return from;
  }

  /** How many operations it has. */
  public int size() {
    return operations.size();
  }

  /** One operation: kind, pointer(s), value for add. */
  private record Op(String op, String path, String to, JsonNode value) {}

  /**
   * Reads a migration file's JSON.
   *
   * @throws IllegalArgumentException naming the file and the operation that is not understood
   */
  static Migration parse(int from, JsonNode json, String file) {
    JsonNode ops = json.path("operations");
    if (!ops.isArray()) {
      throw new IllegalArgumentException(
          file
              + " needs \"operations\": [...] (an empty list"
              + " when the new major only adds optional fields)");
    }
    List<Op> out = new ArrayList<>();
    int i = 0;
    for (JsonNode op : ops) {
      String where = file + " operation " + i++;
      String kind = op.path("op").asString("");
      switch (kind) {
        case "move" ->
            out.add(new Op(kind, pointer(op, "from", where), pointer(op, "to", where), null));
        case "remove" -> out.add(new Op(kind, pointer(op, "path", where), null, null));
        case "add" -> {
          if (!op.has("value")) {
            throw new IllegalArgumentException(where + ": add needs a \"value\"");
          }
          out.add(new Op(kind, pointer(op, "path", where), null, op.get("value")));
        }
        default ->
            throw new IllegalArgumentException(
                where + ": \"op\" must be move, remove or" + " add, not '" + kind + "'");
      }
    }
    return new Migration(from, out);
  }

  private static String pointer(JsonNode op, String field, String where) {
    String p = op.path(field).asString("");
    if (!p.startsWith("/") || p.length() < 2 || p.equals("/schema_version")) {
      throw new IllegalArgumentException(
          where
              + ": \""
              + field
              + "\" must be a JSON pointer"
              + " such as /system/kernel (and not /schema_version, which is set for you)");
    }
    return p;
  }

  /** The document carried to the next major (a new tree; the argument is not changed). */
  public JsonNode apply(JsonNode document) {
    ObjectNode doc = ((ObjectNode) document).deepCopy();
    for (Op op : operations) {
      switch (op.op()) {
        case "move" -> {
          JsonNode value = remove(doc, op.path());
          if (value != null) {
            put(doc, op.to(), value, true);
          }
        }
        case "remove" -> remove(doc, op.path());
        case "add" -> put(doc, op.path(), op.value().deepCopy(), false);
        default -> throw new IllegalStateException(op.op());
      }
    }
    if (doc.has("schema_version")) {
      doc.put("schema_version", from + 1);
    }
    return doc;
  }

  private static List<String> segments(String pointer) {
    List<String> out = new ArrayList<>();
    for (String s : pointer.substring(1).split("/", -1)) {
      out.add(s.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  /** Removes and returns the member at {@code pointer}, or null when it is not there. */
  private static JsonNode remove(ObjectNode doc, String pointer) {
    List<String> path = segments(pointer);
    JsonNode parent = doc;
    for (String s : path.subList(0, path.size() - 1)) {
      parent = parent.get(s);
      if (parent == null || !parent.isObject()) {
        return null;
      }
    }
    return ((ObjectNode) parent).remove(path.get(path.size() - 1));
  }

  /**
   * Puts {@code value} at {@code pointer}. A move ({@code replace} true) creates the objects on the
   * way and replaces; an add only fills a member missing from an existing object.
   */
  private static void put(ObjectNode doc, String pointer, JsonNode value, boolean replace) {
    List<String> path = segments(pointer);
    ObjectNode parent = doc;
    for (String s : path.subList(0, path.size() - 1)) {
      JsonNode next = parent.get(s);
      if (next == null) {
        if (!replace) {
          return;
        }
        next = parent.putObject(s);
      }
      if (!next.isObject()) {
        return; // the path runs through a value: nothing sensible to do
      }
      parent = (ObjectNode) next;
    }
    String last = path.get(path.size() - 1);
    if (replace || !parent.has(last)) {
      parent.set(last, value);
    }
  }
}
