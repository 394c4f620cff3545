package com.example.host;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.nio.file.Path;
import java.util.List;

/**
 * A host that embeds the telemetry framework: its facts, one collector of its own, and the
 * document printed on stdout. Usage: {@code java -jar embedding-host.jar PRINTER_CFG}.
 */
public final class ExampleHost {
  private ExampleHost() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: java -jar embedding-host.jar PRINTER_CFG");
      System.exit(2);
    }
    try (Telemetry telemetry = Telemetry.builder()
        .hostFacts(HostFacts.builder()
            .configPath(Path.of(args[0]))
            .softwareVersion("v0.12.0-456-g1a2b3c4")          // what the host knows
            .enabledObjects(List.of("gcode", "toolhead"))      // the host's loaded objects
            .build())
        .addModule(new AbstractModule() {                     // a collector of the host's own
          @Override
          protected void configure() {
            Multibinder.newSetBinder(binder(), Collector.class).addBinding()
                .to(JobQueueCollector.class);
          }
        })
        .build()) {
      Collected c = telemetry.collect();
      c.failures().forEach(f -> System.err.println("section left out: " + f));
      System.out.print(c.document().toPrettyJson());
    }
  }
}
