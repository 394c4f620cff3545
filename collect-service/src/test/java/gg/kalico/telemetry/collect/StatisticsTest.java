package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.stats.PublishedList;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import gg.kalico.telemetry.core.testing.MutableClock;
import gg.kalico.telemetry.spi.collector.MachineIdHash;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The statistics of a fleet whose answers are known, built here: machines that report twice, change
 * their config, stop reporting and expire, and report through both shapes. k = 3; every name that
 * only k - 1 machines reported is a canary that must appear in no answer (JSON, CSV, HTML), and the
 * same kind of name reported by k machines must appear.
 */
class StatisticsTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Instant DAY0 = Instant.parse("2026-03-01T10:00:00Z");

  /** Reported by k - 1 = 2 machines: never published. */
  private static final List<String> CANARIES =
      List.of(
          "gcode_macro CANARY_START",
          "canary_module_x",
          "CANARY-CPU-Model",
          "v9.9.9-canary",
          "canary_object",
          "canary_option",
          "canary_stale_section");

  @TempDir Path tmp;

  private MutableClock clock;
  private CollectService server;

  @BeforeEach
  void start() throws Exception {
    clock = new MutableClock(DAY0);
    server =
        CollectService.start(
            Services.settings("sqlite", tmp)
                .clock(clock)
                .k(3)
                .activeWindow(Duration.ofDays(30))
                .ratePerAddressPerMinute(0)
                .build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A canonical report for {@code raw} with these sections (each with options a, b). */
  private ObjectNode machine(
      String raw, String version, String cpu, List<String> sections, List<String> objects)
      throws Exception {
    ObjectNode doc = Reports.canonical(raw);
    ((ObjectNode) doc.get("software")).put("version", version);
    ((ObjectNode) doc.at("/system/cpu")).put("model", cpu);
    ObjectNode config = doc.putObject("config");
    for (String s : sections) {
      config.putArray(s).add("a").add("b");
    }
    var list = doc.putArray("objects");
    objects.forEach(list::add);
    doc.remove("extensions");
    return doc;
  }

  private void send(ObjectNode doc) throws Exception {
    assertThat(
            Http.postReport(server.collectUri(), Reports.json(doc), UUID.randomUUID().toString())
                .status())
        .isEqualTo(202);
  }

  private JsonNode api(String path) throws Exception {
    return Http.json(server.collectUri().resolve(path));
  }

  private static long count(JsonNode list, String name) {
    for (JsonNode item : list.get("items")) {
      if (item.get("name").asString().equals(name)) {
        return item.get("machines").asLong();
      }
    }
    return 0;
  }

  @Test
  void theNumbersAreExactAndNothingUnderTheThresholdIsPublished() throws Exception {
    // day 0: E reports and is never heard from again; it expires before the end
    send(
        machine(
            "E",
            "v0.12.0",
            "Cortex-A53",
            List.of("printer", "canary_stale_section", "canary_stale_section 2"),
            List.of("gcode")));
    clock.advance(Duration.ofDays(25));
    // day 25: A reports with an old config, then changes it the same day
    send(
        machine(
            "A",
            "v0.12.0",
            "Cortex-A72",
            List.of("printer", "stepper_x", "canary_stale_section"),
            List.of("gcode", "toolhead")));
    send(
        machine(
            "A",
            "v0.13.0",
            "Cortex-A72",
            List.of(
                "printer",
                "stepper_x",
                "gcode_macro SHARED",
                "gcode_macro CANARY_START",
                "canary_module_x one"),
            List.of("gcode", "toolhead", "canary_object")));
    clock.advance(Duration.ofDays(6));
    // day 31: B, C, D (D twice), and F through Kalico's shape and this client's
    send(
        machine(
            "B",
            "v0.13.0",
            "CANARY-CPU-Model",
            List.of(
                "printer",
                "stepper_x",
                "gcode_macro SHARED",
                "gcode_macro CANARY_START",
                "canary_module_x two"),
            List.of("gcode", "toolhead", "canary_object")));
    send(
        machine(
            "C",
            "v9.9.9-canary",
            "CANARY-CPU-Model",
            List.of("printer", "stepper_x", "gcode_macro SHARED"),
            List.of("gcode", "toolhead")));
    ObjectNode d =
        machine(
            "D",
            "v9.9.9-canary",
            "Cortex-A72",
            List.of("printer", "stepper_x", "gcode_macro OWN"),
            List.of("gcode"));
    send(d);
    send(d);
    ObjectNode f = Reports.kalico("F-raw-id");
    f.putObject("config").putArray("printer").add("a").add("canary_option");
    ((ObjectNode) f.get("config")).putArray("stepper_x").add("a").add("canary_option");
    assertThat(Http.postKalico(server.collectUri(), Reports.json(f)).status()).isEqualTo(202);
    ObjectNode fOurs =
        machine(
            "F-raw-id",
            "v0.13.0",
            "Cortex-A72",
            List.of("printer", "stepper_x"),
            List.of("gcode", "toolhead"));
    ((ObjectNode) fOurs.get("config")).putArray("stepper_x").add("a").add("canary_option");
    send(fOurs);
    assertThat(fOurs.at("/machine/id").asString()).isEqualTo(MachineIdHash.of("F-raw-id"));
    // G reports through Kalico's shape, is counted, then its owner erases it: it counts nowhere
    ObjectNode g = Reports.kalico("G-raw-id");
    g.putObject("config").putArray("gcode_macro SHARED").add("a");
    assertThat(Http.postKalico(server.collectUri(), Reports.json(g)).status()).isEqualTo(202);
    server.statistics().refresh();
    assertThat(api("/api/v1/summary").get("active_machines").asLong()).isEqualTo(6);
    assertThat(count(api("/api/v1/sections").get("sections"), "gcode_macro SHARED")).isEqualTo(4);
    String proof =
        "{\"machine_id\":\""
            + MachineIdHash.of("G-raw-id")
            + "\",\"secret\":\""
            + gg.kalico.telemetry.spi.collector.MachineOwner.secret("G-raw-id")
            + "\"}";
    assertThat(
            Http.post(
                    server.collectUri().resolve("/machine/erase"),
                    proof.getBytes(StandardCharsets.UTF_8),
                    "Content-Type",
                    "application/json")
                .status())
        .isEqualTo(200);
    server.statistics().refresh();

    // active: A (day 25), B, C, D, F; E expired (31 days > 30); G erased
    JsonNode summary = api("/api/v1/summary");
    assertThat(summary.get("active_machines").asLong()).isEqualTo(5);
    assertThat(summary.get("k").asInt()).isEqualTo(3);
    assertThat(summary.get("window_days").asInt()).isEqualTo(30);
    assertThat(summary.get("computed_at").asString()).isEqualTo(clock.instant().toString());

    JsonNode sections = api("/api/v1/sections");
    assertThat(count(sections.get("sections"), "printer")).isEqualTo(5);
    assertThat(count(sections.get("sections"), "stepper_x")).isEqualTo(5);
    assertThat(count(sections.get("sections"), "gcode_macro SHARED")).isEqualTo(3);
    // folded: gcode_macro CANARY_START (A, B), canary_module_x one (A), canary_module_x two (B),
    // gcode_macro OWN (D): five mentions; how many names they are is not published
    assertThat(sections.at("/sections/other/mentions").asLong()).isEqualTo(5);
    assertThat(sections.at("/sections/other").has("names")).isFalse();
    assertThat(sections.at("/sections/reporting_machines").asLong()).isEqualTo(5);
    // modules: every gcode_macro name counts, even those folded as full names
    assertThat(count(sections.get("modules"), "gcode_macro")).isEqualTo(4);
    assertThat(sections.at("/modules/other/mentions").asLong()).isEqualTo(2); // canary_module_x

    JsonNode options = api("/api/v1/sections/stepper_x/options");
    assertThat(options.get("section_machines").asLong()).isEqualTo(5);
    assertThat(count(options.get("options"), "a")).isEqualTo(5);
    assertThat(count(options.get("options"), "b")).isEqualTo(4);
    assertThat(options.at("/options/other/mentions").asLong()).isEqualTo(1); // canary_option: F

    JsonNode software = api("/api/v1/software");
    assertThat(count(software.get("version"), "v0.13.0")).isEqualTo(3); // A, B, F (F's latest)
    assertThat(software.at("/version/items/0/share").asDouble()).isEqualTo(0.6);
    // one version per machine: the folded row counts machines (C and D's canary version)
    assertThat(software.at("/version/other/machines").asLong()).isEqualTo(2);
    assertThat(count(api("/api/v1/objects").get("objects"), "toolhead")).isEqualTo(4);
    assertThat(count(api("/api/v1/systems").get("cpu"), "Cortex-A72")).isEqualTo(3);

    // the day the service started (recorded when it ended: nothing counted yet) and today
    JsonNode history = api("/api/v1/history").get("points");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("day").asString()).isEqualTo("2026-03-01");
    assertThat(history.get(0).get("active_machines").asLong()).isZero();
    assertThat(history.get(0).get("new_machines").asLong()).isEqualTo(1); // E
    assertThat(history.get(1).get("day").asString()).isEqualTo("2026-04-01");
    assertThat(history.get(1).get("active_machines").asLong()).isEqualTo(5);
    assertThat(history.get(1).get("new_machines").asLong()).isEqualTo(4); // B, C, D, F; not G

    assertThat(
            api("/api/v1/sections/"
                    + URLEncoder.encode("gcode_macro SHARED", StandardCharsets.UTF_8)
                        .replace("+", "%20")
                    + "/options")
                .get("section")
                .asString())
        .isEqualTo("gcode_macro SHARED");
    Http.Answer folded =
        Http.get(
            server
                .collectUri()
                .resolve("/api/v1/sections/" + "gcode_macro%20CANARY_START/options"));
    Http.Answer unknown = Http.get(server.collectUri().resolve("/api/v1/sections/nothing/options"));
    assertThat(folded.status()).isEqualTo(404);
    assertThat(folded.body()).isEqualTo(unknown.body());

    String everything = String.join("\n", published());
    for (String canary : CANARIES) {
      assertThat(everything).as("published").doesNotContain(canary);
    }
    assertThat(everything)
        .contains("gcode_macro SHARED", "other names (5 mentions)", "other (2 machines)");
  }

  @Test
  void aNameReportedByKMachinesIsPublished() throws Exception {
    for (String m : List.of("x", "y", "z")) {
      send(
          machine(
              m,
              "v9.9.9-canary",
              "CANARY-CPU-Model",
              List.of("gcode_macro CANARY_START"),
              List.of("canary_object")));
    }
    server.statistics().refresh();
    String everything = String.join("\n", published());
    assertThat(everything)
        .contains("gcode_macro CANARY_START", "v9.9.9-canary", "CANARY-CPU-Model", "canary_object");
  }

  /** Every answer a visitor can get: JSON, CSV and HTML. */
  private List<String> published() throws Exception {
    List<String> paths =
        new ArrayList<>(
            List.of(
                "/api/v1/summary",
                "/api/v1/history",
                "/api/v1/history.csv",
                "/api/v1/systems",
                "/api/v1/software",
                "/api/v1/sections",
                "/api/v1/objects",
                "/api/v1/extensions",
                "/",
                "/sections/stepper_x",
                "/api/v1/sections/stepper_x/options",
                "/api/v1/sections/stepper_x/options.csv",
                "/sections/gcode_macro%20CANARY_START",
                "/api/v1/sections/gcode_macro%20CANARY_START/options"));
    for (PublishedList list : PublishedList.TOP_LEVEL) {
      paths.add("/api/v1/lists/" + list.id() + ".csv");
      paths.add("/api/v1/history/" + list.id() + "?top=1000");
      paths.add("/api/v1/history/" + list.id() + ".csv?top=1000");
    }
    for (String canary : CANARIES) {
      String c = URLEncoder.encode(canary, StandardCharsets.UTF_8).replace("+", "%20");
      for (PublishedList list : PublishedList.TOP_LEVEL) {
        paths.add("/api/v1/history/" + list.id() + "/" + c);
        paths.add("/" + list.id() + "/" + c);
      }
      paths.add("/api/v1/sections/stepper_x/options/" + c);
      paths.add("/sections/stepper_x/options/" + c);
    }
    List<String> bodies = new ArrayList<>();
    URI base = server.collectUri();
    for (String p : paths) {
      bodies.add(Http.get(base.resolve(p)).body());
    }
    return bodies;
  }
}
