package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.testing.PluginJarBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With consent unset or disabled, no command and no facade call opens a network connection, and
 * nothing is written but what the user asked for. A real loopback server counts accepted
 * connections; a transport plugin built in the test would connect to it if it were ever called, and
 * does when the user has opted in (the control that shows the count can move).
 */
class ZeroConnectionTest {
  private static final String PROBE =
      """
      package com.probe;

      import java.net.Socket;
      import java.time.Instant;
      import gg.kalico.telemetry.spi.transport.Payload;
      import gg.kalico.telemetry.spi.transport.Receipt;
      import gg.kalico.telemetry.spi.transport.Transport;
      import gg.kalico.telemetry.spi.transport.TransportException;
      import org.pf4j.Extension;

      @Extension
      public class ProbeTransport implements Transport {
        @Override public String name() { return "probe"; }
        @Override public Receipt send(Payload payload) {
          String[] hostPort = payload.option("endpoint").orElseThrow().split(":");
          try (Socket s = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            s.getOutputStream().write(payload.body());
          } catch (Exception e) {
            throw new TransportException("probe failed", true, e);
          }
          return new Receipt(name(), "loopback", payload.documentId(), payload.body().length,
              Instant.now());
        }
      }
      """;

  @TempDir Path tmp;

  private ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();
  private Thread acceptor;
  private Path plugins;
  private Path cfg;
  private Path home;

  @BeforeEach
  void start() throws Exception {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  accepted.incrementAndGet();
                  s.getInputStream().readAllBytes();
                } catch (IOException e) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    plugins = tmp.resolve("plugins");
    PluginJarBuilder.plugin("probe").source("com.probe.ProbeTransport", PROBE).buildInto(plugins);
    home = Files.createDirectories(tmp.resolve("home"));
    cfg = tmp.resolve("config/printer.cfg");
    Files.createDirectories(cfg.getParent());
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private String endpoint() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  private Set<String> configFolder() throws IOException {
    try (Stream<Path> s = Files.list(cfg.getParent())) {
      return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
    }
  }

  private List<CliRun> everyCommand(Map<String, String> env) throws Exception {
    String[] common = {
      "--config",
      cfg.toString(),
      "--plugins",
      plugins.toString(),
      "--system-root",
      tmp.resolve("empty-root").toString()
    };
    Files.createDirectories(tmp.resolve("empty-root"));
    List<CliRun> runs = new ArrayList<>();
    for (String[] args :
        List.of(
            new String[] {"show"},
            new String[] {"status"},
            new String[] {"send", "--transport", "probe", "--endpoint", endpoint()},
            new String[] {"send", "--force", "--transport", "probe", "--endpoint", endpoint()})) {
      String[] all = new String[args.length + common.length];
      System.arraycopy(args, 0, all, 0, args.length);
      System.arraycopy(common, 0, all, args.length, common.length);
      runs.add(CliRun.process(home, env, all));
    }
    return runs;
  }

  @Test
  void unsetConsentOpensNoConnectionAndWritesNothing() throws Exception {
    Files.writeString(cfg, "[printer]\nkinematics: corexy\n");
    Set<String> before = configFolder();
    List<CliRun> runs = everyCommand(Map.of("KALICO_TELEMETRY_ENDPOINT", endpoint()));
    assertThat(runs.get(0).exit()).isZero();
    assertThat(runs.get(1).out()).contains("telemetry: unset (not set)", "Welcome to Kalico");
    // nothing to send is not a failure (the daily timer must not fail), and says why
    assertThat(runs.get(2).exit()).as(runs.get(2).err()).isZero();
    assertThat(runs.get(2).out())
        .contains("nothing was sent: telemetry is unset (not set)", "kalico-telemetry enable");
    assertThat(runs.get(3).exit()).isZero();
    assertThat(configFolder()).isEqualTo(before);
    assertThat(home.resolve(".cache")).doesNotExist();

    // what the user asks for is written, and still nothing connects
    CliRun example = CliRun.process(home, Map.of(), "example", "--config", cfg.toString());
    assertThat(example.exit()).as(example.err()).isZero();
    assertThat(configFolder()).containsExactlyInAnyOrder("printer.cfg", "telemetry.json");
    CliRun disable = CliRun.process(home, Map.of(), "disable", "--config", cfg.toString());
    assertThat(disable.exit()).as(disable.err()).isZero();
    assertNoConnection();
  }

