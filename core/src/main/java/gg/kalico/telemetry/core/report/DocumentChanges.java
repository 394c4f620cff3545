package gg.kalico.telemetry.core.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What changed between two documents, by name: sections added or removed, config sections and
 * options added or removed, objects added or removed. Values are never compared or shown, only
 * names that the documents already carry.
 */
public final class DocumentChanges {
  private DocumentChanges() {}

  /** One line per change, {@code +} for added and {@code -} for removed; empty when none. */
  public static List<String> between(JsonNode before, JsonNode after) {
    List<String> out = new ArrayList<>();
    diff(out, "section ", names(before), names(after));
    JsonNode c0 = before.path("config");
    JsonNode c1 = after.path("config");
    diff(out, "config section ", names(c0), names(c1));
    for (String section : names(c1)) {
      if (c0.has(section)) {
        diff(out, "option [" + section + "] ", items(c0.get(section)), items(c1.get(section)));
      }
    }
    diff(out, "object ", items(before.path("objects")), items(after.path("objects")));
    return out;
  }

  private static void diff(List<String> out, String what, Set<String> a, Set<String> b) {
    for (String x : b) {
      if (!a.contains(x)) {
        out.add("+ " + what + x);
      }
    }
    for (String x : a) {
      if (!b.contains(x)) {
        out.add("- " + what + x);
      }
    }
  }

  private static Set<String> names(JsonNode n) {
    Set<String> s = new LinkedHashSet<>();
    if (n != null && n.isObject()) {
      s.addAll(n.propertyNames());
    }
    return s;
  }

  private static Set<String> items(JsonNode n) {
    Set<String> s = new LinkedHashSet<>();
    if (n != null && n.isArray()) {
      n.forEach(v -> s.add(v.asString()));
    }
    return s;
  }
}
