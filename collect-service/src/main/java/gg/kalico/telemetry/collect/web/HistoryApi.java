package gg.kalico.telemetry.collect.web;

import gg.kalico.telemetry.collect.stats.HistoryView;
import gg.kalico.telemetry.collect.stats.PublishedList;
import gg.kalico.telemetry.collect.stats.Snapshot;
import gg.kalico.telemetry.collect.stats.Statistics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The history under {@code /api/v1/history}: active and new machines per day, a list's names per
 * day, one name per day, and one option of a section per day (deprecation impact). Each in JSON and
 * CSV ({@code .csv} or {@code ?format=csv}); {@code ?days=N} (default 90) and, for a list, {@code
 * ?top=N} (default 20). Only names at least k machines reported that day appear.
 */
public final class HistoryApi {
  private final Statistics statistics;
  private final AnswerCache cache;

  public HistoryApi(Statistics statistics) {
    this.statistics = statistics;
    this.cache = new AnswerCache(statistics);
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    cache.route(routes, "/api/v1/history", ctx -> activity(ctx, Answers.wantsCsv(ctx)));
    cache.route(routes, "/api/v1/history.csv", ctx -> activity(ctx, true));
    cache.route(
        routes,
        "/api/v1/history/{list}",
        ctx -> {
          String id = ctx.pathParam("list");
          boolean csv = id.endsWith(".csv") || Answers.wantsCsv(ctx);
          Optional<PublishedList> list =
              topLevel(id.endsWith(".csv") ? id.substring(0, id.length() - 4) : id);
          if (list.isEmpty()) {
            noSuchList(ctx);
            return;
          }
          Snapshot s = statistics.current();
          HistoryView.ListHistory h =
              statistics
                  .history()
                  .list(s, list.get(), "", Answers.intParam(ctx, "top", 20, 1, 1000), days(ctx));
          if (csv) {
            Answers.csv(ctx, listCsv(s, h));
          } else {
            Answers.json(ctx, listJson(s, h));
          }
        });
    cache.route(
        routes,
        "/api/v1/history/{list}/{name}",
        ctx -> {
          Optional<PublishedList> list = topLevel(ctx.pathParam("list"));
          if (list.isEmpty()) {
            noSuchList(ctx);
            return;
          }
          name(ctx, list.get(), "", ctx.pathParam("name"));
        });
    cache.route(
        routes,
        "/api/v1/sections/{name}/options/{option}",
        ctx -> {
          Snapshot s = statistics.current();
          String section = ctx.pathParam("name");
          if (s.options(section).isEmpty()) {
            Answers.notShown(ctx, s);
            return;
          }
          name(ctx, PublishedList.OPTIONS, section, ctx.pathParam("option"));
        });
  }

  private static Optional<PublishedList> topLevel(String id) {
    return PublishedList.byId(id).filter(l -> l != PublishedList.OPTIONS);
  }

  private static void noSuchList(Context ctx) {
    ctx.status(404).contentType("application/json").result("{\"error\":\"no such list\"}");
  }

  private static int days(Context ctx) {
    return Answers.intParam(ctx, "days", HistoryView.DEFAULT_DAYS, 1, HistoryView.MAX_DAYS);
  }

  private void activity(Context ctx, boolean csv) {
    Snapshot s = statistics.current();
    List<HistoryView.ActivityPoint> points = statistics.history().activity(s, days(ctx));
    if (csv) {
      StringBuilder out = new StringBuilder("day,active_machines,new_machines,window_days,k\n");
      points.forEach(
          p ->
              out.append(p.day())
                  .append(',')
                  .append(p.activeMachines())
                  .append(',')
                  .append(p.newMachines() == null ? "" : p.newMachines())
                  .append(',')
                  .append(s.windowDays())
                  .append(',')
                  .append(s.k())
                  .append('\n'));
      Answers.csv(ctx, out.toString());
      return;
    }
    ObjectNode out = Answers.header(s);
    ArrayNode array = out.putArray("points");
    points.forEach(
        p -> {
          ObjectNode o =
              array
                  .addObject()
                  .put("day", p.day().toString())
                  .put("active_machines", p.activeMachines());
          if (p.newMachines() == null) {
            o.putNull("new_machines");
          } else {
            o.put("new_machines", p.newMachines());
          }
        });
    Answers.json(ctx, out);
  }

