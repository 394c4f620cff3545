package gg.kalico.telemetry.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published major versions of the telemetry schema, read as data: the majors are the {@code
 * telemetry-N.schema.json} files present (1, 2, ... without a gap), the current one is the highest,
 * and {@code migrations/telemetry-N-to-M.json} (M = N + 1) turns a document of one major into the
 * next.
 *
 * <p>{@link #published()} reads what this build ships, from the class path; {@link
 * #fromDirectory(Path)} reads a schema folder as a maintainer edits it (the repository's {@code
 * schema/}), so that a new major can be tried before it is released. Nothing is ever fetched from
 * the network. Instances are thread-safe; compiled schemas are kept.
 */
public final class SchemaCatalog {
  /** The published majors' files are looked for up to this major. */
  private static final int MAX_MAJOR = 99;

  private static final JsonMapper JSON = JsonMapper.shared();
  private static volatile SchemaCatalog published;

  private final Path directory; // null: the class path
  private final List<Integer> majors;
  private final Map<Integer, TelemetrySchema> compiled = new ConcurrentHashMap<>();

  /** Each major's schema, parsed once: its keys are read on every collection. */
  private final Map<Integer, JsonNode> parsed = new ConcurrentHashMap<>();

  private volatile Set<String> allSectionKeys;
  private volatile WireMapping kalicoMapping;

  private SchemaCatalog(Path directory, List<Integer> majors) {
    this.directory = directory;
    this.majors = List.copyOf(majors);
  }

  /** What this build publishes, from the class path. */
  public static SchemaCatalog published() {
    SchemaCatalog c = published;
    if (c == null) {
      List<Integer> majors = new ArrayList<>();
      for (int n = 1; n <= MAX_MAJOR && resourceExists(TelemetrySchema.resource(n)); n++) {
        majors.add(n);
      }
      if (majors.isEmpty()) {
        throw new IllegalStateException(
            "no telemetry-1.schema.json on the class path: the"
                + " telemetry-schema jar is missing");
      }
      c = new SchemaCatalog(null, majors);
      published = c;
    }
    return c;
  }

