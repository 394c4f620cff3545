package gg.kalico.telemetry.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two steps of the release procedure ({@code docs/schema-releases.md}) that write files in a
 * schema folder: cutting a release of a major, and starting the next major.
 */
public final class SchemaReleases {
  private static final JsonMapper JSON = JsonMapper.shared();

  private SchemaReleases() {}

  /**
   * What a release did.
   *
   * @param written the file written, or empty when there was nothing to release
   * @param changes the changes since the last release of the major
   */
  public record Release(Optional<Path> written, List<SchemaChange> changes) {}

  /**
   * Releases the working state of {@code major}: writes {@code released/telemetry-N.M.json} (M one
   * above the last release of N, or 0 for the first) when the schema changed since.
   *
   * @throws IllegalStateException when a change breaks the last release (it belongs in a new
   *     major), naming each breaking change; nothing is written then
   */
  public static Release release(Path dir, int major) throws IOException {
    SchemaCatalog catalog = SchemaCatalog.fromDirectory(dir);
    JsonNode working = catalog.schemaNode(major);
    Optional<Path> last = SchemaChecks.lastRelease(dir, major);
    int minor = 0;
    List<SchemaChange> changes = List.of();
    if (last.isPresent()) {
      minor = SchemaChecks.releaseMinor(last.get()) + 1;
      JsonNode released = JSON.readTree(last.get().toFile());
      changes = SchemaDiff.compare(released, working);
      List<SchemaChange> breaking = changes.stream().filter(SchemaChange::breaks).toList();
      if (!breaking.isEmpty()) {
        throw new IllegalStateException(
            TelemetrySchema.fileName(major)
                + " breaks "
                + dir.relativize(last.get())
                + ", so it cannot be a release of major "
                + major
                + ": "
                + breaking
                + ". Undo the change, or start major "
                + (major + 1)
                + " with `schema new-major` and make it there");
      }
      if (changes.isEmpty()
          && sameBytes(last.get(), dir.resolve(TelemetrySchema.fileName(major)))) {
        return new Release(Optional.empty(), changes);
      }
    }
    Path schemaFile = dir.resolve(TelemetrySchema.fileName(major));
    Files.writeString(
        schemaFile, withMinor(Files.readString(schemaFile), minor), StandardCharsets.UTF_8);
    Path target =
        Files.createDirectories(dir.resolve("released"))
            .resolve("telemetry-" + major + "." + minor + ".json");
    Files.copy(schemaFile, target);
    return new Release(Optional.of(target), changes);
  }

  /**
   * The schema text with its {@code x-minor} set to {@code minor}, edited in place (the rest of the
   * file keeps its bytes): replaced when present, else added after {@code $id}.
   */
  static String withMinor(String text, int minor) {
    String key = "\"" + TelemetrySchema.MINOR_KEYWORD + "\"";
    Matcher present = Pattern.compile(Pattern.quote(key) + "\\s*:\\s*\\d+").matcher(text);
    if (present.find()) {
      return present.replaceFirst(Matcher.quoteReplacement(key + ": " + minor));
    }
    Matcher id = Pattern.compile("(?m)^(\\s*)\"\\$id\"\\s*:\\s*\"[^\"]*\",\\s*$").matcher(text);
    if (!id.find()) {
      throw new IllegalStateException(
          "the schema has no \"$id\" line to put "
              + key
              + " after; add \""
              + TelemetrySchema.MINOR_KEYWORD
              + "\": "
              + minor
              + " at its top by hand");
    }
    return text.substring(0, id.end())
        + "\n"
        + id.group(1)
        + key
        + ": "
        + minor
        + ","
        + text.substring(id.end());
  }

  /**
   * Starts the next major: copies the current schema to {@code telemetry-(N+1).schema.json} ({@code
   * $id}, title and {@code schema_version} updated), its examples to {@code examples/N+1/} ({@code
   * schema_version} raised by one in each), writes an empty {@code
   * migrations/telemetry-N-to-(N+1).json}, and copies the kalico profile's mapping.
   *
   * @return the files written
   */
  public static List<Path> newMajor(Path dir) throws IOException {
    SchemaCatalog catalog = SchemaCatalog.fromDirectory(dir);
    int from = catalog.current();
    int to = from + 1;
    List<Path> written = new ArrayList<>();
    ObjectNode schema = (ObjectNode) catalog.schemaNode(from);
    schema.put(
        "$id",
        schema
            .path("$id")
            .asString("")
            .replace(TelemetrySchema.fileName(from), TelemetrySchema.fileName(to)));
    schema.put(
        "title", schema.path("title").asString("").replace("version " + from, "version " + to));
    ((ObjectNode) schema.path("properties").path("schema_version")).put("const", to);
    schema.remove(TelemetrySchema.MINOR_KEYWORD); // its first release is minor 0
    written.add(write(dir.resolve(TelemetrySchema.fileName(to)), schema));
    Path examples = dir.resolve("examples");
    for (String kind : List.of("valid", "invalid")) {
      Path source = examples.resolve(String.valueOf(from)).resolve(kind);
      if (!Files.isDirectory(source)) {
        continue;
      }
      Path target = Files.createDirectories(examples.resolve(String.valueOf(to)).resolve(kind));
      try (Stream<Path> files = Files.list(source)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
          JsonNode doc = JSON.readTree(p.toFile());
          if (doc.isObject() && doc.path("schema_version").isInt()) {
            ((ObjectNode) doc).put("schema_version", doc.get("schema_version").asInt() + 1);
            written.add(write(target.resolve(p.getFileName()), doc));
          } else {
            written.add(
                Files.copy(
                    p, target.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING));
          }
        }
      }
    }
    ObjectNode migration = JSON.createObjectNode();
    migration.put(
        "description",
        "How a document of major "
            + from
            + " becomes one of major "
            + to
            + ". Operations: move (from, to), remove (path), add (path, value).");
    migration.putArray("operations");
    written.add(
        write(
            Files.createDirectories(dir.resolve("migrations")).resolve(Migration.fileName(from)),
            migration));
    Path profile = dir.resolve(WireMapping.FILE);
    if (Files.isRegularFile(profile)) {
      ObjectNode root = (ObjectNode) JSON.readTree(profile.toFile());
      ObjectNode majors = (ObjectNode) root.path("majors");
      majors.set(String.valueOf(to), majors.path(String.valueOf(from)).deepCopy());
      written.add(write(profile, root));
    }
    return written;
  }

  /**
   * Copies what a schema folder publishes (the schemas, {@code examples/}, {@code released/},
   * {@code migrations/}, {@code profiles/}) into {@code to}, to try a change on a scratch copy.
   *
   * @return {@code to}
   */
  public static Path copyFolder(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (String name : List.of("examples", "released", "migrations", "profiles")) {
      Path source = from.resolve(name);
      if (!Files.isDirectory(source)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(source)) {
        for (Path p : walk.toList()) {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
    try (Stream<Path> files = Files.list(from)) {
      for (Path p :
          files
              .filter(f -> f.getFileName().toString().matches("telemetry-\\d+\\.schema\\.json"))
              .toList()) {
        Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return to;
  }

  private static Path write(Path file, JsonNode json) throws IOException {
    Files.writeString(
        file,
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n",
        StandardCharsets.UTF_8);
    return file;
  }

  private static boolean sameBytes(Path a, Path b) throws IOException {
    return Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
  }
}
