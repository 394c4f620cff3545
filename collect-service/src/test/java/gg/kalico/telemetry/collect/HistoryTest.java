package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.stats.PublishedList;
import gg.kalico.telemetry.collect.stats.Statistics;
import gg.kalico.telemetry.collect.testing.Database;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import gg.kalico.telemetry.core.testing.MutableClock;
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
 * The daily history of a fleet whose answers are known: each day recorded when it is over with
 * exactly what was published at its end, never changed afterwards, read back per list, per name and
 * per option, with the change since an earlier day beside each row. k = 3; a name two machines
 * report every day is a canary that must appear in no answer.
 */
class HistoryTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Instant DAY1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String CANARY = "gcode_macro CANARY_HISTORY";

  @TempDir Path tmp;

  private MutableClock clock;
  private CollectSettings settings;
  private CollectService server;

  @BeforeEach
  void start() throws Exception {
    clock = new MutableClock(DAY1);
    settings =
        Services.settings("sqlite", tmp)
            .clock(clock)
            .k(3)
            .activeWindow(Duration.ofDays(60))
            .ratePerAddressPerMinute(0)
            .build();
    server = CollectService.start(settings);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void send(String raw, String version, boolean oldSection, boolean canary)
      throws Exception {
    ObjectNode doc = Reports.canonical(raw);
    ((ObjectNode) doc.get("software")).put("version", version);
    ObjectNode config = doc.putObject("config");
    config.putArray("printer").add("kinematics");
    if (oldSection) {
      config.putArray("old_section").add("x");
    }
    if (canary) {
      config.putArray(CANARY);
    }
    assertThat(
            Http.postReport(server.collectUri(), Reports.json(doc), UUID.randomUUID().toString())
                .status())
        .isEqualTo(202);
  }

  private JsonNode api(String path) throws Exception {
    return Http.json(server.collectUri().resolve(path));
  }

  private static List<Object> values(JsonNode array) {
    List<Object> out = new ArrayList<>();
    array.forEach(
        v -> out.add(v.isNull() ? null : v.isNumber() ? (Object) v.asLong() : v.asString()));
    return out;
  }

  private static List<Object> pluck(JsonNode points, String field) {
    List<Object> out = new ArrayList<>();
    points.forEach(p -> out.add(p.get(field).isNull() ? null : p.get(field).asLong()));
    return out;
  }

  private void nextDay() {
    clock.advance(Duration.ofDays(1));
    server.statistics().refresh();
  }

  /** Days 1 to 3 with the changes the assertions count on; day 4 is today. */
  private void fourDays() throws Exception {
    send("A", "v1", true, true);
    send("B", "v1", true, true);
    send("C", "v1", true, false);
    server.statistics().refresh();
    clock.advance(Duration.ofDays(1));
    send("A", "v2", true, true);
    send("D", "v1", true, false);
    server.statistics().refresh();
    clock.advance(Duration.ofDays(1));
    send("B", "v2", false, true);
    send("C", "v2", false, false);
    server.statistics().refresh();
    nextDay();
  }

  @Test
  void eachDayIsRecordedExactlyAndNeverChanges() throws Exception {
    fourDays();
    JsonNode version = api("/api/v1/history/version?days=10");
    assertThat(values(version.get("days")))
        .containsExactly("2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04");
    assertThat(values(version.get("active_machines"))).containsExactly(3L, 4L, 4L, 4L);
    assertThat(values(version.get("reporting_machines"))).containsExactly(3L, 4L, 4L, 4L);
    // v2 on day 2 (A alone) and v1 from day 3 (D alone) are under k: the folded row
    assertThat(values(version.get("other"))).containsExactly(0L, 1L, 1L, 1L);
    assertThat(version.get("other_counts").asString()).isEqualTo("machines");
    assertThat(version.at("/series/0/name").asString()).isEqualTo("v2");
    assertThat(values(version.at("/series/0/machines"))).containsExactly(null, null, 3L, 3L);
    assertThat(version.at("/series/1/name").asString()).isEqualTo("v1");
    assertThat(values(version.at("/series/1/machines"))).containsExactly(3L, 3L, null, null);

    JsonNode old = api("/api/v1/history/sections/old_section?days=10");
    assertThat(old.get("points")).hasSize(4);
    assertThat(pluck(old.get("points"), "machines")).containsExactly(3L, 4L, null, null);
    assertThat(old.at("/points/1/reporting_machines").asLong()).isEqualTo(4);

    // deprecation impact: machines with [printer] that set kinematics, of machines with it
    JsonNode option = api("/api/v1/sections/printer/options/kinematics?days=10");
    assertThat(option.get("denominator").asString()).isEqualTo("machines with the section");
    assertThat(option.at("/points/0/machines").asLong()).isEqualTo(3);
    assertThat(option.at("/points/3/machines").asLong()).isEqualTo(4);
    assertThat(option.at("/points/3/reporting_machines").asLong()).isEqualTo(4);
    assertThat(
            Http.get(
                    server
                        .collectUri()
                        .resolve("/api/v1/sections/printer/options/kinematics?format=csv"))
                .body())
        .startsWith(
            "day,machines,reporting_machines,active_machines,window_days,k\n"
                + "2026-03-01,3,3,3,60,3\n");

    JsonNode activity = api("/api/v1/history?days=10");
    assertThat(pluck(activity.get("points"), "active_machines")).containsExactly(3L, 4L, 4L, 4L);
    assertThat(pluck(activity.get("points"), "new_machines")).containsExactly(3L, 1L, 0L, 0L);

    // today changes; the recorded days do not
    send("A", "v3", true, true);
    server.statistics().refresh();
    JsonNode again = api("/api/v1/history/version?days=10");
    // v2 is under k today (B and C): absent today, still there on day 3, the last recorded
    assertThat(again.at("/series/0/name").asString()).isEqualTo("v2");
    assertThat(values(again.at("/series/0/machines"))).containsExactly(null, null, 3L, null);
    assertThat(values(again.get("other"))).containsExactly(0L, 1L, 1L, 4L);

    String csv =
        Http.get(server.collectUri().resolve("/api/v1/history/version.csv?days=10")).body();
    assertThat(csv)
        .startsWith("day,name,machines,reporting_machines,active_machines," + "window_days,k\n")
        .contains("2026-03-01,v1,3,3,3,60,3\n", "2026-03-03,v2,3,4,4,60,3\n");

    for (String body : published()) {
      assertThat(body).doesNotContain("CANARY_HISTORY");
    }
  }

  @Test
  void aReportIdenticalToWhatIsCountedCostsNoStatisticsWork() throws Exception {
    send("A", "v1", true, false);
    server.statistics().refresh();
    long generation = server.statistics().current().generation();
    send("A", "v1", true, false);
    assertThat(Database.column(settings, "SELECT dirty FROM machines")).containsExactly("0");
    server.statistics().refresh();
    assertThat(server.statistics().current().generation()).isEqualTo(generation);
    send("A", "v2", true, false);
    assertThat(Database.column(settings, "SELECT dirty FROM machines")).containsExactly("1");
  }

  @Test
  void eachRowShowsItsChangeSinceThirtyDaysAgo() throws Exception {
    fourDays();
    clock.advance(Duration.ofDays(28));
    send("E", "v2", true, false);
    server.statistics().refresh();
    Http.Answer page = Http.get(server.collectUri().resolve("/"));
    assertThat(page.status()).isEqualTo(200);
    // 2026-04-01 - 30 days = 2026-03-02, a recorded day: printer had 4 machines, now 5
    assertThat(page.body())
        .contains("since 2026-03-02")
        .containsPattern(
            "href=\"/sections/printer\">printer</a></td>\\s*<td>5</td><td>100.0%"
                + "</td>\\s*<td class=\"change\">\\+1</td>");
    Http.Answer section = Http.get(server.collectUri().resolve("/sections/printer"));
    assertThat(section.body()).contains("data-trend=", "/sections/printer/options/kinematics");
    Http.Answer option =
        Http.get(server.collectUri().resolve("/sections/printer/options/kinematics"));
    assertThat(option.status()).isEqualTo(200);
    assertThat(option.body())
        .contains("5 of 5 machines with [printer] that set kinematics" + " (100.0%) today");
    Http.Answer module = Http.get(server.collectUri().resolve("/modules/old_section"));
    assertThat(module.status()).isEqualTo(200);
    assertThat(module.body()).contains("3 of 5 machines that reported modules");
  }

  @Test
  void theRepairRecountPublishesWhatTheIncrementalCountsDid() throws Exception {
    fourDays();
    send("A", "v3", false, true);
    server.statistics().refresh();
    List<String> before = stripTimes(published());
    Statistics.Recount r = server.statistics().recount();
    assertThat(r.machines()).isEqualTo(4);
    assertThat(stripTimes(published())).isEqualTo(before);
  }

  private static List<String> stripTimes(List<String> bodies) {
    return bodies.stream()
        .map(
            b ->
                b.replaceAll("\"computed_at\":\"[^\"]*\"", "").replaceAll("<time>[^<]*</time>", ""))
        .toList();
  }

  private List<String> published() throws Exception {
    List<String> paths =
        new ArrayList<>(
            List.of(
                "/",
                "/api/v1/history?days=10",
                "/api/v1/history.csv?days=10",
                "/api/v1/summary",
                "/api/v1/sections",
                "/sections/printer",
                "/api/v1/sections/printer/options"));
    for (PublishedList list : PublishedList.TOP_LEVEL) {
      paths.add("/api/v1/history/" + list.id() + "?top=1000&days=10");
      paths.add("/api/v1/history/" + list.id() + ".csv?top=1000&days=10");
      paths.add("/api/v1/history/" + list.id() + "/gcode_macro%20CANARY_HISTORY");
    }
    paths.add("/sections/gcode_macro%20CANARY_HISTORY");
    paths.add("/modules/gcode_macro");
    List<String> out = new ArrayList<>();
    for (String p : paths) {
      out.add(Http.get(server.collectUri().resolve(p)).body());
    }
    return out;
  }
}
