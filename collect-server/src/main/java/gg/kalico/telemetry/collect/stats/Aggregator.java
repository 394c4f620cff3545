package gg.kalico.telemetry.collect.stats;

import gg.kalico.telemetry.collect.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Computes a {@link Snapshot} from the one-row-per-machine state: every active machine's current
 * document is read once, each list counts distinct machines per name, and every list is folded
 * at the threshold k before anything leaves this class. Section options are counted in a second
 * pass, only for the sections that are shown.
 */
public final class Aggregator {
  /** The published lists. */
  public static final List<String> LISTS = List.of("arch", "os", "runtime", "cpu", "board",
      "version", "branch", "sections", "modules", "objects", "extensions", "macro_packs");

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String ACTIVE =
      "SELECT document FROM machines WHERE last_seen >= ? ORDER BY machine_id";

  private final Store store;
  private final Clock clock;
  private final Duration window;
  private final int k;

  public Aggregator(Store store, Clock clock, Duration window, int k) {
    if (k < 2) {
      throw new IllegalArgumentException("the privacy threshold k must be at least 2");
    }
    this.store = store;
    this.clock = clock;
    this.window = window;
    this.k = k;
  }

  /** Reads the store and aggregates. */
  public Snapshot compute() throws SQLException {
    Instant now = clock.instant();
    long cutoff = now.minus(window).toEpochMilli();
    Map<String, NameCounter> counters = new LinkedHashMap<>();
    LISTS.forEach(l -> counters.put(l, new NameCounter(k)));
    int machines = scan(cutoff, (doc, m) -> count(doc, m, counters));
    Map<String, RankedList> lists = new LinkedHashMap<>();
    counters.forEach((name, c) -> lists.put(name, c.fold()));

    Set<String> shownSections = new HashSet<>();
    lists.get("sections").shown().forEach(n -> shownSections.add(n.name()));
    Map<String, NameCounter> options = new HashMap<>();
    scan(cutoff, (doc, m) -> doc.path("config").properties().forEach(section -> {
      if (shownSections.contains(section.getKey())) {
        NameCounter c = options.computeIfAbsent(section.getKey(), s -> new NameCounter(k));
        section.getValue().forEach(o -> c.add(o.asString(), m));
      }
    }));
    Map<String, RankedList> sectionOptions = new HashMap<>();
    shownSections.forEach(s -> sectionOptions.put(s,
        options.containsKey(s) ? options.get(s).fold() : RankedList.EMPTY));
    List<Snapshot.DayPoint> history = History.record(store, now, machines, window);
    return new Snapshot(now, window, k, machines, lists, sectionOptions, history);
  }

  /**
   * The scan yields the processor briefly every {@value #PAUSE_EVERY} machines: it is a
   * background job, and on a small machine a burst of it would show as latency in the ingest
   * answers. Slower aggregation, same result.
   */
  private static final int PAUSE_EVERY = 200;

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("aggregation interrupted", e);
    }
  }

  private interface Visitor {
    void visit(JsonNode document, int machine);
  }

  /** Visits every active machine's document in a stable order; returns how many. */
  private int scan(long cutoff, Visitor visitor) throws SQLException {
    try (Connection c = store.dataSource().getConnection();
        PreparedStatement q = c.prepareStatement(ACTIVE)) {
      if (!store.sqlite()) {
        c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      }
      q.setFetchSize(500);
      q.setLong(1, cutoff);
      int machine = 0;
      try (ResultSet rows = q.executeQuery()) {
        while (rows.next()) {
          visitor.visit(JSON.readTree(rows.getString(1)), machine++);
          if (machine % PAUSE_EVERY == 0) {
            pause();
          }
        }
      }
      if (!store.sqlite()) {
        c.commit();
      }
      return machine;
    }
  }

  private static void count(JsonNode doc, int m, Map<String, NameCounter> counters) {
    JsonNode system = doc.path("system");
    add(counters, "arch", m, system.path("arch"));
    JsonNode os = system.path("os_release");
    if (os.has("ID")) {
      counters.get("os").add(os.get("ID").asString()
          + (os.has("VERSION_ID") ? " " + os.get("VERSION_ID").asString() : ""), m);
    }
    JsonNode runtime = system.path("runtime");
    if (runtime.has("name")) {
      counters.get("runtime").add(runtime.get("name").asString() + " "
          + runtime.path("version").asString(""), m);
    }
    add(counters, "cpu", m, system.path("cpu").path("model"));
    JsonNode extensions = doc.path("extensions");
    add(counters, "board", m, extensions.path("board").path("model"));
    add(counters, "version", m, doc.path("software").path("version"));
    add(counters, "branch", m, doc.path("software").path("branch"));
    for (var section : doc.path("config").properties()) {
      counters.get("sections").add(section.getKey(), m);
      counters.get("modules").add(module(section.getKey()), m);
    }
    doc.path("objects").forEach(o -> counters.get("objects").add(o.asString(), m));
    extensions.propertyNames().forEach(key -> counters.get("extensions").add(key, m));
    extensions.path("macro-packs").path("packs")
        .forEach(p -> counters.get("macro_packs").add(p.asString(), m));
  }

  private static void add(Map<String, NameCounter> counters, String list, int m, JsonNode v) {
    if (v.isString() && !v.asString().isEmpty()) {
      counters.get(list).add(v.asString(), m);
    }
  }

  /** A section's module: its first word ({@code tmc2209 stepper_x} is module {@code tmc2209}). */
  static String module(String section) {
    String s = section.strip();
    int space = s.indexOf(' ');
    return space < 0 ? s : s.substring(0, space);
  }

  /** Today, in UTC. */
  static LocalDate day(Instant at) {
    return at.atZone(ZoneOffset.UTC).toLocalDate();
  }
}
