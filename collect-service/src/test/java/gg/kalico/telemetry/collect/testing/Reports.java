package gg.kalico.telemetry.collect.testing;

import gg.kalico.telemetry.spi.collector.MachineIdHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reports for the tests: the schema's full example, and Kalico's own shape. */
public final class Reports {
  private static final JsonMapper JSON = JsonMapper.shared();

  private Reports() {}

  /** The schema module's complete valid example, with this machine id's keyed hash. */
  public static ObjectNode canonical(String rawMachineId) throws IOException {
    ObjectNode doc =
        (ObjectNode)
            JSON.readTree(
                Files.readString(Path.of("..", "schema", "examples", "1", "valid", "full.json")));
    ((ObjectNode) doc.get("machine")).put("id", MachineIdHash.of(rawMachineId));
    return doc;
  }

  /** What Kalico's _collect_telemetry returns, for a raw machine id. */
  public static ObjectNode kalico(String rawMachineId) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("id", rawMachineId);
    doc.put("version", "v0.12.0-527-g79013da3");
    doc.put("branch", "main");
    doc.put("cpu_info", "4 core Cortex-A72");
    ObjectNode platform = doc.putObject("platform");
    platform.put("machine", "aarch64");
    ObjectNode os = platform.putObject("os_release");
    os.put("NAME", "Debian GNU/Linux");
    os.put("ID", "debian");
    os.put("VERSION_ID", "12");
    os.put("HOME_URL", "https://www.debian.org/");
    platform.put("version", "#1 SMP PREEMPT Debian 6.1.0-21-arm64");
    platform.put("python", "3.11.2 (main, Mar 13 2023, 12:18:29) [GCC 12.2.0]");
    ObjectNode config = doc.putObject("config");
    config.putArray("printer").add("kinematics").add("max_velocity");
    config.putArray("stepper_x").add("step_pin").add("dir_pin");
    doc.putArray("objects").add("gcode").add("toolhead");
    return doc;
  }

  public static String json(ObjectNode doc) {
    return JSON.writeValueAsString(doc);
  }
}
