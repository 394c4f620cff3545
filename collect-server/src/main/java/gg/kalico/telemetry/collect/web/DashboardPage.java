package gg.kalico.telemetry.collect.web;

import gg.kalico.telemetry.collect.stats.NameCount;
import gg.kalico.telemetry.collect.stats.RankedList;
import gg.kalico.telemetry.collect.stats.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard templates show: the snapshot's header facts, and the chart data as JSON
 * (carried in data attributes, escaped by the template engine, read by dashboard.js).
 */
public record DashboardPage(Snapshot snapshot, String historyJson, Map<String, String> charts) {
  /** Lists drawn as bar charts on the main page, with their titles. */
  static final Map<String, String> CHARTS = new LinkedHashMap<>();

  static {
    CHARTS.put("version", "Software versions (adoption)");
    CHARTS.put("os", "Operating systems");
    CHARTS.put("arch", "Architectures");
    CHARTS.put("modules", "Modules (first word of a section)");
    CHARTS.put("objects", "Loaded objects");
    CHARTS.put("cpu", "Processors");
    CHARTS.put("board", "Boards");
    CHARTS.put("extensions", "Extension sections (plugins)");
    CHARTS.put("macro_packs", "Macro packs");
    CHARTS.put("runtime", "Runtimes");
    CHARTS.put("branch", "Branches");
  }

  static DashboardPage of(Snapshot s) {
    List<Map<String, Object>> history = new ArrayList<>();
    s.history().forEach(p -> history.add(Map.of("day", p.day().toString(),
        "active", p.active(), "new", p.newMachines())));
    Map<String, String> charts = new LinkedHashMap<>();
    CHARTS.keySet().forEach(l -> charts.put(l, chartJson(s.list(l), 15)));
    return new DashboardPage(s, Dashboard.json(history), charts);
  }

  /** The top {@code n} names and the folded row, as [[label, machines], ...]. */
  static String chartJson(RankedList list, int n) {
    List<List<Object>> rows = new ArrayList<>();
    for (NameCount c : list.shown().subList(0, Math.min(n, list.shown().size()))) {
      rows.add(List.of(c.name(), c.machines()));
    }
    if (list.foldedNames() > 0) {
      rows.add(List.of(Dashboard.otherLabel(list), list.foldedMachines()));
    }
    return Dashboard.json(rows);
  }

  public String title(String list) {
    return CHARTS.get(list);
  }

  public long windowDays() {
    return snapshot.window().toDays();
  }

  public RankedList list(String name) {
    return snapshot.list(name);
  }

  public String otherLabel(RankedList list) {
    return Dashboard.otherLabel(list);
  }

  /** A section's page path, its name encoded. */
  public String sectionHref(String name) {
    return "/sections/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  public String share(long machines) {
    return snapshot.activeMachines() == 0 ? "0%"
        : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * machines / snapshot.activeMachines());
  }
}
