package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.stats.PublishedList;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import gg.kalico.telemetry.core.testing.MutableClock;
import gg.kalico.telemetry.spi.collector.MachineIdHash;
import gg.kalico.telemetry.spi.collector.MachineOwner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The incremental counts equal a full recount after a long random sequence of what machines do:
 * report, change their config or version, report the same again, report through Kalico's own shape,
 * fall silent past the window and come back, are erased by their owner (and may report again), with
 * refreshes at random moments. Checked on SQLite, on PostgreSQL, and with two nodes over one
 * PostgreSQL receiving the sequence split between them (the same machine on both at the same moment
 * included). Every failure names its seed: {@code -Dseed=N} replays it.
 */
class IncrementalEqualsRecountTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String[] VERSIONS = {"v1", "v2", "v3", "v4"};
  private static final String[] SECTIONS = {
    "printer",
    "stepper_x",
    "stepper_y",
    "extruder",
    "gcode_macro START",
    "tmc2209 stepper_x",
    "bed_mesh"
  };
  private static final String[] OPTIONS = {"a", "b", "c"};
  private static final int MACHINES = 30;
  private static final int EVENTS = 240;

  @TempDir Path tmp;

  private final List<CollectService> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(CollectService::close);
  }

  @Test
  void onSqlite() throws Exception {
    runSeeds("sqlite", 3);
  }

  @Test
  void onPostgres() throws Exception {
    runSeeds("postgresql", 2);
  }

  @Test
  void onTwoNodesOverOnePostgres() throws Exception {
    run(seeds(1).get(0), "postgresql", 2, tmp);
  }

  private void runSeeds(String store, int n) throws Exception {
    for (long seed : seeds(n)) {
      servers.forEach(CollectService::close);
      servers.clear();
      run(seed, store, 1, tmp.resolve(store + seed));
    }
  }

  private static List<Long> seeds(int n) {
    String fixed = System.getProperty("seed");
    if (fixed != null) {
      return List.of(Long.parseLong(fixed));
    }
    List<Long> out = new ArrayList<>();
    Random r = new Random();
    for (int i = 0; i < n; i++) {
      out.add(r.nextLong());
    }
    return out;
  }

  private void run(long seed, String store, int nodes, Path dir) throws Exception {
    Random r = new Random(seed);
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    CollectSettings.Builder settings =
        Services.settings(store, dir)
            .clock(clock)
            .k(2)
            .activeWindow(Duration.ofDays(5))
            .ratePerAddressPerMinute(0)
            .statisticsInterval(Duration.ofHours(1));
    for (int i = 0; i < nodes; i++) {
      servers.add(CollectService.start(settings.build()));
    }
    Map<Integer, ObjectNode> last = new HashMap<>();
    for (int event = 0; event < EVENTS; event++) {
      int what = r.nextInt(100);
      if (what < 55) {
        int m = r.nextInt(MACHINES);
        ObjectNode doc = last.containsKey(m) && r.nextInt(3) == 0 ? last.get(m) : document(m, r);
        last.put(m, doc);
        send(servers.get(r.nextInt(nodes)), doc, m, r.nextInt(8) == 0);
      } else if (what < 65) {
        // the same machine's new document on every node at once
        int m = r.nextInt(MACHINES);
        ObjectNode doc = document(m, r);
        last.put(m, doc);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (CollectService s : servers) {
          all.add(CompletableFuture.runAsync(() -> send(s, doc, m, false)));
        }
        for (CompletableFuture<Void> f : all) {
          f.get(30, TimeUnit.SECONDS);
        }
      } else if (what < 80) {
        clock.advance(Duration.ofMinutes(30 + r.nextInt(3 * 24 * 60)));
      } else if (what < 90) {
        servers.get(r.nextInt(nodes)).statistics().refresh();
      } else if (what < 95) {
        // the owner erases the machine (or finds nothing held); it may report again later
        int m = r.nextInt(MACHINES);
        erase(servers.get(r.nextInt(nodes)), m);
        last.remove(m);
      }
      if (event % 80 == 79) {
        compare(seed, event);
      }
    }
  }

  /** Brings every node up to date, then checks that a recount publishes the same numbers. */
  private void compare(long seed, int event) throws Exception {
    servers.forEach(s -> s.statistics().refresh());
    List<String> incremental = published(servers.get(0));
    for (CollectService other : servers.subList(1, servers.size())) {
      assertThat(published(other))
          .as("seed %d, event %d: node 2 publishes what node 1 does", seed, event)
          .isEqualTo(incremental);
    }
    servers.get(servers.size() - 1).statistics().recount();
    servers.forEach(s -> s.statistics().refresh());
    assertThat(published(servers.get(0)))
        .as("seed %d, event %d: after a full recount", seed, event)
        .isEqualTo(incremental);
  }

  private static ObjectNode document(int m, Random r) throws Exception {
    ObjectNode doc = Reports.canonical("machine-" + m);
    ((ObjectNode) doc.get("software")).put("version", VERSIONS[r.nextInt(VERSIONS.length)]);
    ObjectNode config = doc.putObject("config");
    for (String section : SECTIONS) {
      if (r.nextInt(3) > 0) {
        var options = config.putArray(section);
        for (String o : OPTIONS) {
          if (r.nextBoolean()) {
            options.add(o);
          }
        }
      }
    }
    if (r.nextInt(4) == 0) {
      config.putArray("rare_" + m); // one machine's own section: always folded
    }
    var objects = doc.putArray("objects");
    for (String o : List.of("gcode", "toolhead", "heaters", "bed_mesh")) {
      if (r.nextBoolean()) {
        objects.add(o);
      }
    }
    return doc;
  }

  /** Sends a machine's document, as this project's client does or in Kalico's own shape. */
  private static void send(CollectService server, ObjectNode doc, int m, boolean kalicoShape) {
    try {
      Http.Answer a;
      if (kalicoShape) {
        ObjectNode k = Reports.kalico("machine-" + m);
        k.set("config", doc.get("config"));
        k.set("objects", doc.get("objects"));
        k.put("version", doc.at("/software/version").asString());
        a = Http.postKalico(server.collectUri(), Reports.json(k));
      } else {
        a =
            Http.post(
                server.collectUri(),
                Http.gzip(Reports.json(doc).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "Content-Type",
                "application/json",
                "Content-Encoding",
                "gzip",
                "Idempotency-Key",
                UUID.randomUUID().toString(),
                "Telemetry-Owner",
                MachineOwner.image(MachineOwner.secret("machine-" + m)));
      }
      assertThat(a.status()).isEqualTo(202);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Erases a machine as its owner does; nothing held is as good an answer. */
  private static void erase(CollectService server, int m) {
    try {
      String proof =
          "{\"machine_id\":\""
              + MachineIdHash.of("machine-" + m)
              + "\",\"secret\":\""
              + MachineOwner.secret("machine-" + m)
              + "\"}";
      Http.Answer a =
          Http.post(
              server.collectUri().resolve("/machine/erase"),
              proof.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              "Content-Type",
              "application/json");
      assertThat(a.status()).as(a.body()).isIn(200, 404);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every current answer: each group of lists, and each shown section's options. */
  private static List<String> published(CollectService server) throws Exception {
    List<String> out = new ArrayList<>();
    List<String> paths = new ArrayList<>(List.of("/api/v1/summary"));
    for (PublishedList.Group g : PublishedList.Group.values()) {
      paths.add("/api/v1/" + g.path());
    }
    JsonNode sections =
        JSON.readTree(Http.get(server.collectUri().resolve("/api/v1/sections")).body());
    for (JsonNode item : sections.at("/sections/items")) {
      paths.add(
          "/api/v1/sections/"
              + URLEncoder.encode(item.get("name").asString(), StandardCharsets.UTF_8)
                  .replace("+", "%20")
              + "/options");
    }
    for (String p : paths) {
      out.add(
          Http.get(server.collectUri().resolve(p))
              .body()
              .replaceAll("\"computed_at\":\"[^\"]*\",", ""));
    }
    return out;
  }
}
