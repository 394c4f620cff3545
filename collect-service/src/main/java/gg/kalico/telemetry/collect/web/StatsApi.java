package gg.kalico.telemetry.collect.web;

import gg.kalico.telemetry.collect.stats.NameCount;
import gg.kalico.telemetry.collect.stats.PublishedList;
import gg.kalico.telemetry.collect.stats.RankedList;
import gg.kalico.telemetry.collect.stats.Snapshot;
import gg.kalico.telemetry.collect.stats.Statistics;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Today's statistics as JSON under {@code /api/v1/} and as CSV: every answer says its window, when
 * it was computed and the threshold k, every list its denominator (machines that reported it at
 * all), and holds only names at least k active machines reported.
 */
public final class StatsApi {
  private final Statistics statistics;
  private final AnswerCache cache;

  public StatsApi(Statistics statistics) {
    this.statistics = statistics;
    this.cache = new AnswerCache(statistics);
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    cache.route(routes, "/api/v1/summary", ctx -> Answers.json(ctx, summary(statistics.current())));
    for (PublishedList.Group group : PublishedList.Group.values()) {
      cache.route(
          routes,
          "/api/v1/" + group.path(),
          ctx -> {
            Snapshot s = statistics.current();
            ObjectNode out = Answers.header(s);
            PublishedList.of(group).forEach(l -> out.set(l.id(), Answers.list(s, s.list(l))));
            Answers.json(ctx, out);
          });
    }
    cache.route(
        routes,
        "/api/v1/lists/{list}",
        ctx -> {
          String file = ctx.pathParam("list");
          Optional<PublishedList> list =
              file.endsWith(".csv")
                  ? PublishedList.byId(file.substring(0, file.length() - 4))
                  : Optional.empty();
          if (list.isEmpty() || list.get() == PublishedList.OPTIONS) {
            ctx.status(404).contentType("application/json").result("{\"error\":\"no such list\"}");
            return;
          }
          Snapshot s = statistics.current();
          Answers.csv(ctx, Answers.listCsv(s, s.list(list.get())));
        });
    cache.route(
        routes,
        "/api/v1/sections/{name}/options",
        ctx -> {
          Snapshot s = statistics.current();
          String section = ctx.pathParam("name");
          Optional<RankedList> options = s.options(section);
          if (options.isEmpty()) {
            Answers.notShown(ctx, s);
            return;
          }
          ObjectNode out = Answers.header(s);
          out.put("section", section);
          out.put("section_machines", s.list(PublishedList.SECTIONS).machines(section));
          out.set("options", Answers.list(s, options.get()));
          Answers.json(ctx, out);
        });
    cache.route(
        routes,
        "/api/v1/sections/{name}/options.csv",
        ctx -> {
          Snapshot s = statistics.current();
          Optional<RankedList> options = s.options(ctx.pathParam("name"));
          if (options.isEmpty()) {
            Answers.notShown(ctx, s);
            return;
          }
          Answers.csv(ctx, Answers.listCsv(s, options.get()));
        });
  }

  static ObjectNode summary(Snapshot s) {
    ObjectNode out = Answers.header(s);
    out.put("new_machines_today", s.newMachinesToday());
    ObjectNode top = out.putObject("top");
    for (PublishedList l : PublishedList.TOP_LEVEL) {
      List<NameCount> shown = s.list(l).shown();
      top.set(l.id(), Answers.items(s, shown.subList(0, Math.min(5, shown.size()))));
    }
    return out;
  }
}
