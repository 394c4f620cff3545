package com.example.host;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import gg.kalico.telemetry.core.SendReport;
import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.kalico.TelemetryCommands;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A printer host that embeds the telemetry framework with the Kalico adapter: its facts, one
 * collector of its own, the G-code commands, consent, and a report through a transport.
 *
 * <p>Usage: {@code java -jar embedding-host.jar PRINTER_CFG [COLLECT_URL]}. It works on a copy of
 * PRINTER_CFG in a temporary folder (the G-code commands below write the user's consent into the
 * config, and an example must never change yours), and without COLLECT_URL the report goes to a
 * file in that folder, not to any server. It prints the document on stdout.
 */
public final class ExampleHost {
  private ExampleHost() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: java -jar embedding-host.jar PRINTER_CFG [COLLECT_URL]");
      System.exit(2);
    }
    Path work = Files.createTempDirectory("embedding-host-");
    Path config = Files.copy(Path.of(args[0]), work.resolve("printer.cfg"));
    // where reports go: a file here, unless a collect URL is given on purpose
    String transport = args.length == 2 ? "https" : "file";
    Map<String, String> options = args.length == 2 ? Map.of("endpoint", args[1])
        : Map.of("path", work.resolve("report.json").toString());

    try (Telemetry telemetry = Telemetry.builder()
        .hostFacts(HostFacts.builder()
            .configPath(config)
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
        .transport(transport, options)
        .build()) {
      Collected c = telemetry.collect();                      // what would be sent, validated
      c.failures().forEach(f -> System.err.println("section left out: " + f));
      System.out.print(c.document().toPrettyJson());

      // the G-code commands, as Kalico offers them, on the copy of the config
      TelemetryCommands commands = new TelemetryCommands(telemetry);
      System.err.println("commands: " + commands.available());
      commands.firstRunNotice().ifPresent(n -> System.err.println(n.lines().findFirst()
          .orElse("")));
      System.err.println(commands.enableTelemetry().lines().findFirst().orElse(""));
      commands.saveConfig();                                  // writes [telemetry] enabled
      System.err.println("consent: " + telemetry.consent());

      SendReport sent = telemetry.sendIfDue();               // once a day, only if opted in
      sent.delivered().forEach(r -> System.err.println("sent to " + r.destination()));
    }
  }
}