  /**
   * The schema folder {@code dir} as it is on disk ({@code telemetry-N.schema.json}, {@code
   * migrations/}, {@code examples/}, {@code released/}).
   *
   * @throws IllegalArgumentException when it holds no schema, or the majors have a gap
   */
  public static SchemaCatalog fromDirectory(Path dir) {
    Set<Integer> found = new TreeSet<>();
    try (var files = Files.list(dir)) {
      files
          .map(p -> p.getFileName().toString())
          .map(
              n ->
                  n.matches("telemetry-[1-9][0-9]?\\.schema\\.json")
                      ? Integer.parseInt(n.substring(10, n.indexOf('.')))
                      : null)
          .filter(Objects::nonNull)
          .forEach(found::add);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          dir + " cannot be read as a schema folder (" + e.getClass().getSimpleName() + ")", e);
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          dir
              + " holds no telemetry-N.schema.json; give the"
              + " schema folder (schema/ in this project)");
    }
    List<Integer> majors = new ArrayList<>(found);
    for (int i = 0; i < majors.size(); i++) {
      if (majors.get(i) != i + 1) {
        throw new IllegalArgumentException(
            dir
                + ": "
                + TelemetrySchema.fileName(i + 1)
                + " is missing; majors are numbered 1, 2, ... without a gap");
      }
    }
    return new SchemaCatalog(dir, majors);
  }

  /** The folder read, or empty for the class path. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /** The published majors, oldest first. */
  public List<Integer> majors() {
    return majors;
  }

  /** The newest major: what is produced unless a host asks for another. */
  public int current() {
    return majors.get(majors.size() - 1);
  }

  /** Whether {@code major} is published here. */
  public boolean has(int major) {
    return majors.contains(major);
  }

  /**
   * The compiled schema of a published major.
   *
   * @throws IllegalArgumentException naming the published majors when {@code major} is not one
   */
  public TelemetrySchema load(int major) {
    require(major);
    return compiled.computeIfAbsent(
        major, m -> TelemetrySchema.compile(m, text(TelemetrySchema.fileName(m))));
  }

  /** The schema of a published major as JSON (not compiled): a copy the caller may change. */
  public JsonNode schemaNode(int major) {
    return node(major).deepCopy();
  }

  /** The schema file of a published major, as it is written. */
  public String schemaText(int major) {
    require(major);
    return text(TelemetrySchema.fileName(major));
  }

  /** The parsed schema, shared: callers in this package only read it. */
  JsonNode node(int major) {
    require(major);
    return parsed.computeIfAbsent(major, m -> JSON.readTree(text(TelemetrySchema.fileName(m))));
  }

  /**
   * The minor version of a published major's working schema (its {@code x-minor}): what a client
   * producing that major claims, and what a receiver knows of it.
   */
  public int minor(int major) {
    return TelemetrySchema.minorOf(node(major));
  }

  /**
   * The version a document of a published major follows, {@code MAJOR.MINOR}: what a client claims
   * in the {@code Telemetry-Schema} header.
   */
  public String version(int major) {
    return major + "." + minor(major);
  }

  /** A major's section keys: its top-level properties but {@code schema_version} and extensions. */
  public Set<String> sectionKeys(int major) {
    return TelemetrySchema.sectionKeysOf(node(major));
  }

  /** The section keys of every published major: names no plugin may claim. */
  public Set<String> allSectionKeys() {
    Set<String> keys = allSectionKeys;
    if (keys == null) {
      Set<String> all = new LinkedHashSet<>();
      majors.forEach(m -> all.addAll(sectionKeys(m)));
      keys = Collections.unmodifiableSet(all);
      allSectionKeys = keys;
    }
    return keys;
  }

  /** The kalico wire profile's mapping in this catalog, read once. */
  WireMapping kalicoMapping() {
    WireMapping m = kalicoMapping;
    if (m == null) {
      m = WireMapping.read(this);
      kalicoMapping = m;
    }
    return m;
  }

  /**
   * The migration from {@code from} to {@code from + 1}.
   *
   * @throws IllegalStateException when a newer major exists but its migration file is missing
   */
  public Migration migration(int from) {
    require(from);
    require(from + 1);
    String file = Migration.fileName(from);
    String text;
    try {
      text = text("migrations/" + file);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "migrations/"
              + file
              + " is missing: every major after the"
              + " first needs the migration from the one before (see docs/schema-releases.md)",
          e);
    }
    return Migration.parse(from, JSON.readTree(text), "migrations/" + file);
  }

  /**
   * A document (or part of one) of major {@code from}, carried to major {@code to} by the
   * migrations in between. {@code from == to} returns a copy.
   *
   * @throws IllegalArgumentException when {@code to} is older than {@code from}: migrations only go
   *     forward
   */
  public JsonNode upcast(JsonNode document, int from, int to) {
    if (to < from) {
      throw new IllegalArgumentException(
          "a document of major "
              + from
              + " cannot be turned"
              + " into major "
              + to
              + ": migrations only go forward");
    }
    JsonNode doc = document.deepCopy();
    for (int m = from; m < to; m++) {
      doc = migration(m).apply(doc);
    }
    return doc;
  }

  /** Published majors as words, for messages: {@code "1, 2"}. */
  public String describeMajors() {
    return majors.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private void require(int major) {
    if (!has(major)) {
      throw new IllegalArgumentException(
          "schema version "
              + major
              + " is not published"
              + (directory == null ? " by this build" : " in " + directory)
              + "; published: "
              + describeMajors());
    }
  }

  /** A file of the catalog (relative to the schema folder), as text. */
  String text(String relative) {
    if (directory != null) {
      try {
        return Files.readString(directory.resolve(relative));
      } catch (NoSuchFileException e) {
        throw new IllegalStateException(directory.resolve(relative) + " is missing", e);
      } catch (IOException e) {
        throw new IllegalStateException(
            directory.resolve(relative) + " cannot be read (" + e.getClass().getSimpleName() + ")",
            e);
      }
    }
    try (InputStream in =
        SchemaCatalog.class.getClassLoader().getResourceAsStream("schemas/" + relative)) {
      if (in == null) {
        throw new IllegalStateException("schemas/" + relative + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("schemas/" + relative + " cannot be read", e);
    }
  }

  private static boolean resourceExists(String resource) {
    return SchemaCatalog.class.getClassLoader().getResource(resource) != null;
  }
}
