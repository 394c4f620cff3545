package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.core.testing.ScriptedHttpsServer;
import gg.kalico.telemetry.core.testing.ScriptedHttpsServer.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** send as a user runs it, against a real HTTPS server on loopback with a test certificate. */
class DeliveryCliTest {
  @TempDir Path tmp;

  private ScriptedHttpsServer server;
  private Path cfg;
  private Path home;

  @BeforeEach
  void setUp() throws Exception {
    server = ScriptedHttpsServer.start(tmp);
    home = Files.createDirectories(tmp.resolve("home"));
    cfg = tmp.resolve("config/printer.cfg");
    Files.createDirectories(cfg.getParent());
    Files.writeString(cfg, "[printer]\nkinematics: corexy\n[telemetry]\nenabled: True\n");
  }

  @AfterEach
  void tearDown() throws IOException {
    server.close();
  }

  private String[] send(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "send",
                "--config",
                cfg.toString(),
                "--endpoint",
                server.url(),
                "--ca-file",
                server.caPem().toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private int spooled() {
    return new Spool(cfg.getParent()).size();
  }

  @Test
  void deliversThenSpoolsWhileTheServerIsDownThenDeliversOnce() throws Exception {
    CliRun first = CliRun.process(home, Map.of(), send("--force"));
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("sent ", "via https to " + server.url());
    assertThat(server.requests()).hasSize(1);
    JsonNode delivered = JsonMapper.shared().readTree(server.requests().get(0).body());
    assertThat(delivered.get("schema_version").asInt()).isEqualTo(1);

    server.always(new Answer(503, Map.of("Retry-After", "0")));
    CliRun down = CliRun.process(home, Map.of(), send("--force"));
    assertThat(down.exit()).as(down.err()).isZero();
    assertThat(down.out()).contains("not delivered yet", "spooled: 1 document(s) wait");
    assertThat(spooled()).isEqualTo(1);
    String key = server.requests().get(1).header("Idempotency-Key");
    assertThat(server.requests().subList(1, server.requests().size()))
        .hasSize(5)
        .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo(key));

    server.reset();
    CliRun back = CliRun.process(home, Map.of(), send());
    assertThat(back.exit()).as(back.err()).isZero();
    assertThat(back.out()).contains("not due", "Idempotency-Key " + key);
    assertThat(server.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.header("Idempotency-Key")).isEqualTo(key));
    assertThat(spooled()).isZero();

    CliRun status = CliRun.process(home, Map.of(), "status", "--config", cfg.toString());
    assertThat(status.out()).contains("last report: ", "digest:      sha256:");
  }

  @Test
  void aSenderKilledBetweenSpoolAndSendDeliversOnceAfterRestartWithTheSameKey() throws Exception {
    server.always(new ScriptedHttpsServer.Stall());
    ProcessBuilder pb = new ProcessBuilder(command(send("--force")));
    pb.environment().put("HOME", home.toString());
    pb.redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile());
    Process sender = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (server.requests().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.requests()).as("the sender reached the server").hasSize(1);
    assertThat(spooled()).as("spooled before sending").isEqualTo(1);
    sender.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    String key = server.requests().get(0).header("Idempotency-Key");

    server.reset();
    CliRun restart = CliRun.process(home, Map.of(), send());
    assertThat(restart.exit()).as(restart.err()).isZero();
    assertThat(server.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.header("Idempotency-Key")).isEqualTo(key));
    assertThat(spooled()).isZero();
  }

  @Test
  void aDocumentRefusedForGoodIsDroppedAndCounted() throws Exception {
    server.always(new Answer(413, Map.of()));
    CliRun run = CliRun.process(home, Map.of(), send("--force"));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("refused for good, dropped", "HTTP 413");
    assertThat(spooled()).isZero();
    assertThat(new Spool(cfg.getParent()).counters().refused()).isEqualTo(1);
    assertThat(CliRun.process(home, Map.of(), "status", "--config", cfg.toString()).out())
        .contains("refused by the receiver: 1");
  }

  @Test
  void disableEmptiesTheSpool() throws Exception {
    server.always(new Answer(503, Map.of("Retry-After", "0")));
    CliRun.process(home, Map.of(), send("--force"));
    assertThat(spooled()).isEqualTo(1);
    CliRun disable = CliRun.inProcess("disable", "--config", cfg.toString());
    assertThat(disable.exit()).as(disable.err()).isZero();
    assertThat(disable.out()).contains("removed 1 unsent document(s)");
    assertThat(spooled()).isZero();
  }

  @Test
  void theKalicoProfileHasKalicosShapeWithTheHashedId() throws Exception {
    CliRun canonical = CliRun.inProcess("show", "--config", cfg.toString());
    CliRun kalico = CliRun.inProcess("show", "--config", cfg.toString(), "--profile", "kalico");
    assertThat(kalico.exit()).as(kalico.err()).isZero();
    JsonNode k = JsonMapper.shared().readTree(kalico.out());
    JsonNode c = JsonMapper.shared().readTree(canonical.out());
    assertThat(k.propertyNames())
        .containsExactly("id", "version", "branch", "cpu_info", "platform", "config", "objects");
    assertThat(k.get("platform").propertyNames())
        .containsExactly("machine", "os_release", "version", "python");
    assertThat(k.get("id").asString())
        .isEqualTo(c.get("machine").get("id").asString())
        .matches("[0-9a-f]{32}");
    assertThat(k.get("config")).isEqualTo(c.get("config"));

    CliRun sent = CliRun.process(home, Map.of(), send("--force", "--profile", "kalico"));
    assertThat(sent.exit()).as(sent.err()).isZero();
    JsonNode onWire =
        JsonMapper.shared()
            .readTree(new String(server.requests().get(0).body(), StandardCharsets.UTF_8));
    assertThat(onWire.has("cpu_info")).isTrue();
    assertThat(onWire.has("schema_version")).isFalse();
  }

  private static List<String> command(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }
}