  private void name(Context ctx, PublishedList list, String parent, String name) {
    Snapshot s = statistics.current();
    Optional<List<HistoryView.NamePoint>> points =
        statistics.history().name(s, list, parent, name, days(ctx));
    if (points.isEmpty()) {
      Answers.notShown(ctx, s);
      return;
    }
    if (Answers.wantsCsv(ctx)) {
      StringBuilder out =
          new StringBuilder("day,machines,reporting_machines,active_machines,window_days,k\n");
      points
          .get()
          .forEach(
              p ->
                  out.append(p.day())
                      .append(',')
                      .append(p.machines() == null ? "" : p.machines())
                      .append(',')
                      .append(p.reporting())
                      .append(',')
                      .append(p.active())
                      .append(',')
                      .append(s.windowDays())
                      .append(',')
                      .append(s.k())
                      .append('\n'));
      Answers.csv(ctx, out.toString());
      return;
    }
    ObjectNode out = Answers.header(s);
    out.put("list", list.id());
    if (list == PublishedList.OPTIONS) {
      out.put("section", parent);
      out.put("option", name);
      out.put("denominator", "machines with the section");
    } else {
      out.put("name", name);
      out.put("denominator", "machines that reported " + list.id());
    }
    ArrayNode array = out.putArray("points");
    for (HistoryView.NamePoint p : points.get()) {
      ObjectNode o = array.addObject().put("day", p.day().toString());
      if (p.machines() == null) {
        o.putNull("machines");
      } else {
        o.put("machines", p.machines());
      }
      o.put("reporting_machines", p.reporting()).put("active_machines", p.active());
    }
    Answers.json(ctx, out);
  }

  static ObjectNode listJson(Snapshot s, HistoryView.ListHistory h) {
    ObjectNode out = Answers.header(s);
    out.put("list", h.list().id());
    out.put("other_counts", h.list().oneName() ? "machines" : "mentions");
    ArrayNode days = out.putArray("days");
    h.days().forEach(d -> days.add(d.toString()));
    ArrayNode active = out.putArray("active_machines");
    h.active().forEach(active::add);
    ArrayNode reporting = out.putArray("reporting_machines");
    h.reporting().forEach(reporting::add);
    ArrayNode other = out.putArray("other");
    h.other().forEach(other::add);
    ArrayNode series = out.putArray("series");
    for (Map.Entry<String, List<Long>> e : h.series().entrySet()) {
      ObjectNode one = series.addObject().put("name", e.getKey());
      ArrayNode machines = one.putArray("machines");
      e.getValue()
          .forEach(
              v -> {
                if (v == null) {
                  machines.addNull();
                } else {
                  machines.add(v);
                }
              });
    }
    return out;
  }

  static String listCsv(Snapshot s, HistoryView.ListHistory h) {
    StringBuilder out =
        new StringBuilder("day,name,machines,reporting_machines,active_machines,window_days,k\n");
    for (int i = 0; i < h.days().size(); i++) {
      String tail =
          ","
              + h.reporting().get(i)
              + ","
              + h.active().get(i)
              + ","
              + s.windowDays()
              + ","
              + s.k()
              + "\n";
      for (Map.Entry<String, List<Long>> e : h.series().entrySet()) {
        Long v = e.getValue().get(i);
        if (v != null) {
          out.append(h.days().get(i))
              .append(',')
              .append(Csv.field(e.getKey()))
              .append(',')
              .append(v)
              .append(tail);
        }
      }
    }
    return out.toString();
  }
}
