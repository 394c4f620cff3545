package gg.kalico.telemetry.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the build checks in a schema folder, for every published major (the same checks run in
 * {@code mvn verify} on {@code schema/} and from {@code schema check}):
 *
 * <ol>
 *   <li>{@code telemetry-N.schema.json} says it is major N ({@code $id}, {@code schema_version});
 *   <li>every leaf carries a known {@code x-privacy}; every property a description; every string,
 *       array and open object a bound; every object with properties closes them;
 *   <li>every {@code examples/N/valid/*.json} is valid and every {@code examples/N/invalid/*.json}
 *       invalid under major N, and {@code examples/N/valid/full.json} exists (it gives the example
 *       column of the generated page);
 *   <li>the working schema keeps accepting what the last release of its major ({@code
 *       released/telemetry-N.M.json}) accepted, and every major has a release;
 *   <li>for N > 1, {@code migrations/telemetry-(N-1)-to-N.json} exists and carries every valid
 *       example of major N - 1 to a valid document of major N;
 *   <li>{@code profiles/kalico-wire.json} maps every major, each pointer to a field that major
 *       defines.
 * </ol>
 *
 * Each problem names the file (and the pointer) and what to do.
 */
public final class SchemaChecks {
  /** The example that gives the page its example column, per major. */
  public static final String FULL_EXAMPLE = "examples/%d/valid/full.json";

  private static final Pattern RELEASED = Pattern.compile("telemetry-(\\d+)\\.(\\d+)\\.json");
  private static final JsonMapper JSON = JsonMapper.shared();

  private SchemaChecks() {}

  /** Every problem found in the schema folder {@code dir}; empty when it is ready to ship. */
  public static List<String> check(Path dir) {
    List<String> problems = new ArrayList<>();
    SchemaCatalog catalog;
    try {
      catalog = SchemaCatalog.fromDirectory(dir);
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
    for (int major : catalog.majors()) {
      String file = TelemetrySchema.fileName(major);
      JsonNode schema;
      try {
        schema = catalog.schemaNode(major);
      } catch (JacksonException e) {
        problems.add(file + " is not valid JSON: " + e.getOriginalMessage());
        continue;
      }
      identity(schema, major, file, problems);
      PrivacyClasses.missing(schema)
          .forEach(
              v ->
                  problems.add(
                      file
                          + " "
                          + v.pointer()
                          + ": every leaf needs x-privacy, one of "
                          + PrivacyClasses.names()));
      SchemaShape.check(schema, "", file, problems);
      TelemetrySchema compiled;
      try {
        compiled = catalog.load(major);
      } catch (RuntimeException e) {
        problems.add(file + " does not compile: " + e.getMessage());
        continue;
      }
      examples(dir, major, compiled, problems);
      releases(dir, major, schema, problems);
      if (major > 1) {
        migration(dir, catalog, major, problems);
      }
    }
    WireMapping.check(catalog, problems);
    return problems;
  }

  private static void identity(JsonNode schema, int major, String file, List<String> problems) {
    if (!schema.path("$id").asString("").endsWith("/" + file)) {
      problems.add(file + " /$id must end with /" + file);
    }
    if (schema.path("properties").path("schema_version").path("const").asInt(-1) != major) {
      problems.add(file + " /properties/schema_version must be {\"const\": " + major + "}");
    }
  }

  private static void examples(Path dir, int major, TelemetrySchema schema, List<String> problems) {
    Path folder = dir.resolve("examples").resolve(String.valueOf(major));
    List<Path> valid = list(folder.resolve("valid"));
    List<Path> invalid = list(folder.resolve("invalid"));
    if (!Files.isRegularFile(dir.resolve(FULL_EXAMPLE.formatted(major)))) {
      problems.add(
          FULL_EXAMPLE.formatted(major)
              + " is missing: it is a valid document with"
              + " every field filled, the example column of docs/what-is-collected.md");
    }
    if (invalid.isEmpty()) {
      problems.add(
          "examples/"
              + major
              + "/invalid/ has no example: add documents major "
              + major
              + " must refuse (a wrong schema_version, an unknown key, ...)");
    }
    for (Path p : valid) {
      read(p, dir, problems)
          .ifPresent(
              doc ->
                  schema
                      .validate(doc)
                      .forEach(
                          v ->
                              problems.add(
                                  dir.relativize(p)
                                      + " should be valid under "
                                      + TelemetrySchema.fileName(major)
                                      + " but "
                                      + v)));
    }
    for (Path p : invalid) {
      read(p, dir, problems)
          .ifPresent(
              doc -> {
                if (schema.validate(doc).isEmpty()) {
                  problems.add(
                      dir.relativize(p)
                          + " should be refused by "
                          + TelemetrySchema.fileName(major)
                          + " but is valid: fix the example or the"
                          + " schema");
                }
              });
    }
  }

  private static void releases(Path dir, int major, JsonNode working, List<String> problems) {
    Optional<Path> last = lastRelease(dir, major);
    if (last.isEmpty()) {
      problems.add(
          "released/ has no telemetry-"
              + major
              + ".M.json: run `schema release` when"
              + " major "
              + major
              + " is ready");
      return;
    }
    read(last.get(), dir, problems)
        .ifPresent(
            released ->
                SchemaDiff.compare(released, working).stream()
                    .filter(SchemaChange::breaks)
                    .forEach(
                        c ->
                            problems.add(
                                TelemetrySchema.fileName(major)
                                    + " breaks "
                                    + dir.relativize(last.get())
                                    + ": "
                                    + c
                                    + "; undo it, or make it part of a new major (`schema new-major`)")));
    int minor = releaseMinor(last.get());
    if (TelemetrySchema.minorOf(working) != minor) {
      problems.add(
          TelemetrySchema.fileName(major)
              + " /"
              + TelemetrySchema.MINOR_KEYWORD
              + " is "
              + TelemetrySchema.minorOf(working)
              + " but the last release is "
              + dir.relativize(last.get())
              + ": set \""
              + TelemetrySchema.MINOR_KEYWORD
              + "\": "
              + minor
              + " (`schema release` sets it)");
    }
  }

  /** The minor M of a {@code released/telemetry-N.M.json}. */
  static int releaseMinor(Path released) {
    Matcher m = RELEASED.matcher(released.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException(released + " is not named telemetry-N.M.json");
    }
    return Integer.parseInt(m.group(2));
  }

  /** The highest {@code released/telemetry-N.M.json} of a major. */
  public static Optional<Path> lastRelease(Path dir, int major) {
    Path best = null;
    int bestMinor = -1;
    for (Path p : list(dir.resolve("released"))) {
      Matcher m = RELEASED.matcher(p.getFileName().toString());
      if (m.matches()
          && Integer.parseInt(m.group(1)) == major
          && Integer.parseInt(m.group(2)) > bestMinor) {
        bestMinor = Integer.parseInt(m.group(2));
        best = p;
      }
    }
    return Optional.ofNullable(best);
  }

  private static void migration(Path dir, SchemaCatalog catalog, int major, List<String> problems) {
    Migration migration;
    try {
      migration = catalog.migration(major - 1);
    } catch (RuntimeException e) {
      problems.add(e.getMessage());
      return;
    }
    TelemetrySchema target = catalog.load(major);
    for (Path p :
        list(dir.resolve("examples").resolve(String.valueOf(major - 1)).resolve("valid"))) {
      read(p, dir, problems)
          .ifPresent(
              doc ->
                  target
                      .validate(migration.apply(doc))
                      .forEach(
                          v ->
                              problems.add(
                                  "migrations/"
                                      + Migration.fileName(major - 1)
                                      + " turns "
                                      + dir.relativize(p)
                                      + " into a document major "
                                      + major
                                      + " refuses: "
                                      + v
                                      + "; add the operation that carries this field")));
    }
  }

  private static Optional<JsonNode> read(Path p, Path dir, List<String> problems) {
    try {
      return Optional.of(JSON.readTree(Files.readAllBytes(p)));
    } catch (IOException | JacksonException e) {
      problems.add(
          dir.relativize(p) + " cannot be read as JSON (" + e.getClass().getSimpleName() + ")");
      return Optional.empty();
    }
  }

  private static List<Path> list(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The shape rules every published schema keeps: descriptions and bounds. */
  static final class SchemaShape {
    private SchemaShape() {}

    static void check(JsonNode node, String at, String file, List<String> problems) {
      if (!node.isObject()) {
        return;
      }
      String t = node.path("type").asString("");
      String where = file + " " + (at.isEmpty() ? "/" : at);
      if (t.equals("string") && !node.has("maxLength") && !node.has("enum")) {
        problems.add(where + ": a string needs maxLength (or an enum)");
      }
      if (t.equals("array") && !node.has("maxItems")) {
        problems.add(where + ": an array needs maxItems");
      }
      if (t.equals("object")
          && !at.isEmpty()
          && !node.has("properties")
          && !node.has("maxProperties")) {
        problems.add(where + ": an open object needs maxProperties");
      }
      if (t.equals("object") && node.has("properties") && !node.has("additionalProperties")) {
        problems.add(where + ": an object with properties closes them (additionalProperties)");
      }
      JsonNode props = node.get("properties");
      if (props != null) {
        for (Map.Entry<String, JsonNode> e : props.properties()) {
          if (!e.getValue().has("description")) {
            problems.add(where + "/properties/" + e.getKey() + ": give it a description");
          }
        }
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode child = e.getValue();
        if (child.isObject()) {
          check(child, at + "/" + e.getKey(), file, problems);
        } else if (child.isArray()) {
          for (int i = 0; i < child.size(); i++) {
            check(child.get(i), at + "/" + e.getKey() + "/" + i, file, problems);
          }
        }
      }
    }
  }
}
