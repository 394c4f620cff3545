package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Database;
import gg.kalico.telemetry.collect.testing.Services;
import gg.kalico.telemetry.core.testing.TestCertificate;
import gg.kalico.telemetry.schema.KalicoShape;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.schema.WireMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * This project's own client ({@code kalico-telemetry send}, the built jar, in its own process)
 * delivering to the service: over HTTPS with a certificate made in the test, and over plain HTTP on
 * loopback.
 */
class ThroughTheClientTest {
  private static final JsonMapper JSON = JsonMapper.shared();

  static final Path CLI_JAR =
      Path.of("..", "cli", "target", "kalico-telemetry.jar").toAbsolutePath().normalize();

  @TempDir Path tmp;

  private CollectService server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** The result of one CLI run. */
  record Run(int exit, String out, String err) {}

  /** Runs the CLI with HOME in the test folder; returns stdout, or fails with stderr. */
  static String cli(Path tmp, String... args) throws IOException, InterruptedException {
    Run run = run(tmp, args);
    assertThat(run.exit()).as(run.err()).isZero();
    return run.out();
  }

  /** Runs the built CLI jar in its own process, HOME in the test folder. */
  static Run run(Path tmp, String... args) throws IOException, InterruptedException {
    assertThat(CLI_JAR).as("built by the cli module before this one").exists();
    Path home = Files.createDirectories(tmp.resolve("home"));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home,
                "-jar",
                CLI_JAR.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(tmp.resolve("cli.err").toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment().remove("DO_NOT_TRACK");
    pb.environment().remove("KALICO_TELEMETRY");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, Files.readString(tmp.resolve("cli.err")));
  }

  /** An opted-in printer config in its own folder. */
  static Path printerCfg(Path tmp) throws IOException {
    Path cfg = Files.createDirectories(tmp.resolve("config")).resolve("printer.cfg");
    Files.writeString(
        cfg,
        "[printer]\nkinematics: corexy\n[stepper_x]\nstep_pin: PA1\n"
            + "[telemetry]\nenabled: True\n");
    return cfg;
  }

  @Test
  void sendDeliversOverHttpsWithTheTestCertificate() throws Exception {
    TestCertificate cert = TestCertificate.loopback(tmp);
    CollectSettings s =
        Services.settings("sqlite", tmp).tls(cert.keystore(), TestCertificate.PASSWORD).build();
    server = CollectService.start(s);
    assertThat(server.collectUri().getScheme()).isEqualTo("https");

    String out =
        cli(
            tmp,
            "send",
            "--force",
            "--config",
            printerCfg(tmp).toString(),
            "--endpoint",
            server.collectUri().toString(),
            "--ca-file",
            cert.pem().toString());

    assertThat(out).contains("sent ");
    assertThat(Database.count(s, "report_keys")).isEqualTo(1);
    assertThat(Database.documents(s, "machines", "").get(0))
        .contains("\"stepper_x\":[\"step_pin\"]");
  }

  @Test
  void sendDeliversOverPlainHttpOnLoopbackInBothProfiles() throws Exception {
    CollectSettings s = Services.settings("sqlite", tmp).build();
    server = CollectService.start(s);
    Path cfg = printerCfg(tmp);

    cli(
        tmp,
        "send",
        "--force",
        "--config",
        cfg.toString(),
        "--endpoint",
        server.collectUri().toString());
    JsonNode canonical = JSON.readTree(Database.documents(s, "machines", "").get(0));
    cli(
        tmp,
        "send",
        "--force",
        "--profile",
        "kalico",
        "--config",
        cfg.toString(),
        "--endpoint",
        server.collectUri().toString());

    assertThat(Database.count(s, "report_keys")).as("two reports taken").isEqualTo(2);
    assertThat(Database.column(s, "SELECT source FROM daily_reports"))
        .as("one kept for the day: the later")
        .containsExactly("kalico");
    assertThat(Database.count(s, "machines")).as("one machine, whichever profile").isEqualTo(1);
    // one mapping both ways: every field Kalico's shape carries arrives as the canonical one did
    JsonNode viaKalico = JSON.readTree(Database.documents(s, "machines", "").get(0));
    KalicoShape shape = KalicoShape.of(SchemaCatalog.published());
    for (String field : WireMapping.FIELDS) {
      String pointer = shape.pointer(1, field);
      assertThat(viaKalico.at(pointer)).as(pointer).isEqualTo(canonical.at(pointer));
    }
  }
}
