package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Database;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Canaries in everything a client can send that the schema does not store (Kalico's raw id, the
 * os-release keys it drops, the Python banner, headers, rejected values) appear nowhere: not in the
 * database files, the logs, the metrics or any answer.
 */
class PrivacyTest {
  @TempDir Path tmp;

  @Test
  void canariesReachNeitherDiskNorLogsNorMetricsNorAnswers() throws Exception {
    String rawId = "canary-raw-id-4f1d";
    List<String> canaries =
        List.of(
            rawId,
            "CANARY_OSKEY",
            "canary-os-value-91c",
            "canary-python-banner-8a0",
            "canary-cpu-b71",
            "canary-agent-3c9",
            "canary-header-d44",
            "canary-rejected-0aa",
            "canary-key-path-77e");
    PrintStream realErr = System.err;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    List<String> answers = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    CollectSettings s = Services.settings("sqlite", tmp).build();
    String metrics;
    try (CollectService server = CollectService.start(s)) {
      ObjectNode kalico = Reports.kalico(rawId);
      ObjectNode os = (ObjectNode) kalico.get("platform").get("os_release");
      os.put("CANARY_OSKEY", "canary-os-value-91c");
      os.put("BUG_REPORT_URL", "https://canary-os-value-91c.example.net/");
      ((ObjectNode) kalico.get("platform")).put("python", "3.11.2 canary-python-banner-8a0");
      answers.add(
          Http.post(
                  server.collectUri(),
                  Reports.json(kalico).getBytes(StandardCharsets.UTF_8),
                  "Content-Type",
                  "application/json",
                  "User-Agent",
                  "Kalico canary-agent-3c9",
                  "X-Extra",
                  "canary-header-d44")
              .body());

      ObjectNode odd = Reports.kalico(rawId);
      odd.put("cpu_info", "canary-cpu-b71");
      answers.add(Http.postKalico(server.collectUri(), Reports.json(odd)).body());

      ObjectNode rejected = Reports.canonical(rawId);
      ((ObjectNode) rejected.get("system")).put("kernel", "x".repeat(300) + "canary-rejected-0aa");
      answers.add(
          Http.postReport(server.collectUri(), Reports.json(rejected), UUID.randomUUID().toString())
              .body());
      answers.add(
          Http.post(
                  server.collectUri().resolve("/collect/canary-key-path-77e"),
                  new byte[0],
                  "Content-Type",
                  "application/json")
              .body());
      // the owner's secret and its image travel with requests, and are never written
      String secret = gg.kalico.telemetry.spi.collector.MachineOwner.secret(rawId);
      String proof =
          "{\"machine_id\":\""
              + gg.kalico.telemetry.spi.collector.MachineIdHash.of(rawId)
              + "\",\"secret\":\""
              + secret
              + "\"}";
      answers.add(
          Http.post(
                  server.collectUri().resolve("/machine"),
                  proof.getBytes(StandardCharsets.UTF_8),
                  "Content-Type",
                  "application/json")
              .body());
      answers.add(
          Http.post(
                  server.collectUri().resolve("/machine/erase"),
                  proof.replace(secret, "f".repeat(64)).getBytes(StandardCharsets.UTF_8),
                  "Content-Type",
                  "application/json")
              .body());
      secrets.add(secret);
      metrics = Http.get(server.collectUri().resolve("/metrics")).body();
      answers.add(metrics);
      answers.add(Http.get(server.collectUri().resolve("/health")).body());
    } finally {
      System.setErr(realErr);
    }
    List<Path> dbFiles;
    try (Stream<Path> files = Files.walk(s.dataDirectory())) {
      dbFiles = files.filter(Files::isRegularFile).toList();
    }
    assertThat(dbFiles).isNotEmpty();
    // the files as they are, and the days' reports they hold deflated, opened
    String disk =
        String.join("\n", dbFiles.stream().map(PrivacyTest::bytes).toList())
            + String.join("\n", Database.documents(s, "daily_reports", ""));
    String log = logs.toString(StandardCharsets.UTF_8);
    assertThat(log).as("the service logged").contains("method=POST route=/collect status=202");
    assertThat(Database.documents(s, "daily_reports", ""))
        .as("the day's report, opened")
        .singleElement()
        .asString()
        .contains("stepper_x", "\"arch\"");
    assertThat(disk).as("the reports are on disk").contains("stepper_x", "aarch64");
    for (String canary : canaries) {
      assertThat(disk).as("database files").doesNotContain(canary);
      assertThat(log).as("logs").doesNotContain(canary);
      assertThat(String.join("\n", answers)).as("answers and metrics").doesNotContain(canary);
    }
    assertThat(log).doesNotContain("127.0.0.1");
    assertThat(secrets).hasSize(1);
    assertThat(log)
        .as("the owner's secret in the logs")
        .doesNotContain(secrets.get(0))
        .doesNotContain(gg.kalico.telemetry.spi.collector.MachineOwner.image(secrets.get(0)));
    assertThat(answers.get(answers.size() - 4))
        .as("the owner sees the machine's document")
        .contains("\"document\"");
  }

  private static String bytes(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
