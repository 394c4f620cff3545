package gg.kalico.telemetry.kalico.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads every option once the way Kalico's {@code SectionInterpolation} does, so that a {@code
 * ${section.option}} reference Kalico would fail on is refused here too. Messages name the option
 * and the reference, never a value.
 */
final class ReferenceChecker {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{(?:([^.:${}]+)[.:])?([^${}]+)\\}");
  private static final int MAX_REFERENCES = 10;

  /**
   * An expanded value is kept only up to this many characters: a config built to double its values
   * at every level would otherwise need memory and time exponential in its size. Only whether every
   * reference resolves matters here, and that is decided before the cut.
   */
  static final int MAX_EXPANDED = 64 * 1024;

  private final IniModel model;

  /** Each option's expanded value, read once (without it, chains of references are exponential). */
  private final Map<String, String> resolved = new HashMap<>();

  ReferenceChecker(IniModel model) {
    this.model = model;
  }

  void checkAll() {
    for (Map.Entry<String, Map<String, IniModel.Option>> section : model.sections.entrySet()) {
      for (String option : model.optionNames(section.getKey())) {
        IniModel.Option o = model.lookup(section.getKey(), option);
        if (o.mayReference()) {
          read(section.getKey(), option, o, new HashSet<>());
        }
      }
    }
  }

  private String read(String section, String option, IniModel.Option o, Set<String> active) {
    String ident = section + "\u0000" + option;
    if (active.contains(ident) || !resolved.containsKey(ident)) {
      String value = expand(section, option, o, active, ident);
      resolved.put(ident, value);
      return value;
    }
    return resolved.get(ident);
  }

  private String expand(
      String section, String option, IniModel.Option o, Set<String> active, String ident) {
    if (!active.add(ident)) {
      throw new ConfigFileException(
          o.origin.file(),
          o.origin.line(),
          "option '"
              + option
              + "' in section ["
              + section
              + "] refers to itself through ${...} references;"
              + " break the cycle");
    }
    String value = o.value();
    for (int n = 0; n < MAX_REFERENCES; n++) {
      Matcher m = REFERENCE.matcher(value);
      if (!m.find()) {
        break;
      }
      String refSection = m.group(1) != null ? m.group(1) : section;
      String refOption = m.group(2);
      IniModel.Option target = model.lookup(refSection, refOption);
      if (target == null) {
        boolean noSection =
            !model.sections.containsKey(refSection) && !refSection.equals(IniModel.DEFAULT_SECTION);
        // the text inside ${...} is part of the value: it is never quoted
        throw new ConfigFileException(
            o.origin.file(),
            o.origin.line(),
            "option '"
                + option
                + "' in section ["
                + section
                + "] has a ${...} reference to "
                + (noSection ? "a section that does not exist" : "an option that does not exist")
                + "; define it or correct the reference");
      }
      String constant = read(refSection, refOption.toLowerCase(Locale.ROOT), target, active);
      value = value.substring(0, m.start()) + constant + value.substring(m.end());
      if (value.length() > MAX_EXPANDED) {
        value = value.substring(0, MAX_EXPANDED);
      }
    }
    active.remove(ident);
    return value.replace("\\${", "${");
  }
}
