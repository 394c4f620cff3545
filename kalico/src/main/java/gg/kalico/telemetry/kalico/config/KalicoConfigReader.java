package gg.kalico.telemetry.kalico.config;

import gg.kalico.telemetry.spi.collector.ConfigNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Reads a Kalico/Klipper {@code printer.cfg} with Kalico's own rules and returns the section and
 * option names Kalico's telemetry reports, or throws {@link ConfigFileException} for a config
 * Kalico would refuse to load.
 *
 * <p>Like Kalico, the file is parsed three times: the user's part, the SAVE_CONFIG block on its
 * own, and both together; an error in any of them rejects the config, and the last one is reported.
 * Every option is then read once, resolving {@code ${section.option}} references, so a reference
 * Kalico would fail on fails here too. Values are dropped when {@link #read} returns.
 *
 * <p>Not thread-safe; create one per read (it is cheap).
 */
public final class KalicoConfigReader {
  /** More included files than this in one parse refuses the config. */
  public static final int MAX_INCLUDED_FILES = 10_000;

  /** Deeper include nesting than this refuses the config. */
  public static final int MAX_INCLUDE_DEPTH = 100;

  /** Reads the config whose main file is {@code printerCfg}. */
  public KalicoConfig read(Path printerCfg) {
    Startup s = startup(printerCfg);
    Map<String, List<String>> names = new LinkedHashMap<>();
    Map<String, Map<String, String>> decisive = new HashMap<>();
    for (String section : s.merged().sections.keySet()) {
      names.put(section, s.merged().optionNames(section));
      // the few values that decide which modules Kalico loads; kept inside ConfigNames only
      for (String option : ConfigNames.CLOSED_SET_OPTIONS) {
        if (s.merged().hasOption(section, option)) {
          String value = s.merged().lookup(section, option).value();
          if (!value.contains("${")) {
            decisive.computeIfAbsent(section, k -> new HashMap<>()).put(option, value);
          }
        }
      }
    }
    return new KalicoConfig(
        ConfigNames.of(names, decisive), telemetryEnabled(s.merged()), s.split().ignoredReason());
  }

  /**
   * What Kalico holds after its start-up read.
   *
   * @param main the main file, absolute
   * @param files the files read (their text stays cached)
   * @param split the main file split into its regular part and SAVE_CONFIG block
   * @param regular the regular part with its includes
   * @param autosave the block, after dropping options the regular part sets
   * @param merged both: the config Kalico runs with
   */
  record Startup(
      Path main,
      ConfigFiles files,
      SaveConfigBlock split,
      IniModel regular,
      IniModel autosave,
      IniModel merged) {}

  /** Parses text as if it were the main file's content, following its includes. */
  static IniModel parseAsMain(ConfigFiles files, Path main, String text) {
    return new Pass(files, files.display(main), new HashMap<>())
        .run(text, main, i -> i + 1, Integer.MAX_VALUE);
  }

  /** Kalico's start-up read: three passes and the reference check. */
  static Startup startup(Path printerCfg) {
    Path main = printerCfg.toAbsolutePath().normalize();
    Path dir = main.getParent() == null ? main : main.getParent();
    ConfigFiles files = new ConfigFiles(dir);
    String mainShown = files.display(main);
    String data = files.read(main, null);
    SaveConfigBlock split = SaveConfigBlock.split(data);

    Map<Path, FilePlan> plans = new HashMap<>();
    IniModel regular =
        new Pass(files, mainShown, plans).run(split.regular(), main, i -> i + 1, Integer.MAX_VALUE);
    String autosave = SaveConfigBlock.commentOutOverridden(split.autosave(), regular);
    int blockStart = split.firstBlockLine();
    int blockFrom = blockStart == 0 ? Integer.MAX_VALUE : blockStart;
    IniModel autosaveModel =
        new Pass(files, mainShown, plans).run(autosave, main, i -> blockStart + i - 1, blockFrom);
    int regularLines = split.regularLines();
    IniModel merged =
        new Pass(files, mainShown, plans)
            .run(
                split.regular() + autosave,
                main,
                i -> i < regularLines ? i + 1 : blockStart + (i - regularLines),
                blockFrom);

    new ReferenceChecker(merged).checkAll();
    return new Startup(main, files, split, regular, autosaveModel, merged);
  }

  private static KalicoConfig.Setting telemetryEnabled(IniModel merged) {
    Map<String, IniModel.Option> section = merged.sections.get("telemetry");
    IniModel.Option option = section == null ? null : section.get("enabled");
    if (option == null && section != null) {
      option = merged.defaults.get("enabled");
    }
    return option == null ? null : new KalicoConfig.Setting(option.value(), option.origin);
  }

  /** One parse of the main file and its includes into a fresh model. */
  private static final class Pass {
    private final ConfigFiles files;
    private final String mainShown;
    private final Map<Path, FilePlan> plans;
    private final IniModel model = new IniModel();
    private final List<Path> stack = new ArrayList<>();
    private final Set<Path> onStack = new HashSet<>();
    private int includedFiles;

    Pass(ConfigFiles files, String mainShown, Map<Path, FilePlan> plans) {
      this.files = files;
      this.mainShown = mainShown;
      this.plans = plans;
    }

    /**
     * @param blockFrom the first line of the main file that lies in the SAVE_CONFIG block
     */
    IniModel run(String data, Path main, IntUnaryOperator lineOf, int blockFrom) {
      walk(FilePlan.of(data, main, mainShown, lineOf, blockFrom), main, mainShown);
      return model;
    }

    private void walk(FilePlan plan, Path file, String shown) {
      Path key = file.toAbsolutePath().normalize();
      if (!onStack.add(key)) {
        throw new ConfigFileException(
            shown,
            0,
            "includes itself through "
                + String.join(" -> ", stack.stream().map(files::display).toList())
                + " -> "
                + shown
                + "; remove one of these includes");
      }
      stack.add(key);
      if (stack.size() > MAX_INCLUDE_DEPTH) {
        throw new ConfigFileException(
            shown,
            0,
            "includes are nested more than "
                + MAX_INCLUDE_DEPTH
                + " deep; flatten the include tree");
      }
      for (Object step : plan.steps) {
        if (step instanceof FilePlan.Include include) {
          include(file, shown, include);
        } else {
          ((IniChunkParser.ParsedChunk) step).applyTo(model);
        }
      }
      stack.remove(stack.size() - 1);
      onStack.remove(key);
    }

    private void include(Path source, String shown, FilePlan.Include include) {
      String spec = PyText.strip(include.spec());
      int lineNo = include.line();
      String parent = source.getParent() == null ? "" : source.getParent().toString();
      String pattern = PyGlob.join(parent, spec);
      List<String> matches;
      try {
        matches = PyGlob.glob(pattern);
      } catch (PyGlob.GlobTooDeepException e) {
        throw new ConfigFileException(
            shown,
            lineNo,
            "include '"
                + spec
                + "' reaches more than "
                + PyGlob.MAX_RECURSION
                + " directory levels (a symbolic-link loop?); narrow the"
                + " pattern");
      }
      if (matches.isEmpty() && !PyGlob.hasMagic(pattern)) {
        throw new ConfigFileException(
            shown,
            lineNo,
            "include '"
                + spec
                + "': no such file; create it, correct the name, or remove the [include] line");
      }
      matches.sort(PyText::compareCodePoints);
      String where = "include '" + spec + "' in " + shown + " line " + lineNo;
      for (String name : matches) {
        if (++includedFiles > MAX_INCLUDED_FILES) {
          throw new ConfigFileException(
              shown,
              lineNo,
              "more than "
                  + MAX_INCLUDED_FILES
                  + " files are included; this is refused to protect the host");
        }
        Path path;
        try {
          path = Path.of(name);
        } catch (InvalidPathException e) {
          throw new ConfigFileException(
              shown, lineNo, "include '" + spec + "' is not a valid file name; correct it");
        }
        Path key = path.toAbsolutePath().normalize();
        String display = files.display(path);
        FilePlan plan = plans.get(key);
        if (plan == null) {
          plan = FilePlan.of(files.read(path, where), path, display, i -> i + 1, Integer.MAX_VALUE);
          plans.put(key, plan);
        }
        walk(plan, path, display);
      }
    }
  }
}
