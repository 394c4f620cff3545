package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Database;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every refusal: its status, an RFC 9457 problem naming the pointer and rule (never the value),
 * Retry-After where the client should come back, and nothing stored.
 */
class RejectionTest {
  private static final String CANARY = "CANARY-REJECT-7f3a9";

  @TempDir Path tmp;

  private CollectService server;
  private CollectSettings settings;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(CollectSettings.Builder b) {
    settings = b.build();
    server = CollectService.start(settings);
  }

  private void startDefault() throws Exception {
    start(Services.settings("sqlite", tmp));
  }

  private JsonNode problem(Http.Answer a, int status, String type) throws Exception {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.header("Content-Type")).startsWith("application/problem+json");
    JsonNode p = JsonMapper.shared().readTree(a.body());
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("type").asString()).isEqualTo("https://kalico.gg/telemetry/problems/" + type);
    assertThat(p.get("title").asString()).isNotBlank();
    assertThat(a.body()).doesNotContain(CANARY);
    assertThat(Database.count(settings, "report_keys")).isZero();
    assertThat(Database.count(settings, "daily_reports")).isZero();
    assertThat(Database.count(settings, "machines")).isZero();
    return p;
  }

  @Test
  void invalidJsonIs400() throws Exception {
    startDefault();
    problem(
        Http.post(
            server.collectUri(),
            ("{\"schema_version\": 1, \"x\": \"" + CANARY).getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json"),
        400,
        "json");
  }

  @Test
  void onlyUtf8WithoutAByteOrderMarkIsAccepted() throws Exception {
    startDefault();
    String json = Reports.json(Reports.canonical("utf-16-machine"));
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[bom.length + utf8.length];
    System.arraycopy(bom, 0, withBom, 0, bom.length);
    System.arraycopy(utf8, 0, withBom, bom.length, utf8.length);
    for (byte[] body :
        List.of(
            withBom,
            json.getBytes(StandardCharsets.UTF_16),
            json.getBytes(StandardCharsets.UTF_16LE),
            json.getBytes(StandardCharsets.UTF_16BE),
            json.getBytes(java.nio.charset.Charset.forName("UTF-32BE")))) {
      problem(
          Http.post(server.collectUri(), body, "Content-Type", "application/json"),
          400,
          "encoding");
    }
    // the same document in UTF-8 is accepted
    assertThat(Http.post(server.collectUri(), utf8, "Content-Type", "application/json").status())
        .isEqualTo(202);
  }

  @Test
  void aDocumentTheSchemaRejectsIs400NamingThePointerAndRuleButNotTheValue() throws Exception {
    startDefault();
    ObjectNode doc = Reports.canonical("m");
    ((ObjectNode) doc.get("system")).put("arch", CANARY + "-".repeat(80));
    ((ObjectNode) doc.get("software")).put("unexpected", CANARY);
    JsonNode p =
        problem(Http.postReport(server.collectUri(), Reports.json(doc), "k1"), 400, "schema");
    assertThat(p.get("violations").toString())
        .contains("{\"pointer\":\"/system/arch\",\"rule\":\"maxLength\"}")
        .contains("\"rule\":\"additionalProperties\"");
  }

  @Test
  void aKalicoReportTheSchemaRejectsIs400() throws Exception {
    startDefault();
    ObjectNode doc = Reports.kalico(CANARY);
    doc.put("cpu_info", 42);
    JsonNode p = problem(Http.postKalico(server.collectUri(), Reports.json(doc)), 400, "schema");
    assertThat(p.get("violations").toString()).contains("/cpu_info");
  }

  @Test
  void aLaterMajorIs415WithTheMajorsAcceptedAndAnUnknownShapeIs400() throws Exception {
    startDefault();
    ObjectNode doc = Reports.canonical("m");
    doc.put("schema_version", 99);
    Http.Answer later = Http.postReport(server.collectUri(), Reports.json(doc), "k2");
    JsonNode p = problem(later, 415, "schema-major");
    assertThat(p.get("detail").asString()).contains("accepts schema majors 1, not 99");
    assertThat(later.header("Telemetry-Schema-Majors")).isEqualTo("1");
    doc.put("schema_version", 0);
    JsonNode earlier =
        problem(Http.postReport(server.collectUri(), Reports.json(doc), "k4"), 400, "schema");
    assertThat(earlier.get("detail").asString()).contains("[1]");
    problem(
        Http.postReport(server.collectUri(), "{\"hello\": \"" + CANARY + "\"}", "k3"),
        400,
        "shape");
    problem(
        Http.postReport(server.collectUri(), Reports.json(Reports.canonical("m")), "not a key!"),
        400,
        "idempotency-key");
  }

  /**
   * Declared over the limit, a body is answered 413 before it is read. Sent over a plain socket
   * that writes the head and the first KiB, then reads: an HTTP client that writes the whole body
   * first can meet the connection closed after the answer (a broken pipe), which says nothing of
   * the service.
   */
  @Test
  void aBodyOverTheLimitOnTheWireIs413() throws Exception {
    startDefault();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /collect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + (CollectSettings.DEFAULT_MAX_REPORT_BYTES + 10)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] start = new byte[1024];
      Arrays.fill(start, (byte) ' ');
      out.write(start);
      out.flush();
      problem(readAnswer(s.getInputStream()), 413, "too-large");
    }
  }

  /** One HTTP/1.1 answer with a Content-Length, read off a socket. */
  private static Http.Answer readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed before the answer's head ended: " + head);
      }
      head.write(b);
      if (head.size() > 65_536) {
        throw new IOException("the answer's head is longer than 64 KiB");
      }
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers
            .computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).strip());
      }
    }
    int length =
        headers.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase("Content-Length"))
            .map(e -> Integer.parseInt(e.getValue().get(0)))
            .findFirst()
            .orElseThrow(() -> new IOException("the answer has no Content-Length"));
    return new Http.Answer(
        status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
  }

  @Test
  void aGzipBombIsCutOffWhileDecompressing() throws Exception {
    startDefault();
    // 128 MiB of spaces: about 128 KiB as sent, far more than the limit when expanded
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(wire)) {
      gz.write('{');
      byte[] spaces = new byte[1 << 20];
      Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 128; i++) {
        gz.write(spaces);
      }
    }
    assertThat(wire.size()).isLessThan(CollectSettings.DEFAULT_MAX_REPORT_BYTES);
    long before = usedHeap();
    problem(
        Http.post(
            server.collectUri(),
            wire.toByteArray(),
            "Content-Type",
            "application/json",
            "Content-Encoding",
            "gzip"),
        413,
        "too-large");
    assertThat(usedHeap() - before).as("heap grown by the bomb").isLessThan(128L << 20);
  }

  @Test
  void otherContentTypesAndEncodingsAre415() throws Exception {
    startDefault();
    String doc = Reports.json(Reports.canonical("m"));
    problem(
        Http.post(
            server.collectUri(),
            doc.getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "text/plain"),
        415,
        "content-type");
    problem(
        Http.post(
            server.collectUri(),
            doc.getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json",
            "Content-Encoding",
            "br"),
        415,
        "encoding");
  }

  @Test
  void pastTheRatePerAddressItIs429WithRetryAfter() throws Exception {
    start(Services.settings("sqlite", tmp).ratePerAddressPerMinute(2));
    String doc = Reports.json(Reports.canonical("m"));
    assertThat(Http.postReport(server.collectUri(), doc, UUID.randomUUID().toString()).status())
        .isEqualTo(202);
    assertThat(Http.postReport(server.collectUri(), doc, UUID.randomUUID().toString()).status())
        .isEqualTo(202);
    Http.Answer third = Http.postReport(server.collectUri(), doc, UUID.randomUUID().toString());
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.header("Retry-After")).isEqualTo("30");
    assertThat(JsonMapper.shared().readTree(third.body()).get("type").asString()).endsWith("/rate");
    assertThat(Database.count(settings, "report_keys")).isEqualTo(2);
  }

  @Test
  void pastTheInFlightCapItIs429() throws Exception {
    start(Services.settings("sqlite", tmp).maxInFlight(1));
    java.util.concurrent.CompletableFuture<Http.Answer> first;
    try (java.sql.Connection lock = Database.connect(settings);
        java.sql.Statement st = lock.createStatement()) {
      // another writer holds the database: the first report waits for its commit, in flight
      st.execute("BEGIN IMMEDIATE");
      first =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Http.postReport(
                      server.collectUri(),
                      Reports.json(Reports.canonical("m")),
                      UUID.randomUUID().toString());
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Http.Answer busy = null;
      for (int i = 0; i < 50 && (busy == null || busy.status() != 429); i++) {
        Thread.sleep(20);
        busy =
            Http.postReport(
                server.collectUri(),
                Reports.json(Reports.canonical("n")),
                UUID.randomUUID().toString());
      }
      assertThat(busy.status()).isEqualTo(429);
      assertThat(busy.header("Retry-After")).isEqualTo("1");
      assertThat(busy.body()).contains("/busy");
      st.execute("ROLLBACK");
    }
    assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isIn(202, 503);
    assertThat(Database.column(settings, "SELECT machine_id FROM report_keys")).hasSizeLessThan(2);
  }

  private static long usedHeap() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
