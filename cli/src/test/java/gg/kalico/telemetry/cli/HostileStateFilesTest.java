package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.core.testing.ScriptedHttpsServer;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule: reads are bounded and never block, as a user meets it. A FIFO (no writer: opening it would
 * wait forever) or a huge sparse file where our state, last report or a spool entry should be gives
 * a clear message; the command still finishes (each run is a separate process that the helper gives
 * two minutes before calling it hung).
 */
class HostileStateFilesTest {
  @TempDir Path tmp;

  private Path cfg;

  private Path setUp() throws Exception {
    Path config = Files.createDirectories(tmp.resolve("config"));
    cfg =
        Files.writeString(
            config.resolve("printer.cfg"),
            "[printer]\nkinematics: none\n[telemetry]\nenabled: True\n");
    return config;
  }

  private static void mkfifo(Path p) throws Exception {
    assumeTrue(
        new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0,
        "mkfifo is not available");
  }

  private Path home() throws Exception {
    return Files.createDirectories(tmp.resolve("home"));
  }

  @Test
  void aFifoAsTheStateAndAHugeLastReportDoNotHangStatus() throws Exception {
    Path config = setUp();
    mkfifo(config.resolve(".telemetry-state.json"));
    try (RandomAccessFile f =
        new RandomAccessFile(config.resolve(".telemetry-last-report.json").toFile(), "rw")) {
      f.setLength(6L * 1024 * 1024 * 1024);
    }

    CliRun run = CliRun.process(home(), Map.of(), "status", "--config", cfg.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("last report: never sent");
    assertThat(run.err())
        .contains(
            ".telemetry-state.json is a FIFO, device or socket",
            ".telemetry-last-report.json is 6442450944 bytes");
  }

  @Test
  void aFifoInTheSpoolIsSetAsideAndTheRoundGoesOn() throws Exception {
    Path config = setUp();
    Path spool = Files.createDirectories(config.resolve(Spool.DIR));
    mkfifo(spool.resolve("0000000000000001-11111111-2222-3333-4444-555555555555.json"));
    try (ScriptedHttpsServer server = ScriptedHttpsServer.start(tmp)) {
      CliRun run =
          CliRun.process(
              home(),
              Map.of(),
              "send",
              "--force",
              "--config",
              cfg.toString(),
              "--endpoint",
              server.url(),
              "--ca-file",
              server.caPem().toString());

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(server.requests()).as("today's report still went out").hasSize(1);
    }
    assertThat(new Spool(config).counters().damaged()).isEqualTo(1);
    assertThat(spool.resolve("damaged/0000000000000001-11111111-2222-3333-4444-555555555555.json"))
        .exists();
  }
}