  @Test
  void disableOpensNoConnectionAndTellsHowToErase() throws Exception {
    Files.writeString(cfg, "[printer]\nkinematics: corexy\n[telemetry]\nenabled: True\n");
    Files.createDirectories(tmp.resolve("root/etc"));
    Files.writeString(tmp.resolve("root/etc/machine-id"), "0a1b2c3d4e5f60718293a4b5c6d7e8f9\n");
    // were disable to reach for the receiver, it would connect here
    CliRun disable =
        CliRun.process(
            home,
            Map.of("KALICO_TELEMETRY_ENDPOINT", "http://" + endpoint() + "/collect"),
            "disable",
            "--config",
            cfg.toString(),
            "--system-root",
            tmp.resolve("root").toString());
    assertThat(disable.exit()).as(disable.err()).isZero();
    assertThat(disable.out())
        .contains("telemetry disabled", "kalico-telemetry data", "kalico-telemetry forget");
    assertNoConnection();
  }

  @Test
  void disabledConsentOpensNoConnectionEvenWithTheExample() throws Exception {
    Files.writeString(cfg, "[printer]\nkinematics: corexy\n[telemetry]\nenabled: False\n");
    List<CliRun> runs = everyCommand(Map.of());
    assertThat(runs.get(2).exit()).isZero();
    assertThat(runs.get(2).out()).contains("nothing was sent: telemetry is disabled");
    CliRun strict =
        CliRun.process(
            home,
            Map.of(),
            "send",
            "--strict",
            "--config",
            cfg.toString(),
            "--transport",
            "probe",
            "--endpoint",
            endpoint(),
            "--plugins",
            plugins.toString());
    assertThat(strict.exit()).as("--strict: a distinct code for scripts").isEqualTo(3);
    CliRun example = CliRun.process(home, Map.of(), "example", "--config", cfg.toString());
    assertThat(example.exit()).isEqualTo(2);
    assertThat(configFolder()).containsExactly("printer.cfg");
    assertNoConnection();
  }

  @Test
  void theEnvironmentOverrideOpensNoConnectionEvenWhenEnabled() throws Exception {
    Files.writeString(cfg, "[printer]\nkinematics: corexy\n[telemetry]\nenabled: True\n");
    List<CliRun> runs = everyCommand(Map.of("DO_NOT_TRACK", "1"));
    assertThat(runs.get(2).exit()).isZero();
    assertThat(runs.get(2).out())
        .contains("nothing was sent: telemetry is disabled", "DO_NOT_TRACK");
    everyCommand(Map.of("KALICO_TELEMETRY", "off"));
    assertNoConnection();
  }

  @Test
  void theFacadeOpensNoConnectionWithoutConsent() throws Exception {
    Files.writeString(cfg, "[printer]\nkinematics: corexy\n");
    try (Telemetry t =
        Telemetry.builder()
            .configPath(cfg)
            .pluginsDirectory(plugins)
            .transport("probe", Map.of("endpoint", endpoint()))
            .environment(Map.of())
            .build()) {
      t.collect();
      assertThat(t.reportIfDue().get(30, TimeUnit.SECONDS)).isEmpty();
      try {
        t.sendNow();
      } catch (RuntimeException expected) {
        assertThat(expected).hasMessageContaining("nothing was sent");
      }
      new gg.kalico.telemetry.kalico.TelemetryCommands(t).firstRunNotice().orElseThrow();
    }
    assertThat(configFolder()).containsExactly("printer.cfg");
    assertNoConnection();
  }

  @Test
  void theControlOnceEnabledTheSameCallsDoConnect() throws Exception {
    Files.writeString(cfg, "[printer]\nkinematics: corexy\n[telemetry]\nenabled: True\n");
    List<CliRun> runs = everyCommand(Map.of());
    assertThat(runs.get(2).exit()).as(runs.get(2).err()).isZero();
    assertThat(runs.get(2).out()).contains("sent");
    assertThat(runs.get(3).exit()).as(runs.get(3).err()).isZero();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (accepted.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(accepted.get()).isEqualTo(2);
    assertThat(configFolder()).contains(".telemetry-state.json", ".telemetry-last-report.json");
  }

  private void assertNoConnection() throws InterruptedException {
    // a connection would be accepted within milliseconds of the command; give it a moment
    Thread.sleep(200);
    assertThat(accepted.get()).as("connections accepted by the loopback server").isZero();
  }
}
