package gg.kalico.telemetry.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kalico wire profile's field mapping ({@code profiles/kalico-wire.json}): for each major of
 * the canonical document, the JSON pointer each Kalico field is taken from. Kept as data beside the
 * schema, so that a new major that moves a field updates one line, and checked by the build: a
 * pointer to a field its major does not define is a problem, never a silent "unknown".
 */
public final class WireMapping {
  /** The file, relative to the schema folder. */
  public static final String FILE = "profiles/kalico-wire.json";

  /** The Kalico fields the profile fills, each from one pointer. */
  public static final Set<String> FIELDS =
      Set.of(
          "id",
          "version",
          "branch",
          "cpu_cores",
          "cpu_model",
          "platform.machine",
          "platform.os_release",
          "platform.version",
          "platform.runtime_name",
          "platform.runtime_version",
          "config",
          "objects");

  private final Map<Integer, Map<String, String>> majors;
  private final SchemaCatalog catalog;

  private WireMapping(Map<Integer, Map<String, String>> majors, SchemaCatalog catalog) {
    this.majors = majors;
    this.catalog = catalog;
  }

  /** The mapping in a catalog's schema folder (or on the class path), read once per catalog. */
  public static WireMapping kalico(SchemaCatalog catalog) {
    return catalog.kalicoMapping();
  }

  static WireMapping read(SchemaCatalog catalog) {
    JsonNode root = JsonMapper.shared().readTree(catalog.text(FILE));
    Map<Integer, Map<String, String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("majors").properties()) {
      Map<String, String> fields = new LinkedHashMap<>();
      e.getValue().properties().forEach(f -> fields.put(f.getKey(), f.getValue().asString("")));
      out.put(Integer.parseInt(e.getKey()), fields);
    }
    return new WireMapping(out, catalog);
  }

  /** The pointer the field is taken from in documents of {@code major}, or null if unmapped. */
  public String pointer(int major, String field) {
    Map<String, String> m = majors.get(major);
    return m == null ? null : m.get(field);
  }

  /** The raw mapping of one major (field to pointer), for copying to a new major. */
  public Map<String, String> of(int major) {
    return majors.getOrDefault(major, Map.of());
  }

  /** Whether the mapping's catalog has {@code major}. */
  public boolean knows(int major) {
    return catalog.has(major);
  }

  /** Whether {@code major} of the mapping's catalog defines a field at {@code pointer}. */
  public boolean defines(int major, String pointer) {
    return catalog.has(major) && defines(catalog.node(major), pointer);
  }

  /** Adds the build's problems with the mapping to {@code problems}. */
  static void check(SchemaCatalog catalog, List<String> problems) {
    WireMapping mapping;
    try {
      mapping = read(catalog);
    } catch (RuntimeException e) {
      problems.add(FILE + " cannot be read: " + e.getMessage());
      return;
    }
    for (int major : catalog.majors()) {
      JsonNode schema = catalog.node(major);
      for (String field : FIELDS) {
        String pointer = mapping.pointer(major, field);
        if (pointer == null) {
          problems.add(
              FILE
                  + " maps no '"
                  + field
                  + "' for major "
                  + major
                  + ": add \""
                  + field
                  + "\": \"/pointer/into/the/document\" under \"majors\": {\""
                  + major
                  + "\": ...}");
        } else if (!defines(schema, pointer)) {
          problems.add(
              FILE
                  + " takes '"
                  + field
                  + "' from "
                  + pointer
                  + ", which "
                  + TelemetrySchema.fileName(major)
                  + " does not define: point it at the field"
                  + " that holds it now");
        }
      }
    }
  }

  /** Whether the schema defines a property at the document pointer {@code pointer}. */
  public static boolean defines(JsonNode schema, String pointer) {
    return schemaAt(schema, pointer) != null;
  }

  /**
   * The schema of the property at the document pointer {@code pointer} ({@code $ref}s followed), or
   * null when the schema does not define one there.
   */
  public static JsonNode schemaAt(JsonNode schema, String pointer) {
    JsonNode node = schema;
    for (String segment : pointer.substring(1).split("/", -1)) {
      node = resolve(schema, node);
      JsonNode next = node.path("properties").get(segment);
      if (next == null) {
        return null;
      }
      node = next;
    }
    return resolve(schema, node);
  }

  private static JsonNode resolve(JsonNode root, JsonNode node) {
    for (int i = 0; i < 16 && node.has("$ref"); i++) {
      String ref = node.get("$ref").asString("");
      if (!ref.startsWith("#/")) {
        return node;
      }
      node = root.at(ref.substring(1));
    }
    return node;
  }
}
