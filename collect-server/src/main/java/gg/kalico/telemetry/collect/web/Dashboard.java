package gg.kalico.telemetry.collect.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.kalico.telemetry.collect.stats.RankedList;
import gg.kalico.telemetry.collect.stats.Snapshot;
import gg.kalico.telemetry.collect.stats.Statistics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard: server-rendered pages (jte templates, compiled with the build) whose charts are
 * drawn by ECharts, served from its webjar on this same origin. No page loads anything from
 * another host; the content security policy says so to the browser too.
 */
public final class Dashboard {
  static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self';"
      + " script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  private static final JsonMapper JSON = JsonMapper.shared();

  private final Statistics statistics;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final Map<String, byte[]> assets;

  public Dashboard(Statistics statistics) {
    this.statistics = statistics;
    this.assets = Map.of(
        "/assets/echarts.min.js", resource(ECHARTS),
        "/assets/dashboard.js", resource("dashboard/dashboard.js"),
        "/assets/dashboard.css", resource("dashboard/dashboard.css"),
        "/assets/icon.svg", resource("dashboard/icon.svg"));
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/", ctx -> page(ctx, "dashboard.jte", Map.of("page",
        DashboardPage.of(statistics.current()))));
    routes.get("/sections/{name}", ctx -> {
      Snapshot s = statistics.current();
      String name = ctx.pathParam("name");
      var options = s.options(name);
      if (options.isEmpty()) {
        ctx.status(404);
        page(ctx, "not-shown.jte", Map.of("page", DashboardPage.of(s)));
        return;
      }
      page(ctx, "section.jte", Map.of("page", DashboardPage.of(s), "section", name,
          "options", options.get(), "optionsJson", DashboardPage.chartJson(options.get(), 25)));
    });
    assets.forEach((path, bytes) -> routes.get(path, ctx -> {
      ctx.header("Cache-Control", "public, max-age=86400");
      ctx.contentType(path.endsWith(".css") ? "text/css" : path.endsWith(".svg")
          ? "image/svg+xml" : "text/javascript").result(bytes);
    }));
  }

  private void page(Context ctx, String template, Map<String, Object> model) {
    StringOutput out = new StringOutput();
    templates.render(template, model, out);
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType("text/html; charset=utf-8").result(out.toString());
  }

  /** The label of a list's folded row: how many names, how many machines, never which. */
  public static String otherLabel(RankedList list) {
    return "other (" + list.foldedNames() + " names, " + list.foldedMachines() + " machines)";
  }

  static String json(Object value) {
    return JSON.writeValueAsString(value);
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
