package gg.kalico.telemetry.collect.web;

import gg.kalico.telemetry.collect.stats.NameCount;
import gg.kalico.telemetry.collect.stats.RankedList;
import gg.kalico.telemetry.collect.stats.Snapshot;
import gg.kalico.telemetry.collect.stats.Statistics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The statistics as JSON under {@code /api/v1/} and as CSV: every answer says its window, when it
 * was computed and the threshold k, and holds only names at least k active machines reported.
 */
public final class StatsApi {
  private static final JsonMapper JSON = JsonMapper.shared();
  /** Groups of lists, by the API path that serves them. */
  static final Map<String, List<String>> GROUPS = Map.of(
      "systems", List.of("arch", "os", "runtime", "cpu", "board"),
      "software", List.of("version", "branch"),
      "sections", List.of("sections", "modules"),
      "objects", List.of("objects"),
      "extensions", List.of("extensions", "macro_packs"));

  private final Statistics statistics;

  public StatsApi(Statistics statistics) {
    this.statistics = statistics;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/summary", ctx -> json(ctx, summary(statistics.current())));
    routes.get("/api/v1/history", ctx -> json(ctx, history(statistics.current())));
    routes.get("/api/v1/history.csv", ctx -> csv(ctx, historyCsv(statistics.current())));
    GROUPS.forEach((group, lists) -> routes.get("/api/v1/" + group, ctx -> {
      Snapshot s = statistics.current();
      ObjectNode out = header(s);
      lists.forEach(l -> out.set(l, list(s, s.list(l))));
      json(ctx, out);
    }));
    routes.get("/api/v1/lists/{list}.csv", ctx -> {
      String list = ctx.pathParam("list");
      if (!gg.kalico.telemetry.collect.stats.Aggregator.LISTS.contains(list)) {
        ctx.status(404).result("no such list");
        return;
      }
      Snapshot s = statistics.current();
      csv(ctx, listCsv(s, s.list(list)));
    });
    routes.get("/api/v1/sections/{name}/options", ctx -> {
      Snapshot s = statistics.current();
      var options = s.options(ctx.pathParam("name"));
      if (options.isEmpty()) {
        notShown(ctx, s);
        return;
      }
      ObjectNode out = header(s);
      out.put("section", ctx.pathParam("name"));
      out.set("options", list(s, options.get()));
      json(ctx, out);
    });
    routes.get("/api/v1/sections/{name}/options.csv", ctx -> {
      Snapshot s = statistics.current();
      var options = s.options(ctx.pathParam("name"));
      if (options.isEmpty()) {
        notShown(ctx, s);
        return;
      }
      csv(ctx, listCsv(s, options.get()));
    });
  }

  /**
   * A section under the threshold is answered exactly like one nobody reported, so the answer
   * says nothing about whether fewer than k machines have it.
   */
  private static void notShown(Context ctx, Snapshot s) {
    ctx.status(404).contentType("application/json").result("{\"error\":\"no such section among"
        + " those reported by at least " + s.k() + " active machines\"}");
  }

  static ObjectNode header(Snapshot s) {
    ObjectNode out = JSON.createObjectNode();
    out.put("window_days", s.window().toDays());
    out.put("computed_at", s.computedAt().toString());
    out.put("k", s.k());
    out.put("active_machines", s.activeMachines());
    return out;
  }

  static ObjectNode summary(Snapshot s) {
    ObjectNode out = header(s);
    List<Snapshot.DayPoint> h = s.history();
    out.put("new_machines_today", h.isEmpty() ? 0 : h.get(h.size() - 1).newMachines());
    ObjectNode top = out.putObject("top");
    for (String l : gg.kalico.telemetry.collect.stats.Aggregator.LISTS) {
      List<NameCount> shown = s.list(l).shown();
      top.set(l, items(s, shown.subList(0, Math.min(5, shown.size()))));
    }
    return out;
  }

  static ObjectNode history(Snapshot s) {
    ObjectNode out = header(s);
    ArrayNode points = out.putArray("points");
    s.history().forEach(p -> points.addObject().put("day", p.day().toString())
        .put("active_machines", p.active()).put("new_machines", p.newMachines()));
    return out;
  }

  static ObjectNode list(Snapshot s, RankedList list) {
    ObjectNode out = JSON.createObjectNode();
    out.set("items", items(s, list.shown()));
    if (list.foldedNames() > 0) {
      out.putObject("other").put("names", list.foldedNames())
          .put("machines", list.foldedMachines());
    }
    return out;
  }

  private static ArrayNode items(Snapshot s, List<NameCount> shown) {
    ArrayNode items = JSON.createArrayNode();
    for (NameCount n : shown) {
      items.addObject().put("name", n.name()).put("machines", n.machines())
          .put("share", s.activeMachines() == 0 ? 0
              : Math.round(1000.0 * n.machines() / s.activeMachines()) / 1000.0);
    }
    return items;
  }

  static String listCsv(Snapshot s, RankedList list) {
    StringBuilder out = new StringBuilder("name,machines,share,window_days,computed_at,k\n");
    String tail = "," + s.window().toDays() + "," + s.computedAt() + "," + s.k() + "\n";
    for (NameCount n : list.shown()) {
      out.append(Csv.field(n.name())).append(',').append(n.machines()).append(',')
          .append(share(s, n.machines())).append(tail);
    }
    if (list.foldedNames() > 0) {
      out.append(Csv.field(Dashboard.otherLabel(list))).append(',')
          .append(list.foldedMachines()).append(',').append(share(s, list.foldedMachines()))
          .append(tail);
    }
    return out.toString();
  }

  static String historyCsv(Snapshot s) {
    StringBuilder out = new StringBuilder("day,active_machines,new_machines,window_days,k\n");
    s.history().forEach(p -> out.append(p.day()).append(',').append(p.active()).append(',')
        .append(p.newMachines()).append(',').append(s.window().toDays()).append(',')
        .append(s.k()).append('\n'));
    return out.toString();
  }

  private static String share(Snapshot s, long machines) {
    return s.activeMachines() == 0 ? "0"
        : String.valueOf(Math.round(1000.0 * machines / s.activeMachines()) / 1000.0);
  }

  private static void json(Context ctx, ObjectNode body) {
    ctx.contentType("application/json").result(JSON.writeValueAsBytes(body));
  }

  private static void csv(Context ctx, String body) {
    ctx.contentType("text/csv; charset=utf-8").result(body);
  }
}
