package gg.kalico.telemetry.bench;

import gg.kalico.telemetry.spi.collector.MachineIdHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Realistic canonical documents for load and statistics: the config names and object lists of the
 * conformance corpus (Kalico's own answers for real printer configs), spread over a mix of
 * operating systems, architectures, boards and software versions, one distinct machine id each.
 * Deterministic for a seed.
 */
final class Fleet {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String[][] OS = {
    {"debian", "12", "bookworm", "Debian GNU/Linux"},
    {"debian", "11", "bullseye", "Debian GNU/Linux"},
    {"raspbian", "11", "bullseye", "Raspbian GNU/Linux"},
    {"ubuntu", "22.04", "jammy", "Ubuntu"},
    {"armbian", "24.5", "bookworm", "Armbian"}
  };
  private static final String[] ARCH = {"aarch64", "aarch64", "armv7l", "x86_64"};
  private static final String[] CPU = {"Cortex-A72", "Cortex-A53", "Cortex-A76", "Intel(R) N100"};
  private static final String[] VERSIONS = {
    "v0.12.0-400-g1a2b3c4", "v0.12.0-456-g5d6e7f8", "v0.12.0-527-g79013da", "v0.13.0-12-g0a1b2c3"
  };

  private record Printer(JsonNode config, JsonNode objects) {}

  private final List<Printer> printers;

  private Fleet(List<Printer> printers) {
    this.printers = printers;
  }

  /** The corpus entries Kalico accepts, with their config names and object lists. */
  static Fleet fromConformance() throws IOException {
    Path dir = GeneratedConfigs.conformance();
    Map<String, JsonNode> objects = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("objects-expected.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      if (n.has("objects")) {
        objects.put(n.get("file").asString(), n.get("objects"));
      }
    }
    List<Printer> printers = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("expected.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      JsonNode o = objects.get(n.path("file").asString());
      if (n.has("config") && o != null && n.path("entry").asBoolean(false)) {
        printers.add(new Printer(n.get("config"), o));
      }
    }
    if (printers.isEmpty()) {
      throw new IllegalStateException("no accepted corpus entries under " + dir);
    }
    return new Fleet(printers);
  }

  int printers() {
    return printers.size();
  }

  /** Machine {@code n}'s document (deterministic for {@code seed}). */
  ObjectNode machine(int n, long seed) {
    Random r = new Random(seed * 1_000_003L + n);
    Printer p = printers.get(Math.floorMod(n * 7919 + (int) seed, printers.size()));
    String[] os = OS[r.nextInt(OS.length)];
    ObjectNode doc = JSON.createObjectNode();
    doc.put("schema_version", 1);
    doc.putObject("machine")
        .put("id", MachineIdHash.of("fleet-" + seed + "-" + n))
        .put("id_source", r.nextInt(10) == 0 ? "generated" : "machine-id");
    ObjectNode system = doc.putObject("system");
    system.put("arch", ARCH[r.nextInt(ARCH.length)]);
    system
        .putObject("os_release")
        .put("NAME", os[3])
        .put("ID", os[0])
        .put("VERSION_ID", os[1])
        .put("VERSION_CODENAME", os[2])
        .put("PRETTY_NAME", os[3] + " " + os[1]);
    system.put("kernel", "6.1." + r.nextInt(100));
    system.putObject("runtime").put("name", "java").put("version", "17.0." + (10 + r.nextInt(6)));
    system.putObject("cpu").put("model", CPU[r.nextInt(CPU.length)]).put("cores", 4);
    doc.putObject("software")
        .put("version", VERSIONS[r.nextInt(VERSIONS.length)])
        .put("branch", r.nextInt(5) == 0 ? "bleeding-edge-v2" : "main")
        .put("source", "git");
    doc.set("config", p.config());
    doc.set("objects", p.objects());
    return doc;
  }
}
