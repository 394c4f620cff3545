package gg.kalico.telemetry.kalico.config;

import java.util.function.BiPredicate;

/**
 * Kalico's split of {@code printer.cfg} into the user's part and the SAVE_CONFIG ("autosave")
 * block, and its rule that drops autosave options the user's part already sets.
 *
 * @param regular the text Kalico parses as the user's part
 * @param autosave the autosave text ({@code "\n" + lines + "\n"}), empty when the block is ignored
 * @param firstBlockLine the file line of the block's first line (after the header)
 * @param regularLines how many lines {@code regular} has when split on {@code \n}
 * @param ignoredReason why a block that is present was ignored, or null
 */
record SaveConfigBlock(
    String regular, String autosave, int firstBlockLine, int regularLines, String ignoredReason) {

  static final String HEADER =
      "\n#*# <---------------------- SAVE_CONFIG ---------------------->"
          + "\n#*# DO NOT EDIT THIS BLOCK OR BELOW. The contents are auto-generated."
          + "\n#*#\n";

  static SaveConfigBlock split(String data) {
    int pos = data.indexOf(HEADER);
    String regular;
    String block;
    int firstBlockLine = 0;
    if (pos >= 0) {
      regular = data.substring(0, pos);
      String rest = data.substring(pos + HEADER.length());
      block = PyText.strip(rest);
      int headerLine = countLines(data, pos + 1);
      int skipped =
          countNewlines(rest, rest.indexOf(block.isEmpty() ? "\0" : block.substring(0, 1)));
      firstBlockLine = headerLine + 3 + Math.max(skipped, 0);
    } else {
      regular = data;
      block = "";
    }
    int stray = regular.indexOf("\n#*# ");
    if (stray >= 0) {
      return new SaveConfigBlock(
          data,
          "",
          0,
          countNewlines(data, data.length()) + 1,
          pos >= 0
              ? "line "
                  + countLines(data, stray + 1)
                  + " starts with '#*# ' but stands"
                  + " above the SAVE_CONFIG header"
              : null);
    }
    StringBuilder out = new StringBuilder(block.length() + 2).append('\n');
    int start = 0;
    while (true) {
      int nl = block.indexOf('\n', start);
      String line = nl < 0 ? block.substring(start) : block.substring(start, nl);
      if (!block.isEmpty()
          && (!line.startsWith("#*#") || (line.length() >= 4 && !line.startsWith("#*# ")))) {
        int bad = firstBlockLine + countNewlines(block, start);
        return new SaveConfigBlock(
            data,
            "",
            0,
            countNewlines(data, data.length()) + 1,
            "line " + bad + " inside the SAVE_CONFIG block does not start with '#*# '");
      }
      out.append(line.length() > 4 ? line.substring(4) : "").append('\n');
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    return new SaveConfigBlock(
        regular,
        out.toString(),
        firstBlockLine,
        countNewlines(regular, regular.length()) + 1,
        null);
  }

  /** The 1-based line of the character at {@code index}. */
  private static int countLines(String s, int index) {
    return countNewlines(s, index) + 1;
  }

  private static int countNewlines(String s, int end) {
    int n = 0;
    for (int i = 0; i < end && i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  /**
   * Prefixes with {@code #} every autosave option line (and its indented continuation lines) whose
   * option the user's part already has, as Kalico does before merging.
   */
  static String commentOutOverridden(String autosave, IniModel regular) {
    return commentOutOverridden(autosave, regular::hasOption);
  }

  /**
   * The same rule against any config: {@code has} answers whether a section (exact, or null before
   * any section) has an option (lower-cased).
   */
  static String commentOutOverridden(String autosave, BiPredicate<String, String> has) {
    String[] lines = autosave.split("\n", -1);
    String section = null;
    boolean inDup = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      int semi = line.indexOf(';');
      int cut = hash < 0 ? semi : (semi < 0 ? hash : Math.min(hash, semi));
      String pruned = PyText.rstrip(cut < 0 ? line : line.substring(0, cut));
      if (pruned.isEmpty()) {
        continue;
      }
      if (PyText.isSpace(pruned.charAt(0))) {
        if (inDup) {
          lines[i] = "#" + line;
        }
        continue;
      }
      inDup = false;
      if (pruned.charAt(0) == '[') {
        section = PyText.strip(pruned.substring(1, Math.max(1, pruned.length() - 1)));
        continue;
      }
      int end = 0;
      while (end < pruned.length() && isFieldChar(pruned.charAt(end))) {
        end++;
      }
      if (has.test(section, PyText.lower(pruned.substring(0, end)))) {
        inDup = true;
        lines[i] = "#" + line;
      }
    }
    return String.join("\n", lines);
  }

  private static boolean isFieldChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
