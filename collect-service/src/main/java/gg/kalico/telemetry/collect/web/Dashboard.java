package gg.kalico.telemetry.collect.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.kalico.telemetry.collect.stats.HistoryView;
import gg.kalico.telemetry.collect.stats.PublishedList;
import gg.kalico.telemetry.collect.stats.RankedList;
import gg.kalico.telemetry.collect.stats.Snapshot;
import gg.kalico.telemetry.collect.stats.Statistics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard: server-rendered pages (jte templates, compiled with the build) whose charts are
 * drawn by ECharts, served from its webjar on this same origin. No page loads anything from another
 * host; the content security policy says so to the browser too.
 */
public final class Dashboard {
  static final String CSP =
      "default-src 'self'; img-src 'self' data:; style-src 'self';"
          + " script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  private static final String ECHARTS =
      "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  /** Versions stacked in the adoption chart; the rest is one band. */
  private static final int ADOPTION_TOP = 8;

  private final Statistics statistics;
  private final AnswerCache cache;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final Map<String, byte[]> assets;

  public Dashboard(Statistics statistics) {
    this.statistics = statistics;
    this.cache = new AnswerCache(statistics);
    this.assets =
        Map.of(
            "/assets/echarts.min.js", resource(ECHARTS),
            "/assets/dashboard.js", resource("dashboard/dashboard.js"),
            "/assets/dashboard.css", resource("dashboard/dashboard.css"),
            "/assets/icon.svg", resource("dashboard/icon.svg"));
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    cache.route(
        routes,
        "/",
        ctx -> {
          Snapshot s = statistics.current();
          HistoryView h = statistics.history();
          page(
              ctx,
              "dashboard.jte",
              Map.of(
                  "page",
                  overview(s),
                  "activityJson",
                  DashboardPage.activityJson(h.activity(s, HistoryView.DEFAULT_DAYS)),
                  "adoptionJson",
                  DashboardPage.adoptionJson(
                      h.list(
                          s, PublishedList.VERSION, "", ADOPTION_TOP, HistoryView.DEFAULT_DAYS))));
        });
    cache.route(
        routes,
        "/sections/{name}",
        ctx -> {
          Snapshot s = statistics.current();
          String name = ctx.pathParam("name");
          Optional<RankedList> options = s.options(name);
          Optional<List<HistoryView.NamePoint>> trend =
              statistics
                  .history()
                  .name(s, PublishedList.SECTIONS, "", name, HistoryView.DEFAULT_DAYS);
          if (options.isEmpty() || trend.isEmpty()) {
            notShown(ctx, s);
            return;
          }
          page(
              ctx,
              "section.jte",
              Map.of(
                  "page",
                  plain(s),
                  "section",
                  name,
                  "options",
                  options.get(),
                  "optionsJson",
                  DashboardPage.barsJson(options.get(), 25),
                  "trendJson",
                  DashboardPage.trendJson(trend.get())));
        });
    cache.route(
        routes,
        "/sections/{name}/options/{option}",
        ctx -> {
          Snapshot s = statistics.current();
          String section = ctx.pathParam("name");
          String option = ctx.pathParam("option");
          if (s.options(section).isEmpty()) {
            notShown(ctx, s);
            return;
          }
          trend(
              ctx,
              s,
              PublishedList.OPTIONS,
              section,
              option,
              "[" + section + "] " + option,
              "machines with [" + section + "] that set " + option,
              "/api/v1/sections/"
                  + DashboardPage.encodePart(section)
                  + "/options/"
                  + DashboardPage.encodePart(option)
                  + "?format=csv",
              "/sections/" + DashboardPage.encodePart(section));
        });
    for (PublishedList list : PublishedList.TOP_LEVEL) {
      if (!list.pages() || list == PublishedList.SECTIONS) {
        continue;
      }
      cache.route(
          routes,
          "/" + list.id() + "/{name}",
          ctx -> {
            Snapshot s = statistics.current();
            String name = ctx.pathParam("name");
            trend(
                ctx,
                s,
                list,
                "",
                name,
                name,
                "machines that reported " + list.id() + " with " + name,
                "/api/v1/history/"
                    + list.id()
                    + "/"
                    + DashboardPage.encodePart(name)
                    + "?format=csv",
                "/");
          });
    }
    assets.forEach(
        (path, bytes) ->
            routes.get(
                path,
                ctx -> {
                  ctx.header("Cache-Control", "public, max-age=86400");
                  ctx.contentType(
                          path.endsWith(".css")
                              ? "text/css"
                              : path.endsWith(".svg") ? "image/svg+xml" : "text/javascript")
                      .result(bytes);
                }));
  }

  private void trend(
      Context ctx,
      Snapshot s,
      PublishedList list,
      String parent,
      String name,
      String heading,
      String what,
      String csv,
      String back) {
    Optional<List<HistoryView.NamePoint>> points =
        statistics.history().name(s, list, parent, name, HistoryView.DEFAULT_DAYS);
    if (points.isEmpty()) {
      notShown(ctx, s);
      return;
    }
    HistoryView.NamePoint today = points.get().get(points.get().size() - 1);
    long machines = today.machines() == null ? 0 : today.machines();
    String summary =
        machines
            + " of "
            + today.reporting()
            + " "
            + what
            + " ("
            + Answers.percent(today.reporting(), machines)
            + ") today";
    Map<String, Object> model = new HashMap<>();
    model.put("page", plain(s));
    model.put("heading", heading);
    model.put("summary", summary);
    model.put("trendJson", DashboardPage.trendJson(points.get()));
    model.put("csvHref", csv);
    model.put("backHref", back);
    page(ctx, "trend.jte", model);
  }

  private DashboardPage overview(Snapshot s) {
    return new DashboardPage(s, statistics.history().since(s, DashboardPage.SINCE_DAYS));
  }

  private static DashboardPage plain(Snapshot s) {
    return new DashboardPage(s, Optional.empty());
  }

  private void notShown(Context ctx, Snapshot s) {
    ctx.status(404);
    page(ctx, "not-shown.jte", Map.of("page", plain(s)));
  }

  private void page(Context ctx, String template, Map<String, Object> model) {
    StringOutput out = new StringOutput();
    templates.render(template, model, out);
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType("text/html; charset=utf-8").result(out.toString());
  }

  private static byte[] resource(String name) {
    try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
