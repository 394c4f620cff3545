package gg.kalico.telemetry.kalico.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code glob.glob(pattern, recursive=True)} on POSIX, which Kalico uses to expand {@code
 * [include ...]}: per-component {@code fnmatch}, {@code **} for any depth, names starting with a
 * dot hidden unless the pattern component starts with a dot, results unsorted.
 */
final class PyGlob {
  /** Guards against symbolic-link loops, which Python would follow until the path is too long. */
  static final int MAX_RECURSION = 64;

  private PyGlob() {}

  static boolean hasMagic(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  static List<String> glob(String pathname) {
    return glob(pathname, true);
  }

  /** With {@code recursive} false, {@code **} is an ordinary {@code *}. */
  static List<String> glob(String pathname, boolean recursive) {
    if (!recursive) {
      pathname = pathname.replace("**", "*");
    }
    List<String> out = new ArrayList<>();
    iglob(pathname, false, out);
    if (pathname.equals("**") && !out.isEmpty() && out.get(0).isEmpty()) {
      out.remove(0);
    }
    return out;
  }

  private static void iglob(String pathname, boolean dironly, List<String> out) {
    String[] split = split(pathname);
    String dirname = split[0];
    String basename = split[1];
    if (!hasMagic(pathname)) {
      if (!basename.isEmpty()) {
        if (lexists(pathname)) {
          out.add(pathname);
        }
      } else if (isDir(dirname)) {
        out.add(pathname);
      }
      return;
    }
    if (dirname.isEmpty()) {
      globInDir("", basename, dironly, out, "");
      return;
    }
    List<String> dirs = new ArrayList<>();
    if (!dirname.equals(pathname) && hasMagic(dirname)) {
      iglob(dirname, true, dirs);
    } else {
      dirs.add(dirname);
    }
    for (String dir : dirs) {
      globInDir(dir, basename, dironly, out, dir);
    }
  }

  private static void globInDir(
      String dir, String basename, boolean dironly, List<String> out, String prefix) {
    List<String> names = new ArrayList<>();
    if (!hasMagic(basename)) {
      if (!basename.isEmpty()) {
        if (lexists(join(dir, basename))) {
          names.add(basename);
        }
      } else if (isDir(dir)) {
        names.add(basename);
      }
    } else if (basename.equals("**")) {
      names.add("");
      rlistdir(dir, dironly, names, 0);
    } else {
      boolean patternHidden = basename.charAt(0) == '.';
      for (String name : listdir(dir, dironly)) {
        if ((patternHidden || name.charAt(0) != '.') && FnMatch.matches(basename, name)) {
          names.add(name);
        }
      }
    }
    for (String name : names) {
      out.add(prefix.isEmpty() ? name : join(prefix, name));
    }
  }

  private static void rlistdir(String dir, boolean dironly, List<String> out, int depth) {
    if (depth > MAX_RECURSION) {
      throw new GlobTooDeepException();
    }
    for (String x : listdir(dir, dironly)) {
      if (x.charAt(0) == '.') {
        continue;
      }
      out.add(x);
      List<String> sub = new ArrayList<>();
      rlistdir(dir.isEmpty() ? x : join(dir, x), dironly, sub, depth + 1);
      for (String y : sub) {
        out.add(join(x, y));
      }
    }
  }

  private static List<String> listdir(String dir, boolean dironly) {
    List<String> names = new ArrayList<>();
    Path p;
    try {
      p = Path.of(dir.isEmpty() ? "." : dir);
    } catch (InvalidPathException e) {
      return names;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(p)) {
      for (Path entry : stream) {
        if (!dironly || Files.isDirectory(entry)) {
          names.add(entry.getFileName().toString());
        }
      }
    } catch (IOException | SecurityException e) {
      // Python's scandir errors mean "no names here"
    }
    return names;
  }

  /** os.path.split: the tail after the last slash, and the head with trailing slashes removed. */
  private static String[] split(String p) {
    int i = p.lastIndexOf('/') + 1;
    String head = p.substring(0, i);
    String tail = p.substring(i);
    if (!head.isEmpty() && !head.chars().allMatch(c -> c == '/')) {
      int end = head.length();
      while (end > 0 && head.charAt(end - 1) == '/') {
        end--;
      }
      head = head.substring(0, end);
    }
    return new String[] {head, tail};
  }

  /** os.path.join for two relative-or-absolute POSIX parts. */
  static String join(String a, String b) {
    if (b.startsWith("/")) {
      return b;
    }
    if (a.isEmpty() || a.endsWith("/")) {
      return a + b;
    }
    return a + "/" + b;
  }

  private static boolean lexists(String p) {
    try {
      return Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS);
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private static boolean isDir(String p) {
    try {
      return Files.isDirectory(Path.of(p.isEmpty() ? "." : p));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** A recursive glob went deeper than {@link #MAX_RECURSION} levels. */
  static final class GlobTooDeepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GlobTooDeepException() {
      super(null, null, false, false);
    }
  }
}
