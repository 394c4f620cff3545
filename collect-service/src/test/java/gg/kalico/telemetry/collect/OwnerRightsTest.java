package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Database;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import gg.kalico.telemetry.core.testing.MutableClock;
import gg.kalico.telemetry.spi.collector.MachineIdHash;
import gg.kalico.telemetry.spi.collector.MachineOwner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The owner of a machine sees and erases what the service holds about it, proving ownership with
 * the machine's owner secret; nobody else can, and nobody can tell an unknown machine from a wrong
 * proof. Erased means uncounted and gone from the database files, WAL included; silent machines
 * expire.
 */
class OwnerRightsTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String OURS = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  private static final String KALICOS = "f9e8d7c6b5a4039281706f5e4d3c2b1a";
  private static final String CANARY = "canary_owner_object_5e1";

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void theOwnerSeesAndErasesNobodyElseCanAndErasedIsGoneFromTheFiles(String store)
      throws Exception {
    CollectSettings s = Services.settings(store, tmp).ratePerAddressPerMinute(0).k(2).build();
    boolean sqlite = store.equals("sqlite");
    try (CollectService server = CollectService.start(s)) {
      URI collect = server.collectUri();
      ObjectNode doc = Reports.canonical(OURS);
      ((tools.jackson.databind.node.ArrayNode) doc.get("objects")).add(CANARY);
      byte[] body = Http.gzip(Reports.json(doc).getBytes(StandardCharsets.UTF_8));
      assertThat(
              Http.post(
                      collect,
                      body,
                      "Content-Type",
                      "application/json",
                      "Content-Encoding",
                      "gzip",
                      "Idempotency-Key",
                      UUID.randomUUID().toString(),
                      "Telemetry-Owner",
                      MachineOwner.image(MachineOwner.secret(OURS)))
                  .status())
          .isEqualTo(202);
      assertThat(Http.postKalico(collect, Reports.json(Reports.kalico(KALICOS))).status())
          .isEqualTo(202);
      server.statistics().refresh();
      String ours = MachineIdHash.of(OURS);
      if (sqlite) {
        assertThat(files(s))
            .as("before: the machine and its names are on disk")
            .contains(ours, CANARY);
      }

      // see: the owner gets the document and the day's report with its digest
      Http.Answer seen = ask(collect, "machine", ours, MachineOwner.secret(OURS));
      assertThat(seen.status()).as(seen.body()).isEqualTo(200);
      JsonNode held = JSON.readTree(seen.body());
      assertThat(held.get("machine_id").asString()).isEqualTo(ours);
      assertThat(held.at("/document/objects").toString()).contains(CANARY);
      assertThat(held.get("reports")).hasSize(1);
      assertThat(held.at("/reports/0/document_sha256").asString()).hasSize(64);
      // a machine that reported through Kalico's own client is managed by the same proof
      assertThat(
              ask(collect, "machine", MachineIdHash.of(KALICOS), MachineOwner.secret(KALICOS))
                  .status())
          .isEqualTo(200);

      // a wrong proof, another machine's id, an unknown machine: the same 404
      Http.Answer wrong = ask(collect, "machine", ours, MachineOwner.secret("someone else"));
      Http.Answer other =
          ask(collect, "machine", MachineIdHash.of(KALICOS), MachineOwner.secret(OURS));
      Http.Answer unknown =
          ask(collect, "machine", MachineIdHash.of("nobody"), MachineOwner.secret("nobody"));
      for (Http.Answer a : new Http.Answer[] {wrong, other, unknown}) {
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.body()).isEqualTo(unknown.body()).doesNotContain(ours);
      }
      assertThat(ask(collect, "machine/erase", ours, MachineOwner.secret("someone else")).status())
          .isEqualTo(404);
      assertThat(Database.count(s, "machines")).as("a wrong proof erases nothing").isEqualTo(2);
      assertThat(
              Http.post(
                      collect.resolve("/machine"),
                      "{\"machine_id\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                      "Content-Type",
                      "application/json")
                  .status())
          .isEqualTo(400);

      // erase: once, then the same 404 as for anything not held
      assertThat(ask(collect, "machine/erase", ours, MachineOwner.secret(OURS)).body())
          .contains("erased");
      assertThat(ask(collect, "machine/erase", ours, MachineOwner.secret(OURS)).body())
          .isEqualTo(unknown.body());
      assertThat(ask(collect, "machine", ours, MachineOwner.secret(OURS)).status()).isEqualTo(404);
      server.statistics().refresh();
      assertThat(Http.json(collect.resolve("/api/v1/summary")).get("active_machines").asLong())
          .as("counted after the refresh")
          .isEqualTo(1);
      assertThat(Database.column(s, "SELECT machine_id FROM machines"))
          .containsExactly(MachineIdHash.of(KALICOS));
      String after = "";
      for (int i = 0; i < 40 && sqlite; i++) {
        after = files(s);
        if (!after.contains(ours) && !after.contains(CANARY)) {
          break;
        }
        Thread.sleep(250);
      }
      if (sqlite) {
        assertThat(after)
            .as("after: the database files, WAL included")
            .doesNotContain(ours)
            .doesNotContain(CANARY)
            .contains(MachineIdHash.of(KALICOS));
      }
      assertThat(
              ask(collect, "machine", MachineIdHash.of(KALICOS), MachineOwner.secret(KALICOS))
                  .status())
          .as("the other machine is kept")
          .isEqualTo(200);
    }
  }

  @Test
  void theOwnerEndpointIsRateLimitedPerAddress() throws Exception {
    try (CollectService server =
        CollectService.start(Services.settings("sqlite", tmp).ratePerAddressPerMinute(2).build())) {
      String id = MachineIdHash.of("nobody");
      String secret = MachineOwner.secret("nobody");
      assertThat(ask(server.collectUri(), "machine", id, secret).status()).isEqualTo(404);
      assertThat(ask(server.collectUri(), "machine/erase", id, secret).status()).isEqualTo(404);
      Http.Answer third = ask(server.collectUri(), "machine", id, secret);
      assertThat(third.status()).isEqualTo(429);
      assertThat(third.header("Retry-After")).isNotNull();
    }
  }

  @Test
  void machinesSilentPastTheExpiryAreDeletedAndUncounted() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    CollectSettings s =
        Services.settings("sqlite", tmp)
            .ratePerAddressPerMinute(0)
            .clock(clock)
            .activeWindow(Duration.ofDays(30))
            .machineExpiry(Duration.ofDays(60))
            .retention(Duration.ofDays(365))
            .build();
    try (CollectService server = CollectService.start(s)) {
      Http.postReport(
          server.collectUri(),
          Reports.json(Reports.canonical("silent")),
          UUID.randomUUID().toString());
      clock.advance(Duration.ofDays(45));
      Http.postReport(
          server.collectUri(),
          Reports.json(Reports.canonical("alive")),
          UUID.randomUUID().toString());
      server.statistics().refresh();
      server.retention().runOnce();
      assertThat(Database.count(s, "machines")).as("45 days silent: kept").isEqualTo(2);

      clock.advance(Duration.ofDays(20)); // silent 65 days
      server.statistics().refresh();
      server.retention().runOnce();
      assertThat(Database.column(s, "SELECT machine_id FROM machines"))
          .containsExactly(MachineIdHash.of("alive"));
      assertThat(Database.column(s, "SELECT machine_id FROM daily_reports"))
          .containsExactly(MachineIdHash.of("alive"));
      assertThat(Database.column(s, "SELECT machine_id FROM report_keys"))
          .containsExactly(MachineIdHash.of("alive"));
      server.statistics().refresh();
      assertThat(
              Http.json(server.collectUri().resolve("/api/v1/summary"))
                  .get("active_machines")
                  .asLong())
          .isEqualTo(1);
      String silent = MachineIdHash.of("silent");
      String after = files(s);
      for (int i = 0; i < 40 && after.contains(silent); i++) {
        Thread.sleep(250);
        after = files(s);
      }
      assertThat(after)
          .as("the expired machine in the database files")
          .doesNotContain(silent)
          .contains(MachineIdHash.of("alive"));
    }
  }

  private static Http.Answer ask(URI collect, String path, String machineId, String secret)
      throws Exception {
    return Http.post(
        collect.resolve(path),
        ("{\"machine_id\":\"" + machineId + "\",\"secret\":\"" + secret + "\"}")
            .getBytes(StandardCharsets.UTF_8),
        "Content-Type",
        "application/json");
  }

  /** Every file of the data folder, as bytes read as Latin-1 text. */
  private static String files(CollectSettings s) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(s.dataDirectory())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
      }
    }
    return all.toString();
  }
}
