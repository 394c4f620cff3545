package gg.kalico.telemetry.plugins.macropacks;

import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.pf4j.Extension;

/**
 * Which well-known macro packs a printer config uses, recognised from section names alone, and how
 * many {@code gcode_macro} sections it has. Reports a closed set of pack names and counts: never a
 * macro's name or body.
 */
@Extension
public final class MacroPacksCollector implements Collector {
  /** Pack name, and how its sections give it away. */
  static final Map<String, Predicate<String>> PACKS = new LinkedHashMap<>();

  static {
    PACKS.put("kamp", s -> s.equals("gcode_macro _KAMP_Settings"));
    PACKS.put(
        "happy-hare",
        s -> s.equals("mmu") || s.equals("mmu_machine") || s.startsWith("gcode_macro _MMU_"));
    PACKS.put(
        "klippain",
        s -> s.equals("gcode_macro _USER_VARIABLES") || s.startsWith("gcode_macro _KLIPPAIN"));
    PACKS.put(
        "client-macros",
        s ->
            s.equals("gcode_macro _CLIENT_VARIABLE")
                || s.equals("gcode_macro _CLIENT_LINEAR_MOVE"));
    PACKS.put("timelapse", s -> s.equals("gcode_macro TIMELAPSE_TAKE_FRAME"));
    PACKS.put(
        "shake-tune",
        s -> s.equals("shaketune") || s.equals("gcode_macro AXES_SHAPER_CALIBRATION"));
  }

  static final String SCHEMA =
      """
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "description": "Macro packs recognised from section names, and macro counts.",
        "type": "object",
        "additionalProperties": false,
        "maxProperties": 3,
        "required": ["packs", "gcode_macros", "sections"],
        "properties": {
          "packs": {
            "description": "Well-known macro packs the config includes.",
            "type": "array",
            "maxItems": 6,
            "uniqueItems": true,
            "items": {
              "description": "One pack.", "x-privacy": "closed-set", "examples": ["kamp"],
              "enum": ["kamp", "happy-hare", "klippain", "client-macros", "timelapse", "shake-tune"]
            }
          },
          "gcode_macros": {
            "description": "How many [gcode_macro ...] sections the config has.",
            "type": "integer", "minimum": 0, "maximum": 100000, "x-privacy": "count",
            "examples": [12]
          },
          "sections": {
            "description": "How many sections the config has.",
            "type": "integer", "minimum": 0, "maximum": 100000, "x-privacy": "count",
            "examples": [58]
          }
        }
      }
      """;

  @Override
  public String section() {
    return "macro_packs";
  }

  @Override
  public Optional<String> sectionSchema() {
    return Optional.of(SCHEMA);
  }

  @Override
  public Section collect(CollectorContext context) {
    Set<String> sections = context.config().sections().keySet();
    List<String> packs = new ArrayList<>();
    PACKS.forEach(
        (pack, marker) -> {
          if (sections.stream().anyMatch(marker)) {
            packs.add(pack);
          }
        });
    long macros = sections.stream().filter(s -> s.startsWith("gcode_macro ")).count();
    return Section.builder()
        .put("packs", packs)
        .put("gcode_macros", macros)
        .put("sections", (long) sections.size())
        .build();
  }
}
