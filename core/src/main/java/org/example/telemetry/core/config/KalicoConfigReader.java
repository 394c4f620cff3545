package org.example.telemetry.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.example.telemetry.spi.collector.ConfigNames;

/**
 * Reads a Kalico/Klipper {@code printer.cfg} with Kalico's own rules and returns the section and
 * option names Kalico's telemetry reports, or throws {@link ConfigFileException} for a config
 * Kalico would refuse to load.
 *
 * <p>Like Kalico, the file is parsed three times: the user's part, the SAVE_CONFIG block on its
 * own, and both together; an error in any of them rejects the config, and the last one is
 * reported. Every option is then read once, resolving {@code ${section.option}} references, so a
 * reference Kalico would fail on fails here too. Values are dropped when {@link #read} returns.
 *
 * <p>Not thread-safe; create one per read (it is cheap).
 */
public final class KalicoConfigReader {
  /** More included files than this in one parse refuses the config. */
  public static final int MAX_INCLUDED_FILES = 10_000;
  /** Deeper include nesting than this refuses the config. */
  public static final int MAX_INCLUDE_DEPTH = 100;

  private static final String BANG_INCLUDE = "!!include ";

  /** Reads the config whose main file is {@code printerCfg}. */
  public KalicoConfig read(Path printerCfg) {
    Path main = printerCfg.toAbsolutePath().normalize();
    Path dir = main.getParent() == null ? main : main.getParent();
    ConfigFiles files = new ConfigFiles(dir);
    String mainShown = files.display(main);
    String data = files.read(main, null);
    SaveConfigBlock split = SaveConfigBlock.split(data);

    IniModel regular = new Pass(files, mainShown)
        .run(split.regular(), main, i -> i + 1, Integer.MAX_VALUE);
    String autosave = SaveConfigBlock.commentOutOverridden(split.autosave(), regular);
    int blockStart = split.firstBlockLine();
    int blockFrom = blockStart == 0 ? Integer.MAX_VALUE : blockStart;
    new Pass(files, mainShown).run(autosave, main, i -> blockStart + i - 1, blockFrom);
    int regularLines = split.regularLines();
    IniModel merged = new Pass(files, mainShown)
        .run(split.regular() + autosave, main,
            i -> i < regularLines ? i + 1 : blockStart + (i - regularLines), blockFrom);

    new ReferenceChecker(merged).checkAll();

    Map<String, List<String>> names = new LinkedHashMap<>();
    for (String section : merged.sections.keySet()) {
      names.put(section, merged.optionNames(section));
    }
    return new KalicoConfig(ConfigNames.of(names), telemetryEnabled(merged), split.ignoredReason());
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
    private final IniModel model = new IniModel();
    private final List<Path> stack = new ArrayList<>();
    private final Set<Path> onStack = new HashSet<>();
    private int includedFiles;

    Pass(ConfigFiles files, String mainShown) {
      this.files = files;
      this.mainShown = mainShown;
    }

    /** @param blockFrom the first line of the main file that lies in the SAVE_CONFIG block */
    IniModel run(String data, Path main, IntUnaryOperator lineOf, int blockFrom) {
      parseFile(data, main, mainShown, lineOf, blockFrom);
      return model;
    }

    private void parseFile(String data, Path file, String shown, IntUnaryOperator lineOf,
        int blockFrom) {
      Path key = file.toAbsolutePath().normalize();
      if (!onStack.add(key)) {
        throw new ConfigFileException(shown, 0, "includes itself through "
            + String.join(" -> ", stack.stream().map(files::display).toList()) + " -> " + shown
            + "; remove one of these includes");
      }
      stack.add(key);
      if (stack.size() > MAX_INCLUDE_DEPTH) {
        throw new ConfigFileException(shown, 0, "includes are nested more than "
            + MAX_INCLUDE_DEPTH + " deep; flatten the include tree");
      }
      List<String> chunk = new ArrayList<>();
      List<Integer> chunkLines = new ArrayList<>();
      int lineIndex = 0;
      int start = 0;
      while (start <= data.length()) {
        int nl = data.indexOf('\n', start);
        String line = nl < 0 ? data.substring(start) : data.substring(start, nl);
        int lineNo = lineOf.applyAsInt(lineIndex);
        int hash = line.indexOf('#');
        if (hash >= 0) {
          line = line.substring(0, hash);
        }
        String header = IniChunkParser.sectionName(line);
        if (header != null && header.startsWith("include ")) {
          flush(chunk, chunkLines, shown, blockFrom);
          include(file, shown, lineNo, header.substring("include ".length()));
        } else {
          chunk.add(fixBangInclude(line, file, shown, lineNo));
          chunkLines.add(lineNo);
        }
        lineIndex++;
        if (nl < 0) {
          break;
        }
        start = nl + 1;
      }
      flush(chunk, chunkLines, shown, blockFrom);
      stack.remove(stack.size() - 1);
      onStack.remove(key);
    }

    private void flush(List<String> chunk, List<Integer> chunkLines, String shown,
        int blockFrom) {
      if (chunk.isEmpty()) {
        return;
      }
      int[] numbers = chunkLines.stream().mapToInt(Integer::intValue).toArray();
      IniChunkParser.parse(model, new ArrayList<>(chunk), numbers, shown, blockFrom);
      chunk.clear();
      chunkLines.clear();
    }

    private void include(Path source, String shown, int lineNo, String spec) {
      String parent = source.getParent() == null ? "" : source.getParent().toString();
      String pattern = PyGlob.join(parent, PyText.strip(spec));
      String where = "include '" + PyText.strip(spec) + "' in " + shown + " line " + lineNo;
      List<String> matches;
      try {
        matches = PyGlob.glob(pattern);
      } catch (PyGlob.GlobTooDeepException e) {
        throw new ConfigFileException(shown, lineNo, "include '" + PyText.strip(spec)
            + "' reaches more than " + PyGlob.MAX_RECURSION
            + " directory levels (a symbolic-link loop?); narrow the pattern");
      }
      if (matches.isEmpty() && !PyGlob.hasMagic(pattern)) {
        throw new ConfigFileException(shown, lineNo, "include '" + PyText.strip(spec)
            + "': no such file; create it, correct the name, or remove the [include] line");
      }
      matches.sort(PyText::compareCodePoints);
      for (String name : matches) {
        if (++includedFiles > MAX_INCLUDED_FILES) {
          throw new ConfigFileException(shown, lineNo, "more than " + MAX_INCLUDED_FILES
              + " files are included; this is refused to protect the host");
        }
        Path path;
        try {
          path = Path.of(name);
        } catch (InvalidPathException e) {
          throw new ConfigFileException(shown, lineNo, "include '" + PyText.strip(spec)
              + "' is not a valid file name; correct it");
        }
        String text = files.read(path, where);
        parseFile(text, path, files.display(path), i -> i + 1, Integer.MAX_VALUE);
      }
    }

    private String fixBangInclude(String line, Path source, String shown, int lineNo) {
      int pos = line.indexOf(BANG_INCLUDE);
      if (pos < 0) {
        return line;
      }
      String target = line.substring(pos + BANG_INCLUDE.length());
      Path dir = source.toAbsolutePath().getParent();
      boolean ok;
      try {
        ok = java.nio.file.Files.isRegularFile(dir.resolve(target));
      } catch (InvalidPathException e) {
        ok = false;
      }
      if (!ok) {
        throw new ConfigFileException(shown, lineNo, "'!!include' names a file that does not exist"
            + " (the name runs to the end of the line, trailing spaces and comments included);"
            + " create the file or correct the name");
      }
      return line;
    }
  }
}
