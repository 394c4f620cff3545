package gg.kalico.telemetry.collect.web;

import gg.kalico.telemetry.collect.stats.NameCount;
import gg.kalico.telemetry.collect.stats.RankedList;
import gg.kalico.telemetry.collect.stats.Snapshot;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every statistics answer shares: the header (window, when computed, k, active machines), a
 * list with its denominator and folded row, shares, and writing JSON and CSV.
 */
final class Answers {
  static final JsonMapper JSON = JsonMapper.shared();

  private Answers() {}

  static ObjectNode header(Snapshot s) {
    ObjectNode out = JSON.createObjectNode();
    out.put("window_days", s.windowDays());
    out.put("computed_at", s.computedAt().toString());
    out.put("k", s.k());
    out.put("active_machines", s.activeMachines());
    return out;
  }

  /** A list: its items, the machines that reported it at all, and the folded row. */
  static ObjectNode list(Snapshot s, RankedList list) {
    ObjectNode out = JSON.createObjectNode();
    out.put("reporting_machines", list.reporting());
    out.set("items", items(s, list.shown()));
    if (list.other() > 0) {
      out.putObject("other").put(list.oneName() ? "machines" : "mentions", list.other());
    }
    return out;
  }

  static ArrayNode items(Snapshot s, List<NameCount> shown) {
    ArrayNode items = JSON.createArrayNode();
    for (NameCount n : shown) {
      items
          .addObject()
          .put("name", n.name())
          .put("machines", n.machines())
          .put("share", share(s.activeMachines(), n.machines()));
    }
    return items;
  }

  static double share(long of, long machines) {
    return of == 0 ? 0 : Math.round(1000.0 * machines / of) / 1000.0;
  }

  static String percent(long of, long machines) {
    return of == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * machines / of);
  }

  /** A list as CSV: {@code name,machines,share,reporting_machines,window_days,computed_at,k}. */
  static String listCsv(Snapshot s, RankedList list) {
    StringBuilder out =
        new StringBuilder("name,machines,share,reporting_machines,window_days,computed_at,k\n");
    String tail =
        "," + list.reporting() + "," + s.windowDays() + "," + s.computedAt() + "," + s.k() + "\n";
    for (NameCount n : list.shown()) {
      out.append(Csv.field(n.name()))
          .append(',')
          .append(n.machines())
          .append(',')
          .append(share(s.activeMachines(), n.machines()))
          .append(tail);
    }
    if (list.other() > 0) {
      out.append(Csv.field(list.otherLabel()))
          .append(',')
          .append(list.other())
          .append(',')
          .append(list.oneName() ? String.valueOf(share(s.activeMachines(), list.other())) : "")
          .append(tail);
    }
    return out.toString();
  }

  static void json(Context ctx, ObjectNode body) {
    ctx.contentType("application/json").result(JSON.writeValueAsBytes(body));
  }

  static void csv(Context ctx, String body) {
    ctx.contentType("text/csv; charset=utf-8").result(body);
  }

  /**
   * A name under the threshold is answered exactly like one nobody reported, so the answer says
   * nothing about whether fewer than k machines have it.
   */
  static void notShown(Context ctx, Snapshot s) {
    ctx.status(404)
        .contentType("application/json")
        .result(
            "{\"error\":\"no such name among"
                + " those reported by at least "
                + s.k()
                + " active machines\"}");
  }

  /** Whether the client asked for CSV ({@code ?format=csv}). */
  static boolean wantsCsv(Context ctx) {
    return "csv".equals(ctx.queryParam("format"));
  }

  /** An integer query parameter within bounds, or the default. */
  static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || !v.matches("\\d{1,6}")) {
      return fallback;
    }
    return Math.max(min, Math.min(max, Integer.parseInt(v)));
  }
}
