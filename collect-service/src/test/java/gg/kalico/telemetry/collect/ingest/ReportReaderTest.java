package gg.kalico.telemetry.collect.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.collect.store.Deflated;
import gg.kalico.telemetry.collect.store.IncomingReport;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.spi.collector.MachineIdHash;
import gg.kalico.telemetry.spi.collector.MachineOwner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reader on its own, without a server: what it accepts and how it names the machine, what it
 * refuses and with which status and reason, and how it reads a later minor or a later major.
 */
class ReportReaderTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");
  private static final String OWNER = "a".repeat(64);

  private final List<int[]> later = new ArrayList<>();
  private final ReportReader reader =
      new ReportReader(
          SchemaCatalog.published(), (kept, dropped) -> later.add(new int[] {kept, dropped}));

  private static byte[] bytes(JsonNode doc) {
    return JSON.writeValueAsBytes(doc);
  }

  private static JsonNode stored(IncomingReport r) {
    return JSON.readTree(Deflated.json(r.deflatedDocument()));
  }

  private static Rejection refused(Runnable read) {
    try {
      read.run();
    } catch (Rejection r) {
      return r;
    }
    throw new AssertionError("read was not refused");
  }

  @Test
  void aCanonicalReportIsStoredAsSentNamedByItsMachineId() throws Exception {
    ObjectNode doc = Reports.canonical("raw-1");
    IncomingReport r = reader.read(bytes(doc), "key-1", OWNER, null, NOW);
    assertThat(r.reportKey()).isEqualTo("key-1");
    assertThat(r.machineId()).isEqualTo(MachineIdHash.of("raw-1"));
    assertThat(r.schemaMajor()).isEqualTo(1);
    assertThat(r.source()).isEqualTo("canonical");
    assertThat(r.ownerImage()).isEqualTo(OWNER);
    assertThat(r.receivedAt()).isEqualTo(NOW);
    assertThat(stored(r)).isEqualTo(doc);
    assertThat(r.documentSha256()).matches("[0-9a-f]{64}");
    assertThat(later).isEmpty();
  }

  @Test
  void kalicosOwnReportIsMappedAndItsRawIdNeverStored() {
    ObjectNode kalico = Reports.kalico("raw-kalico-7");
    IncomingReport r = reader.read(bytes(kalico), null, null, null, NOW);
    assertThat(r.source()).isEqualTo("kalico");
    assertThat(r.machineId()).isEqualTo(MachineIdHash.of("raw-kalico-7"));
    assertThat(r.ownerImage()).isEqualTo(MachineOwner.image(MachineOwner.secret("raw-kalico-7")));
    assertThat(r.reportKey()).matches("[0-9a-f-]{36}");
    JsonNode doc = stored(r);
    assertThat(doc.toString()).doesNotContain("raw-kalico-7");
    assertThat(doc.get("config").has("stepper_x")).isTrue();
    assertThat(doc.at("/system/arch").asString()).isEqualTo("aarch64");
    assertThat(r.schemaMajor()).isEqualTo(IncomingReport.KALICO_SHAPE);
    // the whole stored document, in the canonical order: what the mapping and the receiver add
    assertThat(doc.toString())
        .isEqualTo(
            "{\"schema_version\":1,\"machine\":{\"id\":\""
                + MachineIdHash.of("raw-kalico-7")
                + "\",\"id_source\":\"generated\"},\"system\":{\"arch\":\"aarch64\","
                + "\"os_release\":{\"NAME\":\"Debian GNU/Linux\",\"ID\":\"debian\","
                + "\"VERSION_ID\":\"12\"},\"kernel_build\":\"#1 SMP PREEMPT Debian"
                + " 6.1.0-21-arm64\",\"runtime\":{\"name\":\"python\",\"version\":\"3.11.2\"},"
                + "\"cpu\":{\"model\":\"Cortex-A72\",\"cores\":4}},\"software\":{\"version\":"
                + "\"v0.12.0-527-g79013da3\",\"branch\":\"main\",\"source\":\"host\"},"
                + "\"config\":{\"printer\":[\"kinematics\",\"max_velocity\"],\"stepper_x\":"
                + "[\"step_pin\",\"dir_pin\"]},\"objects\":[\"gcode\",\"toolhead\"]}");
  }

  @Test
  void malformedRequestsAre400WithAReason() throws Exception {
    byte[] valid = bytes(Reports.canonical("raw-2"));
    assertThat(
            refused(() -> reader.read("{".getBytes(StandardCharsets.UTF_8), null, null, null, NOW)))
        .satisfies(r -> assertThat(r.reason()).isEqualTo("json"));
    assertThat(
            refused(
                    () ->
                        reader.read("[1]".getBytes(StandardCharsets.UTF_8), null, null, null, NOW))
                .reason())
        .isEqualTo("json");
    assertThat(
            refused(
                    () ->
                        reader.read(
                            "{\"hello\": 1}".getBytes(StandardCharsets.UTF_8),
                            null,
                            null,
                            null,
                            NOW))
                .reason())
        .isEqualTo("shape");
    assertThat(refused(() -> reader.read(valid, "not a key!", null, null, NOW)).reason())
        .isEqualTo("idempotency_key");
    assertThat(refused(() -> reader.read(valid, null, "not-an-image", null, NOW)).reason())
        .isEqualTo("owner");
    byte[] utf16 = new String(valid, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE);
    assertThat(refused(() -> reader.read(utf16, null, null, null, NOW)).reason())
        .isEqualTo("encoding");
  }

  @Test
  void whatTheSchemaRefusesIsNamedByPointerAndRule() throws Exception {
    ObjectNode doc = Reports.canonical("raw-3");
    ((ObjectNode) doc.at("/system/cpu")).put("cores", "four");
    Rejection r = refused(() -> reader.read(bytes(doc), null, null, null, NOW));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.violations())
        .extracting(Rejection.Violation::pointer)
        .contains("/system/cpu/cores");
    ObjectNode noId = Reports.canonical("raw-4");
    ((ObjectNode) noId.get("machine")).remove("id");
    assertThat(refused(() -> reader.read(bytes(noId), null, null, null, NOW)).status())
        .isEqualTo(400);
  }

  @Test
  void aLaterMinorsFieldsAreSetAsideKeptAndCountedAnEarlierClaimIsStrict() throws Exception {
    int minor = SchemaCatalog.published().minor(1);
    ObjectNode doc = Reports.canonical("raw-5");
    ((ObjectNode) doc.at("/system/cpu")).put("governor", "performance");
    IncomingReport r = reader.read(bytes(doc), null, null, "1." + (minor + 1), NOW);
    assertThat(stored(r).at("/system/cpu/governor").asString()).isEqualTo("performance");
    assertThat(later).hasSize(1);
    assertThat(later.get(0)).containsExactly(1, 0);

    Rejection strict = refused(() -> reader.read(bytes(doc), null, null, "1." + minor, NOW));
    assertThat(strict.violations())
        .extracting(Rejection.Violation::pointer)
        .contains("/system/cpu/governor");
    assertThat(refused(() -> reader.read(bytes(doc), null, null, null, NOW)).status())
        .isEqualTo(400);
    assertThat(refused(() -> reader.read(bytes(doc), null, null, "1.x", NOW)).reason())
        .isEqualTo("schema_claim");
    assertThat(refused(() -> reader.read(bytes(doc), null, null, "2.0", NOW)).reason())
        .isEqualTo("schema_claim");
  }

  @Test
  void overTheBoundALaterMinorsFieldsAreDroppedAndTheReportKept() throws Exception {
    ObjectNode doc = Reports.canonical("raw-6");
    ((ObjectNode) doc.get("system")).put("notes", "x".repeat(ReportReader.MAX_LATER_BYTES));
    IncomingReport r = reader.read(bytes(doc), null, null, "1.999", NOW);
    assertThat(stored(r).path("system").has("notes")).isFalse();
    assertThat(later.get(0)).containsExactly(0, 1);
  }

  @Test
  void aLaterMajorIs415NamingTheMajorsAccepted() throws Exception {
    ObjectNode doc = Reports.canonical("raw-8");
    doc.put("schema_version", 2);
    Rejection r = refused(() -> reader.read(bytes(doc), null, null, null, NOW));
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.acceptedMajors()).isEqualTo("1");
    doc.put("schema_version", 0);
    assertThat(refused(() -> reader.read(bytes(doc), null, null, null, NOW)).status())
        .isEqualTo(400);
    assertThatThrownBy(() -> reader.read(bytes(doc), null, null, null, NOW))
        .isInstanceOf(Rejection.class)
        .hasMessageContaining("[1]");
  }
}
