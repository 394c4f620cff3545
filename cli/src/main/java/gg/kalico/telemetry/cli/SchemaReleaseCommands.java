package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.schema.Migration;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.schema.SchemaChecks;
import gg.kalico.telemetry.schema.SchemaReleases;
import gg.kalico.telemetry.schema.TelemetrySchema;
import gg.kalico.telemetry.schema.WireMapping;
import gg.kalico.telemetry.spi.TelemetryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The release procedure's steps on a schema folder ({@code docs/schema-releases.md}): {@code schema
 * check}, {@code schema release} and {@code schema new-major}.
 */
final class SchemaReleaseCommands {
  private SchemaReleaseCommands() {}

  /** The {@code --dir} option every step takes. */
  static final class Folder {
    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "the schema folder (default:" + " schema/ in this project)")
    Path dir;

    /** The folder named, or schema/ of this project's checkout, else ./schema. */
    Path path() {
      return schemaFolder(dir);
    }
  }

  /** The schema folder: the option, else schema/ of this project's checkout, else ./schema. */
  static Path schemaFolder(Path option) {
    Path dir = option;
    if (dir == null) {
      String home = System.getProperty(CollectOptions.HOME_PROPERTY);
      dir = (home != null ? Path.of(home) : Path.of("")).resolve("schema");
    }
    if (!Files.isDirectory(dir)) {
      throw new TelemetryException(
          "schema folder "
              + dir
              + " does not exist; give --dir with"
              + " the folder that holds telemetry-N.schema.json (schema/ in this project)");
    }
    return dir;
  }

  /** {@code schema check [--dir DIR]}: what the build checks, for every major. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Check a schema folder as the build does, for every published major:"
              + " examples, privacy classes, bounds, releases, migrations, the kalico profile"
              + " mapping. Exits 1 when something is wrong.")
  static final class Check implements Callable<Integer> {
    @Mixin Folder folder;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Path folder = this.folder.path();
      List<String> problems = SchemaChecks.check(folder);
      var out = spec.commandLine().getOut();
      problems.forEach(p -> out.println("problem: " + p));
      out.println(
          problems.isEmpty()
              ? "ok: every major in " + folder + " passes the checks"
              : problems.size() + " problem(s) in " + folder);
      out.flush();
      return problems.isEmpty() ? 0 : 1;
    }
  }

  /** {@code schema release [--dir DIR] [--major N]}. */
  @Command(
      name = "release",
      mixinStandardHelpOptions = true,
      description =
          "Release the working state of a major (the newest unless --major): write"
              + " released/telemetry-N.M.json. Refused (exit 1) when a change breaks the last"
              + " release of that major.")
  static final class Release implements Callable<Integer> {
    @Mixin Folder folder;

    @Option(names = "--major", paramLabel = "N", description = "the major to release")
    Integer major;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Path folder = this.folder.path();
      int chosen = chosenMajor(catalog(folder), major);
      var out = spec.commandLine().getOut();
      SchemaReleases.Release r;
      try {
        r = SchemaReleases.release(folder, chosen);
      } catch (IllegalStateException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
      }
      r.changes().forEach(c -> out.println("  " + c));
      out.println(
          r.written()
              .map(
                  p ->
                      "released "
                          + p
                          + "; now regenerate the page (schema"
                          + " docs) and run the build")
              .orElse(
                  "nothing to release: "
                      + TelemetrySchema.fileName(chosen)
                      + " is as last released"));
      out.flush();
      return 0;
    }
  }

  /** {@code schema new-major [--dir DIR]}. */
  @Command(
      name = "new-major",
      mixinStandardHelpOptions = true,
      description =
          "Start the next major: copy the newest schema to telemetry-N+1.schema.json"
              + " with its examples, an empty migration and the kalico profile mapping, to edit.")
  static final class NewMajor implements Callable<Integer> {
    @Mixin Folder folder;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Path folder = this.folder.path();
      int next = catalog(folder).current() + 1;
      var out = spec.commandLine().getOut();
      for (Path p : SchemaReleases.newMajor(folder)) {
        out.println("wrote " + p);
      }
      out.println(
          "next: edit "
              + TelemetrySchema.fileName(next)
              + ", examples/"
              + next
              + "/, migrations/"
              + Migration.fileName(next - 1)
              + " and "
              + WireMapping.FILE
              + "; then schema check, schema release");
      out.flush();
      return 0;
    }
  }

  /**
   * The {@code --major} asked for, or the newest.
   *
   * @throws TelemetryException naming the majors there are, when it is not one
   */
  static int chosenMajor(SchemaCatalog catalog, Integer major) {
    int chosen = major != null ? major : catalog.current();
    if (!catalog.has(chosen)) {
      throw new TelemetryException(
          "--major "
              + chosen
              + " is not published"
              + catalog.directory().map(d -> " in " + d).orElse("")
              + "; published: "
              + catalog.describeMajors());
    }
    return chosen;
  }

  static SchemaCatalog catalog(Path folder) {
    try {
      return SchemaCatalog.fromDirectory(folder);
    } catch (IllegalArgumentException e) {
      throw new TelemetryException(e.getMessage());
    }
  }
}
