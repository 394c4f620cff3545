package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code kalico} wire profile, field for field, against what Kalico's {@code
 * _collect_telemetry} computes on the same machine: the same keys in the same order, and the
 * platform facts Python reports (platform.machine(), platform.version(), the os-release file,
 * klippy's get_cpu_info()) equal to ours. The Python below restates Kalico's rules; it needs
 * python3 and is skipped, with the reason, without it. The deliberate differences (the keyed id,
 * the os-release allow-list, the runtime in place of sys.version) are asserted too.
 */
class KalicoProfileTest {
  private static final String KALICO_PLATFORM =
      String.join(
          "\n",
          "import json, platform, shlex, pathlib",
          "def os_release():",
          "    for p in (pathlib.Path('/etc/os-release'), pathlib.Path('/usr/lib/os-release')):",
          "        if p.exists():",
          "            out = {}",
          "            for line in p.open():",
          "                if '=' not in line: continue",
          "                k, v = line.split('=', 1)",
          "                out[k] = shlex.split(v)[0]",
          "            return out",
          "def cpu_info():",
          "    data = open('/proc/cpuinfo').read()",
          "    lines = [l.split(':', 1) for l in data.split('\\n')]",
          "    lines = [(l[0].strip(), l[1].strip()) for l in lines if len(l) == 2]",
          "    cores = [k for k, v in lines].count('processor')",
          "    return '%d core %s' % (cores, dict(lines).get('model name', '?'))",
          "print(json.dumps({'cpu_info': cpu_info(), 'platform': {'machine': platform.machine(),",
          "    'os_release': os_release(), 'version': platform.version()}}))");

  @Test
  void theKalicoProfileMatchesKalicosOwnCollectionOnThisMachine() throws Exception {
    JsonNode kalico = python();
    CliRun show = CliRun.inProcess("show", "--profile", "kalico");
    assertThat(show.exit()).as(show.err()).isZero();
    JsonNode ours = JsonMapper.shared().readTree(show.out());

    assertThat(new ArrayList<>(ours.propertyNames()))
        .containsExactly("id", "version", "branch", "cpu_info", "platform", "config", "objects");
    assertThat(new ArrayList<>(ours.get("platform").propertyNames()))
        .containsExactly("machine", "os_release", "version", "python");
    assertThat(ours.at("/platform/machine")).isEqualTo(kalico.at("/platform/machine"));
    assertThat(ours.at("/platform/version")).isEqualTo(kalico.at("/platform/version"));
    if (!kalico.at("/cpu_info").asString().endsWith(" core ?")) {
      assertThat(ours.get("cpu_info")).isEqualTo(kalico.get("cpu_info"));
    }
    // deliberate differences: only allow-listed os-release keys, each with Kalico's value
    JsonNode os = ours.at("/platform/os_release");
    List<String> keys = new ArrayList<>(os.propertyNames());
    assertThat(keys)
        .isSubsetOf(
            List.of(
                "NAME",
                "ID",
                "ID_LIKE",
                "VERSION_ID",
                "VERSION_CODENAME",
                "PRETTY_NAME",
                "VARIANT_ID",
                "BUILD_ID"));
    for (String key : keys) {
      assertThat(os.get(key)).as(key).isEqualTo(kalico.at("/platform/os_release").get(key));
    }
    // the keyed hash instead of the raw machine id, the JVM instead of sys.version
    assertThat(ours.get("id").asString()).matches("[0-9a-f]{32}");
    assertThat(ours.at("/platform/python").asString()).startsWith("java ");
  }

  private static JsonNode python() throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("python3", "-c", KALICO_PLATFORM).start();
    } catch (java.io.IOException e) {
      System.err.println("KalicoProfileTest skipped: python3 is not on the PATH");
      Assumptions.abort("python3 is not on the PATH");
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return JsonMapper.shared().readTree(out);
  }
}
