package gg.kalico.telemetry.collect;

import static gg.kalico.telemetry.collect.ThroughTheClientTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.ThroughTheClientTest.Run;
import gg.kalico.telemetry.collect.testing.Database;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import gg.kalico.telemetry.spi.collector.MachineIdHash;
import gg.kalico.telemetry.spi.collector.MachineOwner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A new user's path, with the built client in its own process: the machine reports through this
 * client and through Kalico's client shape; {@code data} shows exactly what the store holds; {@code
 * forget} disables telemetry and erases; the database files (SQLite with its WAL) no longer hold
 * the machine's hash or a canary name it sent; the statistics stop counting it; {@code data} then
 * says nothing is held, a second {@code forget} finds nothing, and with the service gone {@code
 * forget} says to try again later.
 */
class ForgetThroughTheClientTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String RAW_ID = "5a4b3c2d1e0f98877665544332211000";
  private static final String CANARY = "CANARY_FORGET_MACRO_9d2";

  @TempDir Path tmp;

  @Test
  void dataShowsWhatIsHeldAndForgetErasesItFromTheFiles() throws Exception {
    CollectSettings s = Services.settings("sqlite", tmp).ratePerAddressPerMinute(0).build();
    Path root = Files.createDirectories(tmp.resolve("root/etc"));
    Files.writeString(root.resolve("machine-id"), RAW_ID + "\n");
    Path cfg = Files.createDirectories(tmp.resolve("config")).resolve("printer.cfg");
    Files.writeString(
        cfg,
        "[printer]\nkinematics: corexy\n[gcode_macro "
            + CANARY
            + "]\n"
            + "gcode: G28\n[telemetry]\nenabled: True\n");
    String machineId = MachineIdHash.of(RAW_ID);
    URI collect;
    try (CollectService server = CollectService.start(s)) {
      collect = server.collectUri();
      String[] where = {
        "--config",
        cfg.toString(),
        "--endpoint",
        collect.toString(),
        "--system-root",
        tmp.resolve("root").toString()
      };
      // Kalico's own client first (the service computes the owner's image from its raw id),
      // then this one, whose report is the machine's current state
      assertThat(Http.postKalico(collect, Reports.json(Reports.kalico(RAW_ID))).status())
          .isEqualTo(202);
      assertThat(cli("send", where, "--force").out()).contains("sent ");
      assertThat(Database.column(s, "SELECT owner_sha256 FROM machines"))
          .as("the owner's image, one machine")
          .containsExactly(MachineOwner.image(MachineOwner.secret(RAW_ID)));
      server.statistics().refresh();
      assertThat(files(s)).as("before").contains(machineId, CANARY);

      // what goes with each report besides the document is shown
      Run show =
          cli(
              "show",
              new String[] {
                "--config", cfg.toString(), "--system-root", tmp.resolve("root").toString()
              });
      assertThat(show.err())
          .contains("Telemetry-Owner: " + MachineOwner.image(MachineOwner.secret(RAW_ID)));

      // data: exactly what the store holds
      Run data = cli("data", where, "--json");
      JsonNode held = JSON.readTree(data.out());
      assertThat(held.get("machine_id").asString()).isEqualTo(machineId);
      assertThat(held.get("document"))
          .isEqualTo(JSON.readTree(Database.documents(s, "machines", "").get(0)));
      assertThat(held.get("reports").findValuesAsString("document_sha256"))
          .isEqualTo(Database.column(s, "SELECT document_sha256 FROM daily_reports ORDER BY day"));
      assertThat(cli("data", where).out())
          .contains("first seen", "stored reports", machineId, "current document");

      // forget: disabled here, erased there, with one kind of request
      String metricsBefore = Http.get(collect.resolve("/metrics")).body();
      Run forget = cli("forget", where);
      assertThat(forget.out()).contains("telemetry disabled", "erased");
      assertThat(Files.readString(cfg)).contains("enabled = False");
      String metrics = Http.get(collect.resolve("/metrics")).body();
      assertThat(metrics)
          .contains("telemetry_owner_requests_total{kind=\"erase\",outcome=\"erased\"} 1.0");
      assertThat(accepted(metrics)).isEqualTo(accepted(metricsBefore));
      server.statistics().refresh();
      assertThat(Http.json(collect.resolve("/api/v1/summary")).get("active_machines").asLong())
          .isZero();
      String after = files(s);
      for (int i = 0; i < 40 && (after.contains(machineId) || after.contains(CANARY)); i++) {
        Thread.sleep(250);
        after = files(s);
      }
      assertThat(after)
          .as("the database files, WAL included")
          .doesNotContain(machineId)
          .doesNotContain(CANARY);

      assertThat(cli("data", where).out()).contains("nothing is held");
      assertThat(cli("forget", where).out()).contains("nothing held");
    }
    Run unreachable =
        run(
            tmp,
            List.of(
                    "forget",
                    "--config",
                    cfg.toString(),
                    "--endpoint",
                    collect.toString(),
                    "--system-root",
                    tmp.resolve("root").toString())
                .toArray(String[]::new));
    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.err()).contains("unreachable", "try again later");
  }

  private Run cli(String command, String[] where, String... more) throws Exception {
    String[] args =
        Stream.of(new String[] {command}, where, more).flatMap(Stream::of).toArray(String[]::new);
    Run r = run(tmp, args);
    assertThat(r.exit()).as(r.err()).isZero();
    return r;
  }

  private static String accepted(String metrics) {
    return metrics
        .lines()
        .filter(l -> l.startsWith("telemetry_reports_accepted_total"))
        .reduce("", String::concat);
  }

  private static String files(CollectSettings s) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(s.dataDirectory())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }
}
