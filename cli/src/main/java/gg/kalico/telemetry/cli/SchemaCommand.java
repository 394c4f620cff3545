package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.discovery.PluginInfo;
import gg.kalico.telemetry.core.internal.io.AtomicFiles;
import gg.kalico.telemetry.schema.CollectedPage;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.schema.SchemaChange;
import gg.kalico.telemetry.schema.SchemaDiff;
import gg.kalico.telemetry.spi.TelemetryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code schema}: print the published schema, compare two versions, generate the page, and the
 * release procedure's steps (check, release, new-major) on a schema folder.
 */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description =
        "The published JSON Schema: print it, compare two versions, generate the"
            + " 'what is collected' page, and release it (docs/schema-releases.md).",
    subcommands = {
      SchemaCommand.Print.class,
      SchemaCommand.Diff.class,
      SchemaCommand.Docs.class,
      SchemaReleaseCommands.Check.class,
      SchemaReleaseCommands.Release.class,
      SchemaReleaseCommands.NewMajor.class
    })
final class SchemaCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "name a subcommand: print, diff, docs, check, release or new-major");
  }

  /** {@code schema print [--major N]}. */
  @Command(
      name = "print",
      mixinStandardHelpOptions = true,
      description = "Print the published schema (the current major unless --major).")
  static final class Print implements Callable<Integer> {
    @Option(names = "--major", paramLabel = "N", description = "the major version")
    Integer major;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      SchemaCatalog catalog = SchemaCatalog.published();
      int chosen = SchemaReleaseCommands.chosenMajor(catalog, major);
      spec.commandLine().getOut().print(catalog.schemaText(chosen));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code schema diff OLD NEW}. */
  @Command(
      name = "diff",
      mixinStandardHelpOptions = true,
      description =
          "List every change from OLD to NEW by JSON pointer, as compatible (clients"
              + " and receivers on either schema accept each other's documents) or breaking (and"
              + " which documents break). Exits 1 when a breaking change stays within the same"
              + " major version, 4 when the checker itself fails (no verdict).")
  static final class Diff implements Callable<Integer> {
    /** The checker failed: an internal error, never to be read as "breaking" (exit 1). */
    static final int CHECKER_FAILED = 4;

    @Parameters(index = "0", paramLabel = "OLD")
    Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW")
    Path newFile;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      JsonNode oldSchema = read(oldFile);
      JsonNode newSchema = read(newFile);
      List<SchemaChange> changes;
      try {
        changes = SchemaDiff.compare(oldSchema, newSchema);
      } catch (SchemaDiff.CheckerFailure e) {
        spec.commandLine()
            .getErr()
            .println(
                "internal error: "
                    + e.getMessage()
                    + "; please"
                    + " report it with both schema files");
        spec.commandLine().getErr().flush();
        return CHECKER_FAILED;
      }
      var out = spec.commandLine().getOut();
      changes.forEach(out::println);
      boolean breaking = changes.stream().anyMatch(SchemaChange::breaks);
      int oldMajor = SchemaDiff.major(oldSchema);
      int newMajor = SchemaDiff.major(newSchema);
      if (changes.isEmpty()) {
        out.println("no changes that affect documents");
      } else if (breaking && oldMajor == newMajor) {
        out.println(
            "breaking changes within major version "
                + newMajor
                + ": publish them as"
                + " version "
                + (newMajor + 1)
                + " instead");
      } else if (breaking) {
        out.println(
            "breaking changes, in a new major version (" + oldMajor + " -> " + newMajor + ")");
      } else {
        out.println(
            "compatible: every document "
                + oldFile
                + " accepted is still accepted, and a"
                + " receiver on it accepts documents of "
                + newFile
                + " (setting aside the fields it"
                + " does not know)");
      }
      out.flush();
      return breaking && oldMajor == newMajor ? 1 : 0;
    }

    private static JsonNode read(Path file) {
      try {
        return JsonMapper.shared().readTree(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new TelemetryException(
            file
                + " cannot be read ("
                + e.getClass().getSimpleName()
                + "); give the path of a schema file");
      } catch (JacksonException e) {
        throw new TelemetryException(
            file
                + " is not valid JSON (line "
                + e.getLocation().getLineNr()
                + "); give a JSON Schema file");
      }
    }
  }

  /** {@code schema docs [--plugins DIR] [--output FILE]}. */
  @Command(
      name = "docs",
      mixinStandardHelpOptions = true,
      description =
          "Write docs/what-is-collected.md from the schema and the section schemas of"
              + " the plugins in --plugins DIR.")
  static final class Docs implements Callable<Integer> {
    @Option(
        names = "--plugins",
        paramLabel = "DIR",
        description = "plugins whose sections to" + " document")
    Path plugins;

    @Option(
        names = "--output",
        paramLabel = "FILE",
        description = "where to write (default:" + " docs/what-is-collected.md in this project)")
    Path output;

    @Option(
        names = "--schema-dir",
        paramLabel = "DIR",
        description =
            "document the newest major" + " of this schema folder (default: the published schema)")
    Path schemaDir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Path pluginsDir = plugins != null ? plugins : builtExamplePlugins();
      if (pluginsDir == null) {
        spec.commandLine()
            .getErr()
            .println(
                "note: the example plugins' sections"
                    + " (extensions.macro-packs, extensions.board) are left out: no --plugins DIR, and"
                    + " no built plugin jars under plugins/*/target/ (run mvn -B package first)");
        spec.commandLine().getErr().flush();
      }
      String page =
          render(
              pluginsDir,
              schemaDir == null
                  ? SchemaCatalog.published()
                  : SchemaReleaseCommands.catalog(schemaDir));
      Path target = output != null ? output : defaultOutput();
      Files.createDirectories(target.toAbsolutePath().getParent());
      AtomicFiles.write(target, page.getBytes(StandardCharsets.UTF_8));
      spec.commandLine().getOut().println("wrote " + target);
      spec.commandLine().getOut().flush();
      return 0;
    }

    static Path defaultOutput() {
      String home = System.getProperty(CollectOptions.HOME_PROPERTY);
      return (home != null ? Path.of(home) : Path.of("")).resolve("docs/what-is-collected.md");
    }

    /**
     * A folder holding the example plugins built in this checkout (the plugin jars under
     * plugins/NAME/target/), or null when none is built.
     */
    static Path builtExamplePlugins() throws IOException {
      String home = System.getProperty(CollectOptions.HOME_PROPERTY);
      Path root = (home != null ? Path.of(home) : Path.of("")).resolve("plugins");
      if (!Files.isDirectory(root)) {
        return null;
      }
      List<Path> jars = new ArrayList<>();
      try (var modules = Files.list(root)) {
        for (Path module : modules.sorted().toList()) {
          Path target = module.resolve("target");
          if (Files.isDirectory(target)) {
            try (var files = Files.list(target)) {
              files
                  .filter(
                      f ->
                          f.getFileName().toString().matches("telemetry-plugin-.+\\.jar")
                              && !f.getFileName().toString().endsWith("-sources.jar"))
                  .forEach(jars::add);
            }
          }
        }
      }
      if (jars.isEmpty()) {
        return null;
      }
      Path dir = Files.createTempDirectory("kalico-telemetry-plugins-");
      dir.toFile().deleteOnExit();
      for (Path jar : jars) {
        Path copy = Files.copy(jar, dir.resolve(jar.getFileName()));
        copy.toFile().deleteOnExit();
      }
      return dir;
    }

    /** The page, with the sections of the plugins in {@code pluginsDir} (may be null). */
    static String render(Path pluginsDir) {
      return render(pluginsDir, SchemaCatalog.published());
    }

    /** The page for a catalog's newest major, with these plugins' sections. */
    static String render(Path pluginsDir, SchemaCatalog catalog) {
      List<CollectedPage.PluginSection> sections = new ArrayList<>();
      if (pluginsDir != null) {
        try (Telemetry t = Telemetry.builder().pluginsDirectory(pluginsDir).build()) {
          for (PluginInfo p : t.extensions().plugins()) {
            t.extensions()
                .sectionSchemaText(p.id())
                .ifPresent(
                    text ->
                        sections.add(
                            new CollectedPage.PluginSection(
                                p.id(), p.version(), JsonMapper.shared().readTree(text))));
          }
        }
      }
      return CollectedPage.render(catalog, sections);
    }
  }
}
