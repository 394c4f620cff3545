package gg.kalico.telemetry.kalico.config;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generated config files full of the quirks Kalico's parser has rules for. */
final class ConfigGenerators {
  private ConfigGenerators() {}

  static final String SAVE_HEADER =
      "#*# <---------------------- SAVE_CONFIG ---------------------->\n"
          + "#*# DO NOT EDIT THIS BLOCK OR BELOW. The contents are auto-generated.\n#*#\n";

  static Arbitrary<String> sectionNames() {
    return Arbitraries.of(
        "printer",
        "stepper_x",
        "Stepper X",
        "gcode_macro START",
        "extruder",
        "DEFAULT",
        "default",
        "a]b",
        "heater_bed",
        "mcu  rpi",
        "telemetry",
        "x\u00a0y");
  }

  static Arbitrary<String> optionNames() {
    return Arbitraries.of(
        "step_pin",
        "Dir_Pin",
        "gcode",
        "value",
        "x y",
        "a;b",
        "",
        "\u00c4bc",
        "enabled",
        "kinematics",
        "pid_Kp",
        "variable_x");
  }

  static Arbitrary<String> values() {
    return Arbitraries.of(
        "1",
        "",
        "PA1 ; comment",
        "abc # trailing",
        "${printer.kinematics}",
        "${nope.x}",
        "\\${x}",
        "a;b",
        "text with  spaces",
        "${step_pin}",
        "#FF0000",
        "=x",
        "CANARY-value",
        "${default.value}");
  }

  static Arbitrary<String> lines() {
    Arbitrary<String> header = sectionNames().map(n -> "[" + n + "]");
    Arbitrary<String> option =
        Combinators.combine(optionNames(), Arbitraries.of(":", "=", " : ", " = ", "\t:"), values())
            .as((n, d, v) -> n + d + v);
    Arbitrary<String> continuation =
        Combinators.combine(Arbitraries.of("  ", "\t", "    "), values()).as((i, v) -> i + v);
    Arbitrary<String> comment =
        Arbitraries.of("# comment", "; comment", "  ; indented", "#*# stray", "");
    Arbitrary<String> odd =
        Arbitraries.of(
            "no delimiter here",
            "  [indented]",
            "   ",
            "\u00a0",
            "\f",
            "[include inc.cfg]",
            "[include missing.cfg]",
            "[include none/*.cfg]",
            "[include inc.cfg] # twice");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, header),
        net.jqwik.api.Tuple.of(8, option),
        net.jqwik.api.Tuple.of(2, continuation),
        net.jqwik.api.Tuple.of(2, comment),
        net.jqwik.api.Tuple.of(1, odd));
  }

  /** A whole printer.cfg: lines, maybe a SAVE_CONFIG block, \n or \r\n endings. */
  static Arbitrary<String> printerCfg() {
    Arbitrary<List<String>> body = lines().list().ofMinSize(1).ofMaxSize(30);
    Arbitrary<List<String>> block =
        Combinators.combine(sectionNames(), optionNames(), values())
            .as((s, o, v) -> "#*# [" + s + "]\n#*# " + o + " = " + v)
            .list()
            .ofMaxSize(3);
    return Combinators.combine(
            body, block, Arbitraries.of("\n", "\r\n"), Arbitraries.of(true, false))
        .as(
            (b, blk, eol, withBlock) -> {
              String text = "[printer]\n" + String.join("\n", b) + "\n";
              if (withBlock) {
                text += "\n" + SAVE_HEADER + String.join("\n", blk) + (blk.isEmpty() ? "" : "\n");
              }
              return text.replace("\n", eol);
            });
  }

  /** An included file's text. */
  static Arbitrary<String> includedCfg() {
    return lines()
        .list()
        .ofMaxSize(8)
        .map(l -> String.join("\n", l) + "\n")
        .filter(t -> !t.contains("[include inc.cfg]"));
  }
}
