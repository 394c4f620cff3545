package gg.kalico.telemetry.collect.ingest;

import gg.kalico.telemetry.spi.collector.MachineIdHash;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the report Kalico's own client posts into the canonical document. The raw machine id
 * becomes the keyed hash here, before anything else sees it; of the rest only what the canonical
 * schema defines is kept (allow-listed os-release keys, the Python version number, core count and
 * processor model, the kernel build string), and the full Python banner is dropped.
 */
final class KalicoReports {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern CPU_INFO = Pattern.compile("(\\d{1,4}) core (.+)");
  private static final Pattern PYTHON_VERSION = Pattern.compile("\\d+(\\.\\d+){0,3}\\S*");

  private final Set<String> osReleaseKeys;
  private final int currentMajor;

  KalicoReports(Set<String> osReleaseKeys, int currentMajor) {
    this.osReleaseKeys = Set.copyOf(osReleaseKeys);
    this.currentMajor = currentMajor;
  }

  /**
   * The canonical document for a Kalico-shape report already valid against its schema.
   *
   * @param idIsHashed true when the sender is this project's client (its kalico profile sends an
   *     Idempotency-Key and the keyed hash), false for Kalico's client (the raw id)
   */
  ObjectNode toCanonical(JsonNode kalico, boolean idIsHashed) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode doc = f.objectNode();
    doc.put("schema_version", currentMajor);
    String id = kalico.get("id").asString();
    ObjectNode machine = doc.putObject("machine");
    if (idIsHashed) {
      if (!HASH.matcher(id).matches()) {
        throw Rejection.invalid(
            "with an Idempotency-Key, 'id' must be the keyed hash this" + " project's client sends",
            List.of(new Rejection.Violation("/id", "pattern")));
      }
      machine.put("id", id);
      machine.put("id_source", "machine-id");
    } else {
      machine.put("id", MachineIdHash.of(id));
      machine.put("id_source", HASH.matcher(id).matches() ? "machine-id" : "generated");
    }
    ObjectNode system = doc.putObject("system");
    JsonNode platform = kalico.path("platform");
    putText(system, "arch", platform.path("machine"));
    JsonNode osRelease = platform.path("os_release");
    if (osRelease.isObject()) {
      ObjectNode kept = system.putObject("os_release");
      for (var e : osRelease.properties()) {
        if (osReleaseKeys.contains(e.getKey())) {
          putText(kept, e.getKey(), e.getValue());
        }
      }
    }
    putText(system, "kernel_build", platform.path("version"));
    Matcher python = PYTHON_VERSION.matcher(platform.path("python").asString(""));
    if (python.lookingAt()) {
      system.putObject("runtime").put("name", "python").put("version", python.group());
    }
    Matcher cpu = CPU_INFO.matcher(kalico.path("cpu_info").asString(""));
    if (cpu.matches() && Integer.parseInt(cpu.group(1)) > 0) {
      system
          .putObject("cpu")
          .put("model", cpu.group(2).strip())
          .put("cores", Integer.parseInt(cpu.group(1)));
    }
    ObjectNode software = doc.putObject("software");
    putText(software, "version", kalico.path("version"));
    putText(software, "branch", kalico.path("branch"));
    software.put("source", "host");
    doc.set("config", kalico.get("config"));
    doc.set("objects", kalico.get("objects"));
    return doc;
  }

  /** Copies a non-empty string other than Kalico's "unknown"; anything else is left out. */
  private static void putText(ObjectNode target, String key, JsonNode value) {
    if (value.isString() && !value.asString().isBlank() && !value.asString().equals("unknown")) {
      target.put(key, value.asString());
    }
  }
}
