package gg.kalico.telemetry.kalico.config;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.testing.ConformanceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated configs give the same names (or the same refusal) here as in the Python oracle that was
 * verified against Kalico's own parser. Skipped, with the reason shown, without python3 or without
 * the oracle (it lives outside the repository, in {@code ../shared/tools/oracle}).
 */
@AddLifecycleHook(OracleDifferentialTest.PythonRequired.class)
class OracleDifferentialTest {

  /** Skips the property, with the reason in the report, where python3 cannot run. */
  public static final class PythonRequired implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      if (ConformanceFiles.oracle().isEmpty()) {
        System.err.println(
            "OracleDifferentialTest skipped: the Python reference is not there"
                + " (../shared/tools/oracle beside the checkout, or -Dtelemetry.oracle=DIR)");
        return SkipResult.skip(
            "the Python reference config_names.py is not there"
                + " (../shared/tools/oracle beside the checkout, or -Dtelemetry.oracle=DIR)");
      }
      try {
        Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
        if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return SkipResult.doNotSkip();
        }
      } catch (IOException e) {
        // not installed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.err.println("OracleDifferentialTest skipped: python3 is not on the PATH");
      return SkipResult.skip("python3 is not on the PATH: the oracle cannot run");
    }
  }

  @Provide
  Arbitrary<String> printerCfg() {
    return ConfigGenerators.printerCfg();
  }

  @Provide
  Arbitrary<String> includedCfg() {
    return ConfigGenerators.includedCfg();
  }

  @Property(tries = 150)
  @StatisticsReport(onFailureOnly = false)
  void namesAndRefusalsMatchTheOracle(
      @ForAll("printerCfg") String main, @ForAll("includedCfg") String included) throws Exception {
    Path dir = Files.createTempDirectory("oracle-diff");
    try {
      Path cfg = dir.resolve("printer.cfg");
      Files.writeString(cfg, main);
      Files.writeString(dir.resolve("inc.cfg"), included);
      Oracle expected = oracle(cfg);
      Statistics.label("outcome").collect(expected.error == null ? "accepted" : "refused");
      Map<String, List<String>> ours;
      try {
        ours = new KalicoConfigReader().read(cfg).names().sections();
      } catch (ConfigFileException e) {
        assertThat(expected.error)
            .as("we refused (%s) but Kalico accepts:%n%s", e.getMessage(), main)
            .isNotNull();
        return;
      }
      assertThat(expected.error).as("Kalico refuses but we accepted:%n%s", main).isNull();
      assertThat(new ArrayList<>(ours.entrySet()))
          .as("config:%n%s", main)
          .isEqualTo(new ArrayList<>(expected.names.entrySet()));
    } finally {
      Statistics.label("outcome")
          .coverage(
              c -> {
                c.check("accepted").percentage(p -> p >= 10.0);
                c.check("refused").percentage(p -> p >= 10.0);
              });
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private record Oracle(Map<String, List<String>> names, String error) {}

  private static Oracle oracle(Path cfg) throws Exception {
    Path script = ConformanceFiles.oracle().orElseThrow().resolve("config_names.py");
    Process p = new ProcessBuilder("python3", script.toString(), cfg.toString()).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("oracle hung");
    }
    if (p.exitValue() == 2) {
      return new Oracle(null, new String(err, StandardCharsets.UTF_8));
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("oracle failed: " + new String(err, StandardCharsets.UTF_8));
    }
    JsonNode config = JsonMapper.shared().readTree(out).get("config");
    Map<String, List<String>> names = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : config.properties()) {
      List<String> options = new ArrayList<>();
      e.getValue().forEach(o -> options.add(o.asString()));
      names.put(e.getKey(), options);
    }
    return new Oracle(names, null);
  }
}
