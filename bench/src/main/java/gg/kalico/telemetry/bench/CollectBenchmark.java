package gg.kalico.telemetry.bench;

import gg.kalico.telemetry.cli.BundledConfig;
import gg.kalico.telemetry.core.Telemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole collect-validate-serialize path on the bundled example config: read the config, run
 * every built-in collector (machine id, os-release, cpuinfo, git, config, objects), validate
 * against schema v1, and produce the bytes a transport would send.
 *
 * <p>{@code warm} reuses one {@link Telemetry} (a long-running host); {@code fresh} builds one per
 * call, so discovery (PF4J index, Guice) and schema loading are included, as in a CLI run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CollectBenchmark {
  private Path config;
  private Telemetry telemetry;

  @Setup(Level.Trial)
  public void prepare() throws Exception {
    config = BundledConfig.extractTo(Files.createTempDirectory("bench-bundled-"));
    telemetry = build();
  }

  private Telemetry build() {
    return Telemetry.builder().configPath(config).environment(Map.of()).build();
  }

  @TearDown(Level.Trial)
  public void close() {
    telemetry.close();
  }

  @Benchmark
  public byte[] warm() {
    return telemetry.collect().document().toBytes();
  }

  @Benchmark
  public byte[] fresh() {
    try (Telemetry t = build()) {
      return t.collect().document().toBytes();
    }
  }
}
