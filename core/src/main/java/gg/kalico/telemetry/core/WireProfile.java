package gg.kalico.telemetry.core;

import gg.kalico.telemetry.core.document.TelemetryDocument;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shape a document has on the wire. {@link #CANONICAL} is the document as the schema defines
 * it; {@link #KALICO} is the shape Kalico's own client posts today, so that reports can go to
 * Kalico's existing endpoint. The {@code id} stays this project's keyed hash, never the raw
 * machine id.
 */
public enum WireProfile {
  /** The document as {@code telemetry-1.schema.json} defines it. */
  CANONICAL,
  /** Kalico's shape: id, version, branch, cpu_info, platform, config, objects. */
  KALICO;

  private static final JsonMapper JSON = JsonMapper.shared();

  /** The profile named {@code canonical} or {@code kalico}. */
  public static WireProfile named(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new gg.kalico.telemetry.spi.TelemetryException("profile '" + name
          + "' is unknown; use canonical or kalico");
    }
  }

  /** The tree to send. */
  public JsonNode shape(TelemetryDocument document) {
    ObjectNode doc = document.tree();
    if (this == CANONICAL) {
      return doc;
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode out = f.objectNode();
    JsonNode machine = doc.path("machine");
    JsonNode software = doc.path("software");
    JsonNode system = doc.path("system");
    out.put("id", machine.path("id").asString("unknown"));
    out.put("version", software.path("version").asString("unknown"));
    out.put("branch", software.path("branch").asString("unknown"));
    JsonNode cpu = system.path("cpu");
    out.put("cpu_info", cpu.has("cores") || cpu.has("model")
        ? cpu.path("cores").asInt(0) + " core " + cpu.path("model").asString("?") : "unknown");
    ObjectNode platform = out.putObject("platform");
    platform.put("machine", system.path("arch").asString(""));
    platform.set("os_release", system.has("os_release") ? system.get("os_release")
        : f.objectNode());
    platform.put("version", system.path("kernel_build").asString(""));
    JsonNode runtime = system.path("runtime");
    platform.put("python", runtime.path("name").asString("java") + " "
        + runtime.path("version").asString(""));
    out.set("config", doc.has("config") ? doc.get("config") : f.objectNode());
    out.set("objects", doc.has("objects") ? doc.get("objects") : f.arrayNode());
    return out;
  }

  /** The bytes to send and show: pretty JSON, as {@link TelemetryDocument#toBytes()}. */
  public byte[] render(TelemetryDocument document) {
    if (this == CANONICAL) {
      return document.toBytes();
    }
    return (TelemetryDocument.pretty(shape(document)) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
