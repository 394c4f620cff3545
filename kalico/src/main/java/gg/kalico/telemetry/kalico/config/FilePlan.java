package gg.kalico.telemetry.kalico.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * One config file as Kalico walks it: runs of lines parsed as INI chunks, separated by {@code
 * [include ...]} lines. Kalico cuts every line at its first {@code #} before anything else and
 * checks each {@code !!include FILE} when it meets it. Built once per file and text, then replayed
 * by each of Kalico's three passes.
 */
final class FilePlan {
  private static final String BANG_INCLUDE = "!!include ";

  /** An include line: the pattern as written and where it stands. */
  record Include(String spec, int line) {}

  /** {@link IniChunkParser.ParsedChunk} and {@link Include} steps in file order. */
  final List<Object> steps;

  private FilePlan(List<Object> steps) {
    this.steps = steps;
  }

  /**
   * @param data the file's text, newlines translated
   * @param file the file, for resolving {@code !!include}
   * @param shown the file as shown to the user
   * @param lineOf maps a line index of {@code data} to the line number shown to the user
   * @param blockFrom the first line number that lies in the SAVE_CONFIG block
   */
  static FilePlan of(String data, Path file, String shown, IntUnaryOperator lineOf, int blockFrom) {
    Builder b = new Builder(data, shown, blockFrom);
    int nextHash = data.indexOf('#');
    int nextBang = data.indexOf(BANG_INCLUDE);
    int lineIndex = 0;
    int start = 0;
    while (true) {
      int nl = data.indexOf('\n', start);
      int end = nl < 0 ? data.length() : nl;
      if (nextHash >= 0 && nextHash < start) {
        nextHash = data.indexOf('#', start);
      }
      int limit = nextHash >= 0 && nextHash < end ? nextHash : end;
      int lineNo = lineOf.applyAsInt(lineIndex);
      String include = includeSpec(data, start, limit);
      if (include != null) {
        b.flush();
        b.steps.add(new Include(include, lineNo));
      } else {
        if (nextBang >= 0 && nextBang < start) {
          nextBang = data.indexOf(BANG_INCLUDE, start);
        }
        if (nextBang >= 0 && nextBang + BANG_INCLUDE.length() <= limit) {
          checkBangInclude(
              data.substring(nextBang + BANG_INCLUDE.length(), limit), file, shown, lineNo);
        }
        b.add(start, limit, lineNo);
      }
      lineIndex++;
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    b.flush();
    return new FilePlan(b.steps);
  }

  /** The spec of an {@code [include SPEC]} line ('[' in column 0, greedy to the last ']'). */
  private static String includeSpec(String data, int start, int limit) {
    if (start >= limit || data.charAt(start) != '[' || !data.startsWith("include ", start + 1)) {
      return null;
    }
    int close = data.lastIndexOf(']', limit - 1);
    return close >= start + 2 && close > start + 8
        ? data.substring(start + 9, close)
        : close == start + 8 ? "" : null;
  }

  /** {@code !!include FILE}: FILE is the rest of the line, trailing spaces included. */
  private static void checkBangInclude(String target, Path source, String shown, int lineNo) {
    boolean ok;
    try {
      ok = Files.isRegularFile(source.toAbsolutePath().getParent().resolve(target));
    } catch (InvalidPathException e) {
      ok = false;
    }
    if (!ok) {
      throw new ConfigFileException(
          shown,
          lineNo,
          "'!!include' names a file that does not exist"
              + " (the name runs to the end of the line, trailing spaces and comments included);"
              + " create the file or correct the name");
    }
  }

  /** Collects the lines of the current chunk as offsets. */
  private static final class Builder {
    final String data;
    final String shown;
    final int blockFrom;
    final List<Object> steps = new ArrayList<>();
    int[] starts = new int[64];
    int[] limits = new int[64];
    int[] numbers = new int[64];
    int count;

    Builder(String data, String shown, int blockFrom) {
      this.data = data;
      this.shown = shown;
      this.blockFrom = blockFrom;
    }

    void add(int start, int limit, int lineNo) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        limits = Arrays.copyOf(limits, count * 2);
        numbers = Arrays.copyOf(numbers, count * 2);
      }
      starts[count] = start;
      limits[count] = limit;
      numbers[count] = lineNo;
      count++;
    }

    void flush() {
      if (count > 0) {
        steps.add(IniChunkParser.parse(data, starts, limits, count, numbers, shown, blockFrom));
        count = 0;
      }
    }
  }
}
