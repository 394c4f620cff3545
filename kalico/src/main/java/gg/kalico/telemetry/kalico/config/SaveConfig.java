package gg.kalico.telemetry.kalico.config;

import gg.kalico.telemetry.core.internal.io.AtomicFiles;
import gg.kalico.telemetry.spi.TelemetryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kalico's {@code configfile.set()} and {@code SAVE_CONFIG}, for the one option this project owns:
 * {@code [telemetry] enabled}. The bytes written are Kalico's, because Kalico reads the same file;
 * where Kalico would harm the user this class differs on purpose:
 *
 * <ul>
 *   <li>every file is replaced atomically (temporary file, fsync, rename; mode kept; symbolic links
 *       followed), and each backup is complete on disk before anything is replaced;
 *   <li>a backup never overwrites an earlier one, and nothing is written when the new bytes equal
 *       the old;
 *   <li>a SAVE_CONFIG block Kalico would ignore as damaged is refused, naming the line, instead of
 *       appending a second block whose setting Kalico would never read back.
 * </ul>
 *
 * <p>Use: {@link #start} at host start-up (or just before saving), {@link #stageTelemetry} for
 * ENABLE/DISABLE_TELEMETRY, {@link #save} for SAVE_CONFIG. Not thread-safe.
 */
public final class SaveConfig {
  /** Where backups go, beside the main config. */
  public static final String BACKUP_DIR = "config_backups";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

  private final Path main;
  private final AutosaveBlock block;
  private final boolean autosaveIncludes;
  private Checkpoint checkpoint = step -> {};

  /** Called before each step that touches the disk; tests use it to interrupt a save. */
  interface Checkpoint {
    void reached(String step) throws IOException;
  }

  private SaveConfig(Path main, AutosaveBlock block, boolean autosaveIncludes) {
    this.main = main;
    this.block = block;
    this.autosaveIncludes = autosaveIncludes;
  }

  /**
   * Kalico's start-up read of the config, keeping the SAVE_CONFIG block in memory.
   *
   * @throws ConfigFileException if Kalico would refuse the config, or its SAVE_CONFIG block is
   *     damaged (Kalico would ignore it and never read a saved choice back)
   */
  public static SaveConfig start(Path printerCfg) {
    KalicoConfigReader.Startup s = KalicoConfigReader.startup(printerCfg);
    refuseDamagedBlock(s.split(), s.files().display(s.main()));
    return new SaveConfig(
        s.main(),
        AutosaveBlock.of(s.autosave()),
        autosaveIncludes(s.merged(), s.files().display(s.main())));
  }

  void checkpoint(Checkpoint value) {
    this.checkpoint = value;
  }

  /** ENABLE_TELEMETRY / DISABLE_TELEMETRY: stages {@code [telemetry] enabled}, as Kalico does. */
  public void stageTelemetry(boolean enabled) {
    block.set("telemetry", "enabled", enabled ? "True" : "False");
  }

  /**
   * SAVE_CONFIG: rewrites the config on disk with the staged block.
   *
   * @param clock for the backup names (local time, as Kalico names them)
   * @throws TelemetryException with Kalico's message when Kalico refuses to save (the existing
   *     config no longer parses, or an include sets the option differently), or when the disk
   *     refuses; nothing is changed then
   */
  public Result save(Clock clock) {
    ConfigFiles files = new ConfigFiles(main.getParent());
    String shown = files.display(main);
    String data = files.read(main, null);
    SaveConfigBlock split = SaveConfigBlock.split(data);
    refuseDamagedBlock(split, shown);
    try {
      KalicoConfigReader.parseAsMain(files, main, split.regular());
    } catch (ConfigFileException e) {
      throw new TelemetryException(
          "Unable to parse existing config on SAVE_CONFIG ("
              + e.getMessage()
              + "); nothing was written",
          e);
    }
    String regular = SaveConfigBlock.commentOutOverridden(split.regular(), block::hasOption);

    Map<Path, String> rewrittenIncludes = new LinkedHashMap<>();
    if (autosaveIncludes) {
      stripIncludes(files, main, regular, new HashSet<>(), rewrittenIncludes);
      rewrittenIncludes.forEach(files::override);
    }
    IniModel checked = KalicoConfigReader.parseAsMain(files, main, regular);
    for (String[] so : block.options()) {
      if (checked.hasOption(so[0], so[1])) {
        String ours = block.get(so[0], so[1]);
        String theirs = checked.lookup(so[0], so[1]).value();
        if (!ours.equals(theirs)) {
          boolean telemetry = so[0].equals("telemetry");
          throw new TelemetryException(
              "SAVE_CONFIG section '"
                  + so[0]
                  + "' option '"
                  + so[1]
                  + "' value '"
                  + (telemetry ? ours : "(hidden)")
                  + "' conflicts with included value '"
                  + (telemetry ? theirs : "(hidden)")
                  + "' ; an included file sets it: remove or"
                  + " comment out '"
                  + so[1]
                  + "' in the ["
                  + so[0]
                  + "] section of the included"
                  + " file, then try again. Nothing was written");
        }
      }
    }

    String updated = PyText.rstrip(regular) + block.render();
    List<Change> changes = new ArrayList<>();
    rewrittenIncludes.forEach((path, text) -> changes.add(new Change(path, text)));
    changes.add(new Change(main, updated));
    return write(changes, files, clock, shown);
  }

  private Result write(List<Change> changes, ConfigFiles files, Clock clock, String shown) {
    List<Change> real = new ArrayList<>();
    for (Change c : changes) {
      byte[] now;
      try {
        now = Files.readAllBytes(c.path());
      } catch (IOException e) {
        throw new TelemetryException(
            "cannot read "
                + files.display(c.path())
                + " again ("
                + e.getClass().getSimpleName()
                + "); nothing was written",
            e);
      }
      if (!Arrays.equals(now, c.text().getBytes(StandardCharsets.UTF_8))) {
        real.add(c);
      }
    }
    if (real.isEmpty()) {
      return new Result(List.of(), List.of());
    }
    Path backupDir = main.getParent().resolve(BACKUP_DIR);
    List<Path> backups = new ArrayList<>();
    List<AtomicFiles.Prepared> prepared = new ArrayList<>();
    List<Path> written = new ArrayList<>();
    try {
      checkpoint.reached("backup-directory");
      AtomicFiles.ownFolder(backupDir); // never a link: backups stay in the config folder
      String stamp = LocalDateTime.now(clock).format(STAMP);
      for (Change c : real) {
        Path backup = backupName(backupDir, c.path().getFileName().toString(), stamp);
        checkpoint.reached("backup of " + files.display(c.path()));
        // the file as Kalico read it (newlines normalised), complete and synced before any change
        AtomicFiles.createNew(
            backup, files.read(c.path(), null).getBytes(StandardCharsets.UTF_8), c.path());
        backups.add(backup);
      }
      for (Change c : real) {
        checkpoint.reached("prepare " + files.display(c.path()));
        prepared.add(AtomicFiles.prepare(c.path(), c.text().getBytes(StandardCharsets.UTF_8)));
      }
      for (AtomicFiles.Prepared p : prepared) {
        checkpoint.reached("replace " + files.display(p.target()));
        written.add(p.commit());
      }
    } catch (IOException e) {
      throw new TelemetryException(
          "could not save "
              + shown
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "); "
              + (written.isEmpty()
                  ? "nothing was changed"
                  : "already replaced: " + written + "; backups are in " + backupDir)
              + ". Check that the config folder is writable and the disk is not full",
          e);
    } finally {
      prepared.forEach(AtomicFiles.Prepared::discard);
    }
    return new Result(written, backups);
  }

  /**
   * Kalico's name ({@code printer-YYYYMMDD_HHMMSS.cfg}) with a random part added before the
   * extension, so that nobody can place a file or a link by that name in advance; the file is then
   * created new, so a backup never overwrites anything.
   */
  private static Path backupName(Path dir, String fileName, String stamp) {
    String base =
        fileName.endsWith(".cfg") ? fileName.substring(0, fileName.length() - 4) : fileName;
    String ext = fileName.endsWith(".cfg") ? ".cfg" : "";
    return dir.resolve(
        base + "-" + stamp + "-" + AtomicFiles.unpredictable().substring(0, 8) + ext);
  }

  /** danger_options autosave_includes: comments the block's options out of includes, too. */
  private void stripIncludes(
      ConfigFiles files, Path file, String text, Set<Path> visited, Map<Path, String> out) {
    String dir = file.getParent().toString();
    for (String line : text.split("\n", -1)) {
      int hash = line.indexOf('#');
      String cut = hash < 0 ? line : line.substring(0, hash);
      String name = IniChunkParser.sectionName(cut);
      if (name == null || !name.startsWith("include ")) {
        continue;
      }
      List<String> matches = PyGlob.glob(PyGlob.join(dir, PyText.strip(name.substring(8))), false);
      matches.sort(PyText::compareCodePoints);
      for (String match : matches) {
        Path include = Path.of(match).toAbsolutePath().normalize();
        if (!visited.add(include) || !Files.isRegularFile(include)) {
          continue;
        }
        String before = files.read(include, null);
        stripIncludes(files, include, before, visited, out);
        String after = SaveConfigBlock.commentOutOverridden(before, block::hasOption);
        if (!after.equals(before)) {
          out.put(include, after);
        }
      }
    }
  }

  private static boolean autosaveIncludes(IniModel merged, String shown) {
    Map<String, IniModel.Option> danger = merged.sections.get("danger_options");
    IniModel.Option o = danger == null ? null : danger.get("autosave_includes");
    if (o == null) {
      return false;
    }
    String v = PyText.lower(o.value());
    if (Set.of("1", "yes", "true", "on").contains(v)) {
      return true;
    }
    if (Set.of("0", "no", "false", "off").contains(v)) {
      return false;
    }
    throw new ConfigFileException(
        o.origin.file(),
        o.origin.line(),
        "option 'autosave_includes'" + " in section [danger_options] must be True or False");
  }

  private static void refuseDamagedBlock(SaveConfigBlock split, String shown) {
    String reason = split.ignoredReason();
    if (reason == null) {
      int stray = split.regular().indexOf("\n#*# ");
      if (stray >= 0) {
        int line =
            (int) split.regular().substring(0, stray + 1).chars().filter(c -> c == '\n').count()
                + 1;
        reason =
            "line "
                + line
                + " starts with '#*# ' but there is no intact SAVE_CONFIG header"
                + " above it";
      }
    }
    if (reason != null) {
      throw new ConfigFileException(
          shown,
          0,
          "the SAVE_CONFIG block is damaged: "
              + reason
              + ". Kalico ignores a damaged block, so a setting saved now would never be read back;"
              + " nothing was written. Fix: keep the three header lines exactly as Kalico writes them,"
              + " start every line below them with '#*# ' (or '#*#' alone), and move any config"
              + " lines to above the header");
    }
  }

  private record Change(Path path, String text) {}

  /**
   * What a save did.
   *
   * @param written the files replaced, main config last; empty when nothing needed to change
   * @param backups the backups made, one per file replaced
   */
  public record Result(List<Path> written, List<Path> backups) {
    /** Copies. */
    public Result {
      written = List.copyOf(written);
      backups = List.copyOf(backups);
    }

    /** Whether anything was written. */
    public boolean changed() {
      return !written.isEmpty();
    }
  }
}
