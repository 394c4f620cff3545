package gg.kalico.telemetry.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one mapping between the canonical document and the shape Kalico's own client posts (id,
 * version, branch, cpu_info, platform, config, objects), both ways: the client sends a document in
 * this shape ({@link #toKalico}), the collect service reads one back ({@link #toCanonical}). Where
 * each field lives in the canonical document is data, per major ({@link WireMapping}, {@code
 * profiles/kalico-wire.json}); how Kalico spells the two fields it joins ({@code cpu_info} from the
 * core count and the model, {@code platform.python} from the runtime's name and version) is here,
 * once, with its inverse beside it.
 */
public final class KalicoShape {
  /** What Kalico writes for a value it does not know. */
  public static final String UNKNOWN = "unknown";

  private static final Pattern CPU_INFO = Pattern.compile("(\\d{1,4}) core (.+)");

  /** A version number at the start: Kalico's {@code sys.version}, "3.11.2 (main, ...) [GCC]". */
  private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){0,3}\\S*");

  /** A runtime's name, then its version: what this project's client writes, "java 17.0.9". */
  private static final Pattern NAMED_RUNTIME = Pattern.compile("([A-Za-z][\\w.-]*) (\\d\\S*)");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final WireMapping mapping;

  private KalicoShape(WireMapping mapping) {
    this.mapping = mapping;
  }

  /** The shape with the mapping of a catalog's schema folder (or the class path's). */
  public static KalicoShape of(SchemaCatalog catalog) {
    return new KalicoShape(WireMapping.kalico(catalog));
  }

  /**
   * A field of Kalico's shape that could not be mapped.
   *
   * @param field the field, for example {@code platform.version}
   * @param why what is wrong and where to fix it
   */
  public record Unmapped(String field, String why) {}

  /**
   * A document in Kalico's shape.
   *
   * @param tree what is sent
   * @param unmapped the fields left out because the mapping does not fit the document's major
   */
  public record Shaped(ObjectNode tree, List<Unmapped> unmapped) {}

  /**
   * A canonical document in Kalico's shape. A field whose pointer the document's major does not
   * define is left out and reported, never filled with a guess; a field the major defines but this
   * document does not have (an unknown CPU model, say) gets Kalico's own placeholder.
   */
  public Shaped toKalico(JsonNode document) {
    Reader m = new Reader(document);
    ObjectNode out = NODES.objectNode();
    m.text("id", UNKNOWN).ifPresent(v -> out.put("id", v));
    m.text("version", UNKNOWN).ifPresent(v -> out.put("version", v));
    m.text("branch", UNKNOWN).ifPresent(v -> out.put("branch", v));
    JsonNode cores = m.node("cpu_cores");
    JsonNode model = m.node("cpu_model");
    if (cores != null && model != null) {
      out.put(
          "cpu_info",
          !cores.isMissingNode() || !model.isMissingNode()
              ? cores.asInt(0) + " core " + model.asString("?")
              : UNKNOWN);
    }
    ObjectNode platform = out.putObject("platform");
    m.text("platform.machine", "").ifPresent(v -> platform.put("machine", v));
    JsonNode osRelease = m.node("platform.os_release");
    if (osRelease != null) {
      platform.set("os_release", osRelease.isMissingNode() ? NODES.objectNode() : osRelease);
    }
    m.text("platform.version", "").ifPresent(v -> platform.put("version", v));
    JsonNode runtimeName = m.node("platform.runtime_name");
    JsonNode runtimeVersion = m.node("platform.runtime_version");
    if (runtimeName != null && runtimeVersion != null) {
      platform.put("python", runtimeName.asString("java") + " " + runtimeVersion.asString(""));
    }
    JsonNode config = m.node("config");
    if (config != null) {
      out.set("config", config.isMissingNode() ? NODES.objectNode() : config);
    }
    JsonNode objects = m.node("objects");
    if (objects != null) {
      out.set("objects", objects.isMissingNode() ? NODES.arrayNode() : objects);
    }
    return new Shaped(out, List.copyOf(m.unmapped));
  }

  /**
   * The canonical fields of a report in Kalico's shape, placed where {@code major} keeps them: the
   * inverse of {@link #toKalico}. Kalico's placeholders and blank values are left out; the id is
   * copied as sent (the receiver decides what it is); everything else the canonical document needs
   * (schema_version, where the id came from) is the caller's.
   *
   * @throws IllegalArgumentException when the mapping has no pointer for a field in {@code major}
   *     (the build checks that every published major has all of them)
   */
  public ObjectNode toCanonical(JsonNode kalico, int major) {
    ObjectNode doc = NODES.objectNode();
    Writer w = new Writer(doc, major);
    // in the order the canonical document lists them: the machine, the system, the software
    w.text("id", kalico.path("id"));
    JsonNode platform = kalico.path("platform");
    w.text("platform.machine", platform.path("machine"));
    if (platform.path("os_release").isObject()) {
      w.put("platform.os_release", platform.get("os_release").deepCopy());
    }
    w.text("platform.version", platform.path("version"));
    String python = platform.path("python").asString("");
    Matcher named = NAMED_RUNTIME.matcher(python);
    Matcher version = VERSION.matcher(python);
    if (named.matches()) {
      w.put("platform.runtime_name", NODES.stringNode(named.group(1)));
      w.put("platform.runtime_version", NODES.stringNode(named.group(2)));
    } else if (version.lookingAt()) {
      w.put("platform.runtime_name", NODES.stringNode("python"));
      w.put("platform.runtime_version", NODES.stringNode(version.group()));
    }
    Matcher cpu = CPU_INFO.matcher(kalico.path("cpu_info").asString(""));
    if (cpu.matches() && Integer.parseInt(cpu.group(1)) > 0) {
      w.put("cpu_model", NODES.stringNode(cpu.group(2).strip()));
      w.put("cpu_cores", NODES.numberNode(Integer.parseInt(cpu.group(1))));
    }
    w.text("version", kalico.path("version"));
    w.text("branch", kalico.path("branch"));
    if (kalico.path("config").isObject()) {
      w.put("config", kalico.get("config").deepCopy());
    }
    if (kalico.path("objects").isArray()) {
      w.put("objects", kalico.get("objects").deepCopy());
    }
    return doc;
  }

  /** Where {@code major} keeps a field of Kalico's shape, for example {@code /machine/id}. */
  public String pointer(int major, String field) {
    String pointer = mapping.pointer(major, field);
    if (pointer == null) {
      throw new IllegalArgumentException(
          WireMapping.FILE + " maps no '" + field + "' for major " + major);
    }
    return pointer;
  }

  /**
   * The object that holds the field at {@code pointer} (a pointer of plain names, as the mapping's
   * are), made when missing.
   */
  public static ObjectNode parentOf(ObjectNode doc, String pointer) {
    ObjectNode node = doc;
    String[] segments = pointer.substring(1).split("/", -1);
    for (int i = 0; i < segments.length - 1; i++) {
      JsonNode next = node.get(segments[i]);
      node = next instanceof ObjectNode o ? o : node.putObject(segments[i]);
    }
    return node;
  }

  /** Reads fields from a canonical document through the mapping of its major. */
  private final class Reader {
    private final JsonNode doc;
    private final int major;
    private final List<Unmapped> unmapped = new ArrayList<>();

    Reader(JsonNode doc) {
      this.doc = doc;
      this.major = doc.path("schema_version").asInt(0);
    }

    /** The value (a missing node when the document lacks it), or null when unmapped. */
    JsonNode node(String field) {
      String pointer = mapping.pointer(major, field);
      if (!mapping.knows(major) || pointer == null) {
        unmapped.add(
            new Unmapped(
                field,
                "the kalico profile has no mapping for '"
                    + field
                    + "' in schema major "
                    + major
                    + "; add it to "
                    + WireMapping.FILE));
        return null;
      }
      if (!mapping.defines(major, pointer)) {
        unmapped.add(
            new Unmapped(
                field,
                "the kalico profile takes '"
                    + field
                    + "' from "
                    + pointer
                    + ", which schema major "
                    + major
                    + " does not define; update "
                    + WireMapping.FILE));
        return null;
      }
      return doc.at(pointer);
    }

    Optional<String> text(String field, String placeholder) {
      JsonNode v = node(field);
      return v == null
          ? Optional.empty()
          : Optional.of(v.isMissingNode() || v.isNull() ? placeholder : v.asString(placeholder));
    }
  }

  /** Writes fields into a canonical document at the pointers of one major. */
  private final class Writer {
    private final ObjectNode doc;
    private final int major;

    Writer(ObjectNode doc, int major) {
      this.doc = doc;
      this.major = major;
    }

    /** A non-blank string other than Kalico's placeholder; anything else is left out. */
    void text(String field, JsonNode value) {
      if (value.isString() && !value.asString().isBlank() && !value.asString().equals(UNKNOWN)) {
        put(field, value);
      }
    }

    void put(String field, JsonNode value) {
      String pointer = pointer(major, field);
      parentOf(doc, pointer).set(pointer.substring(pointer.lastIndexOf('/') + 1), value);
    }
  }
}
