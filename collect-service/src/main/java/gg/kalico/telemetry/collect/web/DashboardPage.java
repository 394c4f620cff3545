package gg.kalico.telemetry.collect.web;

import gg.kalico.telemetry.collect.stats.HistoryView;
import gg.kalico.telemetry.collect.stats.NameCount;
import gg.kalico.telemetry.collect.stats.PublishedList;
import gg.kalico.telemetry.collect.stats.RankedList;
import gg.kalico.telemetry.collect.stats.Snapshot;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard templates show: the snapshot's header facts, the chart data as JSON (carried
 * in data attributes, escaped by the template engine, read by dashboard.js), and the change of each
 * row since an earlier recorded day.
 */
public record DashboardPage(Snapshot snapshot, Optional<HistoryView.Baseline> baseline) {
  /** Days back the "since" change beside each row compares with. */
  static final int SINCE_DAYS = 30;

  /** The top-level lists drawn as bar charts on the overview (sections are a table). */
  public List<PublishedList> charts() {
    return PublishedList.TOP_LEVEL.stream().filter(l -> l != PublishedList.SECTIONS).toList();
  }

  /** The lists whose names have pages: searchable tables on the overview. */
  public List<PublishedList> tables() {
    return PublishedList.TOP_LEVEL.stream().filter(PublishedList::pages).toList();
  }

  public RankedList list(PublishedList list) {
    return snapshot.list(list);
  }

  /**
   * The top names and the folded row, as [[label, machines, change since the baseline], ...] (the
   * change is "" without a baseline).
   */
  public String barsJson(PublishedList list) {
    List<List<Object>> rows = new ArrayList<>();
    RankedList ranked = snapshot.list(list);
    for (NameCount c : ranked.shown().subList(0, Math.min(15, ranked.shown().size()))) {
      rows.add(List.of(c.name(), c.machines(), change(list, c)));
    }
    if (ranked.other() > 0) {
      rows.add(List.of(ranked.otherLabel(), ranked.other(), ""));
    }
    return Answers.JSON.writeValueAsString(rows);
  }

  static String barsJson(RankedList list, int n) {
    List<List<Object>> rows = new ArrayList<>();
    for (NameCount c : list.shown().subList(0, Math.min(n, list.shown().size()))) {
      rows.add(List.of(c.name(), c.machines()));
    }
    if (list.other() > 0) {
      rows.add(List.of(list.otherLabel(), list.other()));
    }
    return Answers.JSON.writeValueAsString(rows);
  }

  /** "N of M machines reported this": the denominator of a list. */
  public String denominator(PublishedList list) {
    return snapshot.list(list).reporting()
        + " of "
        + snapshot.activeMachines()
        + " active machines reported this";
  }

  /** The header of the change column, e.g. "since 2026-11-07"; empty without history. */
  public String sinceLabel() {
    return baseline.map(b -> "since " + b.day()).orElse("");
  }

  /** The change of one row since the baseline day: "+12", "-3", "0", "new", or "". */
  public String change(PublishedList list, NameCount now) {
    if (baseline.isEmpty()) {
      return "";
    }
    Long before = baseline.get().machines(list, now.name());
    if (before == null) {
      return "new";
    }
    long d = now.machines() - before;
    return d > 0 ? "+" + d : String.valueOf(d);
  }

  /** A name's page path, its parts encoded. */
  public static String href(PublishedList list, String name) {
    return "/" + list.id() + "/" + encodePart(name);
  }

  /** An option's page path (deprecation impact). */
  public static String optionHref(String section, String option) {
    return "/sections/" + encodePart(section) + "/options/" + encodePart(option);
  }

  public static String encodePart(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public String share(long machines) {
    return Answers.percent(snapshot.activeMachines(), machines);
  }

  /** Active and new machines per day, for the activity chart. */
  static String activityJson(List<HistoryView.ActivityPoint> points) {
    List<Map<String, Object>> out = new ArrayList<>();
    points.forEach(
        p -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("day", p.day().toString());
          m.put("active", p.activeMachines());
          m.put("new", p.newMachines());
          out.add(m);
        });
    return Answers.JSON.writeValueAsString(out);
  }

  /**
   * Each top version's share of active machines per day (percent, one decimal), and the rest:
   * {@code {days: [...], series: [{name, share: [...]}], other: [...]}}.
   */
  static String adoptionJson(HistoryView.ListHistory h) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("days", h.days().stream().map(Object::toString).toList());
    List<Map<String, Object>> series = new ArrayList<>();
    double[] rest = new double[h.days().size()];
    for (int i = 0; i < rest.length; i++) {
      rest[i] = h.active().get(i) == 0 ? 0 : 100.0;
    }
    h.series()
        .forEach(
            (name, machines) -> {
              List<Double> share = new ArrayList<>();
              for (int i = 0; i < machines.size(); i++) {
                long active = h.active().get(i);
                double v =
                    machines.get(i) == null || active == 0
                        ? 0
                        : Math.round(1000.0 * machines.get(i) / active) / 10.0;
                share.add(v);
                rest[i] -= v;
              }
              series.add(Map.of("name", name, "share", share));
            });
    out.put("series", series);
    List<Double> other = new ArrayList<>();
    for (double r : rest) {
      other.add(Math.max(0, Math.round(r * 10) / 10.0));
    }
    out.put("other", other);
    return Answers.JSON.writeValueAsString(out);
  }

  /** One name's machines per day and its denominator, for a trend line. */
  static String trendJson(List<HistoryView.NamePoint> points) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("days", points.stream().map(p -> p.day().toString()).toList());
    out.put("machines", points.stream().map(HistoryView.NamePoint::machines).toList());
    out.put("reporting", points.stream().map(HistoryView.NamePoint::reporting).toList());
    return Answers.JSON.writeValueAsString(out);
  }
}
