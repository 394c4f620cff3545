package gg.kalico.telemetry.bench;

import gg.kalico.telemetry.kalico.config.KalicoConfigReader;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kalico-exact config reading, in process, as the config collector does it (includes, three parses,
 * reference checks). {@code config} names a corpus tree or a generated one: {@code eviled666} (the
 * largest real corpus config), {@code gen-2000x8} (Kalico's {@code gen_large_config.py 2000 8 1}),
 * and {@code sections-N} for the per-section curve.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConfigReaderBenchmark {
  @Param({"eviled666", "gen-2000x8", "sections-100", "sections-1000", "sections-10000"})
  public String config;

  private Path printerCfg;

  @Setup(Level.Trial)
  public void prepare() throws Exception {
    if (config.equals("eviled666")) {
      printerCfg =
          GeneratedConfigs.conformance()
              .resolve("user-configs/eviled666__v2.4r2-klipper-config/printer.cfg");
    } else if (config.equals("gen-2000x8")) {
      printerCfg = GeneratedConfigs.generate(2000, 8, 1);
    } else {
      printerCfg = GeneratedConfigs.generate(Integer.parseInt(config.substring(9)), 8, 1);
    }
  }

  @Benchmark
  public ConfigNames read() {
    return new KalicoConfigReader().read(printerCfg).names();
  }
}
