package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.stats.PublishedList;
import gg.kalico.telemetry.collect.testing.Database;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Services;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.schema.SchemaChecks;
import gg.kalico.telemetry.schema.SchemaReleases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rollout drill of {@code docs/schema-releases.md}: a maintainer releases the next minor of
 * major 1 by the book (an optional {@code system.cpu.max_mhz}, or a name not taken yet), and
 * clients and receivers on the two minors exchange reports over real HTTP in every combination, in
 * either rollout order: nothing refused, nothing lost, each machine counted once. A later minor's
 * field is stored bounded and never published; what a receiver knows is still validated exactly; a
 * later major is answered so that the client keeps the report, and {@code status} says why.
 */
class SchemaRolloutTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Path SCHEMA = Path.of("..", "schema").toAbsolutePath().normalize();
  private static final String CANARY = "canary-later-minor-5e0c";

  @TempDir Path tmp;

  private final List<CollectService> servers = new ArrayList<>();
  private final java.util.Map<CollectService, CollectSettings> settings = new java.util.HashMap<>();

  @AfterEach
  void stop() {
    servers.forEach(CollectService::close);
  }

  private CollectService start(String name, Path schemaDir) throws Exception {
    CollectSettings cs =
        Services.settings("sqlite", tmp.resolve(name)).k(2).schemaDirectory(schemaDir).build();
    CollectService s = CollectService.start(cs);
    servers.add(s);
    settings.put(s, cs);
    return s;
  }

  /**
   * The field the drill adds to {@code system.cpu}: {@code max_mhz}, or, once a real release has
   * added that, the first {@code max_mhz_N} the schema does not have yet.
   */
  private static final String FIELD = newField();

  private static String newField() {
    JsonNode cpu =
        JSON.readTree(SCHEMA.resolve("telemetry-1.schema.json").toFile())
            .at("/properties/system/properties/cpu/properties");
    String name = "max_mhz";
    for (int n = 2; cpu.has(name); n++) {
      name = "max_mhz_" + n;
    }
    return name;
  }

  /** The drill's edit: an optional field, room for it, a value in full.json; then release. */
  private Path releasedNextMinor() throws IOException {
    Path dir = SchemaReleases.copyFolder(SCHEMA, tmp.resolve("schema-next"));
    Path file = dir.resolve("telemetry-1.schema.json");
    ObjectNode schema = (ObjectNode) JSON.readTree(file.toFile());
    ObjectNode cpu = (ObjectNode) schema.at("/properties/system/properties/cpu");
    ((ObjectNode) cpu.get("properties"))
        .set(
            FIELD,
            JSON.readTree(
                """
        {"description": "Highest clock of the CPU in MHz.", "type": "integer", "minimum": 1,
         "maximum": 100000, "x-privacy": "system-fact"}"""));
    cpu.put("maxProperties", cpu.get("maxProperties").asInt() + 1);
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema));
    Path full = dir.resolve("examples/1/valid/full.json");
    ObjectNode example = (ObjectNode) JSON.readTree(full.toFile());
    ((ObjectNode) example.at("/system/cpu")).put(FIELD, 2400);
    Files.writeString(full, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(example));
    assertThat(SchemaReleases.release(dir, 1).written()).isPresent();
    assertThat(SchemaChecks.check(dir)).as("the guide's checks after the release").isEmpty();
    return dir;
  }

  /** The full example of a schema folder, as machine {@code n}. */
  private static ObjectNode document(Path dir, int n) throws IOException {
    ObjectNode doc = (ObjectNode) JSON.readTree(dir.resolve("examples/1/valid/full.json").toFile());
    ((ObjectNode) doc.get("machine")).put("id", String.format("%032x", n));
    return doc;
  }

  private static Http.Answer post(CollectService to, JsonNode doc, String claim, String key)
      throws Exception {
    List<String> headers =
        new ArrayList<>(List.of("Content-Type", "application/json", "Idempotency-Key", key));
    if (claim != null) {
      headers.addAll(List.of("Telemetry-Schema", claim));
    }
    return Http.post(to.collectUri(), JSON.writeValueAsBytes(doc), headers.toArray(String[]::new));
  }

  private static long active(CollectService s) throws Exception {
    s.statistics().refresh();
    return Http.json(s.collectUri().resolve("/api/v1/summary")).get("active_machines").asLong();
  }

  @Test
  void eitherRolloutOrderLosesNothingAndCountsEachMachineOnce() throws Exception {
    Path current = SchemaReleases.copyFolder(SCHEMA, tmp.resolve("schema-current"));
    Path next = releasedNextMinor();
    int minor = SchemaCatalog.fromDirectory(current).minor(1);
    assertThat(SchemaCatalog.fromDirectory(next).minor(1)).isEqualTo(minor + 1);
    String oldClaim = "1." + minor;
    String newClaim = "1." + (minor + 1);
    CollectService oldReceiver = start("old-receiver", current);
    CollectService newReceiver = start("new-receiver", next);

    // clients first: a new client's report, with the new field, reaches a receiver not updated
    Http.Answer clientsFirst = post(oldReceiver, document(next, 1), newClaim, "k1");
    assertThat(clientsFirst.status()).as(clientsFirst.body()).isEqualTo(202);
    // receivers first: an old client's report reaches an updated receiver
    Http.Answer receiversFirst = post(newReceiver, document(current, 2), oldClaim, "k2");
    assertThat(receiversFirst.status()).as(receiversFirst.body()).isEqualTo(202);
    // the same minor on both sides, and a retry of the first
    assertThat(post(oldReceiver, document(current, 3), oldClaim, "k3").status()).isEqualTo(202);
    assertThat(post(newReceiver, document(next, 4), newClaim, "k4").status()).isEqualTo(202);
    assertThat(post(oldReceiver, document(next, 1), newClaim, "k1").status()).isEqualTo(202);

    assertThat(active(oldReceiver)).isEqualTo(2);
    assertThat(active(newReceiver)).isEqualTo(2);
    CollectSettings old = settings.get(oldReceiver);
    assertThat(Database.count(old, "report_keys")).isEqualTo(2);
    JsonNode stored =
        JSON.readTree(
            Database.documents(
                    old, "machines", "WHERE machine_id = '" + String.format("%032x", 1) + "'")
                .get(0));
    assertThat(stored.at("/system/cpu/" + FIELD).asInt())
        .as("kept with its report")
        .isEqualTo(2400);
    // the first report and its retry, each read with its later-minor field
    assertThat(Http.get(oldReceiver.collectUri().resolve("/metrics")).body())
        .contains("telemetry_later_minor_fields_total{outcome=\"kept\"} 2.0");
    JsonNode updated =
        JSON.readTree(
            Database.documents(
                    settings.get(newReceiver),
                    "machines",
                    "WHERE machine_id = '" + String.format("%032x", 4) + "'")
                .get(0));
    assertThat(updated.at("/system/cpu/" + FIELD).asInt()).isEqualTo(2400);
  }

  @Test
  void theClientSendsItsMinorAndAReceiverOnAnEarlierOneTakesTheReport() throws Exception {
    Path next = releasedNextMinor();
    int minor = SchemaCatalog.fromDirectory(next).minor(1);
    CollectService oldReceiver =
        start("old-receiver", SchemaReleases.copyFolder(SCHEMA, tmp.resolve("schema-current")));
    Path cfg = printer("printer");
    ThroughTheClientTest.Run shown = cli("show", cfg, next);
    assertThat(shown.exit()).as(shown.err()).isZero();
    assertThat(shown.err()).contains("sent with it: header Telemetry-Schema: 1." + minor);
    ThroughTheClientTest.Run sent =
        cli("send", cfg, next, "--force", "--endpoint", oldReceiver.collectUri().toString());
    assertThat(sent.exit()).as(sent.err()).isZero();
    assertThat(sent.out()).contains("sent ");
    assertThat(active(oldReceiver)).isEqualTo(1);
  }

  @Test
  void aLaterMinorsFieldIsStoredBoundedAndNeverPublished() throws Exception {
    CollectService receiver =
        start("receiver", SchemaReleases.copyFolder(SCHEMA, tmp.resolve("schema-current")));
    int minor = SchemaCatalog.fromDirectory(SCHEMA).minor(1);
    String later = "1." + (minor + 1);
    for (int n = 1; n <= 3; n++) {
      ObjectNode doc = document(SCHEMA, n);
      ((ObjectNode) doc.at("/system/cpu")).put("governor", CANARY);
      doc.putObject("printer_" + CANARY).put(CANARY, CANARY);
      Http.Answer a = post(receiver, doc, later, "c" + n);
      assertThat(a.status()).as(a.body()).isEqualTo(202);
    }
    ObjectNode big = document(SCHEMA, 4);
    ((ObjectNode) big.get("system")).put("notes", "x".repeat(20_000));
    assertThat(post(receiver, big, later, "big").status()).isEqualTo(202);

    CollectSettings s = settings.get(receiver);
    List<String> stored = Database.documents(s, "machines", "ORDER BY machine_id");
    assertThat(stored).hasSize(4);
    assertThat(stored.subList(0, 3)).allSatisfy(d -> assertThat(d).contains(CANARY));
    assertThat(stored.get(3))
        .as("over the bound: the report is kept without them")
        .doesNotContain("notes")
        .contains("display_status");
    String metrics = Http.get(receiver.collectUri().resolve("/metrics")).body();
    assertThat(metrics)
        .contains("telemetry_later_minor_fields_total{outcome=\"kept\"} 6.0")
        .contains("telemetry_later_minor_fields_total{outcome=\"dropped\"} 1.0");

    receiver.statistics().refresh();
    List<String> answers = new ArrayList<>();
    for (String path : List.of("/", "/api/v1/summary", "/api/v1/history", "/api/v1/history.csv")) {
      answers.add(Http.get(receiver.collectUri().resolve(path)).body());
    }
    for (PublishedList list : PublishedList.values()) {
      for (String path :
          List.of(
              "/api/v1/lists/" + list.id(),
              "/api/v1/lists/" + list.id() + ".csv",
              "/api/v1/history/" + list.id())) {
        Http.Answer a = Http.get(receiver.collectUri().resolve(path));
        assertThat(a.status()).as(path).isLessThan(500);
        answers.add(a.body());
      }
    }
    String all = String.join("\n", answers);
    assertThat(all).as("the known fields are published").contains("display_status");
    assertThat(all)
        .as("no statistics answer shows a later minor's field")
        .doesNotContain(CANARY)
        .doesNotContain("governor")
        .doesNotContain("notes");
  }

  @Test
  void whatTheReceiverKnowsIsStillValidatedExactly() throws Exception {
    CollectService receiver =
        start("receiver", SchemaReleases.copyFolder(SCHEMA, tmp.resolve("schema-current")));
    int minor = SchemaCatalog.fromDirectory(SCHEMA).minor(1);
    ObjectNode unknown = document(SCHEMA, 1);
    ((ObjectNode) unknown.at("/system/cpu")).put("governor", "performance");
    for (String claim : new String[] {null, "1." + minor, "1.0"}) {
      Http.Answer a = post(receiver, unknown, claim, UUID.randomUUID().toString());
      assertThat(a.status()).as("claiming " + claim + ": " + a.body()).isEqualTo(400);
      assertThat(a.body()).contains("/system/cpu/governor", "additionalProperties");
    }
    ObjectNode wrongType = document(SCHEMA, 2);
    ((ObjectNode) wrongType.at("/system/cpu")).put("cores", "four");
    Http.Answer typed = post(receiver, wrongType, "1." + (minor + 5), "t");
    assertThat(typed.status()).isEqualTo(400);
    assertThat(typed.body()).contains("/system/cpu/cores");
    ObjectNode noId = document(SCHEMA, 3);
    ((ObjectNode) noId.get("machine")).remove("id");
    assertThat(post(receiver, noId, "1." + (minor + 1), "r").status()).isEqualTo(400);
    Http.Answer otherMajor = post(receiver, document(SCHEMA, 4), "2.0", "m");
    assertThat(otherMajor.status()).isEqualTo(400);
    assertThat(otherMajor.body()).contains("Telemetry-Schema names major 2");
    assertThat(post(receiver, document(SCHEMA, 5), "one.two", "f").status()).isEqualTo(400);
    assertThat(Database.count(settings.get(receiver), "machines")).isZero();
  }

  @Test
  void aLaterMajorIsKeptByTheClientUntilTheReceiverKnowsItAndStatusSaysWhy() throws Exception {
    Path two = SchemaReleases.copyFolder(SCHEMA, tmp.resolve("schema-two"));
    SchemaReleases.newMajor(two);
    CollectService onlyOne =
        start("major-one", SchemaReleases.copyFolder(SCHEMA, tmp.resolve("schema-one")));
    Path cfg = printer("printer");
    ThroughTheClientTest.Run sent =
        cli(
            "send",
            cfg,
            two,
            "--schema-major",
            "2",
            "--force",
            "--endpoint",
            onlyOne.collectUri().toString());
    assertThat(sent.out())
        .contains("not delivered yet:", "accepts schema majors 1", "--schema-major 1");
    assertThat(Database.count(settings.get(onlyOne), "machines")).isZero();
    Path spool = cfg.resolveSibling(".telemetry-spool");
    assertThat(spoolFiles(spool)).as("kept, not dropped").isEqualTo(1);

    ThroughTheClientTest.Run status = cli("status", cfg, two, "--schema-major", "2");
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("accepts schema majors 1, not this document's (HTTP 415)")
        .contains("the report is kept")
        .contains("spool:       1 waiting");

    // the receiver learns major 2: the kept report goes on the next round
    CollectService both = start("both-majors", two);
    ThroughTheClientTest.Run again =
        cli("send", cfg, two, "--schema-major", "2", "--endpoint", both.collectUri().toString());
    assertThat(again.exit()).as(again.err() + again.out()).isZero();
    assertThat(spoolFiles(spool)).isZero();
    assertThat(active(both)).isEqualTo(1);
  }

  /** The built CLI, in its own process: a command for this printer and schema folder. */
  private ThroughTheClientTest.Run cli(String command, Path cfg, Path schemaDir, String... more)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(command, "--config", cfg.toString(), "--schema-dir", schemaDir.toString()));
    args.addAll(List.of(more));
    return ThroughTheClientTest.run(tmp, args.toArray(String[]::new));
  }

  private static long spoolFiles(Path spool) throws IOException {
    if (!Files.isDirectory(spool)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(spool)) {
      return files.filter(p -> p.getFileName().toString().matches("\\d{16}-.*\\.json")).count();
    }
  }

  private Path printer(String name) throws IOException {
    Path cfg = Files.createDirectories(tmp.resolve(name)).resolve("printer.cfg");
    Files.writeString(
        cfg,
        "[printer]\nkinematics: corexy\n[stepper_x]\nstep_pin: PA1\n"
            + "[telemetry]\nenabled: True\n",
        StandardCharsets.UTF_8);
    return cfg;
  }
}
