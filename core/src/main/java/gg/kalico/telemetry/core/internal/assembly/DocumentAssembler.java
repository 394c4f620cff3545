package gg.kalico.telemetry.core.internal.assembly;

import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.core.assembly.SectionFailure;
import gg.kalico.telemetry.core.document.TelemetryDocument;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.schema.SchemaViolation;
import gg.kalico.telemetry.schema.TelemetrySchema;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.HostSetupMissing;
import gg.kalico.telemetry.spi.collector.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs collectors in their declared order, each on a worker thread under its time budget, places
 * each section under its own key, and validates the result. A collector that throws, overruns,
 * claims a bad key or returns a section the schema rejects loses that section only.
 *
 * <p>Thread-safe. Worker threads are daemons, so a collector that never returns cannot keep the
 * process alive.
 *
 * <p>Why this file is over 300 lines: running, checking, carrying forward and validating the
 * sections are one pipeline over one map of sections and one list of failures; each step is a
 * method of its own here.
 */
public final class DocumentAssembler {
  /** The default time budget of one collector. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(2);

  static final String EXTENSIONS = "extensions";
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
  private static final Logger log = LoggerFactory.getLogger(DocumentAssembler.class);
  private static final ExecutorService WORKERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "telemetry-collector");
            t.setDaemon(true);
            return t;
          });

  private final TelemetrySchema schema;
  private final Set<String> coreSections;
  private final Duration budget;
  private final SchemaCatalog catalog;

  /**
   * Assembles documents of the schema's major; sections produced for an older major are carried
   * forward by the published migrations.
   *
   * @param schema the schema documents must satisfy
   * @param coreSections keys placed at the top of the document; any other goes under extensions
   * @param budget how long one collector may take
   */
  public DocumentAssembler(TelemetrySchema schema, Set<String> coreSections, Duration budget) {
    this(schema, coreSections, budget, SchemaCatalog.published());
  }

  /** As above, with the migrations (and majors) of {@code catalog}. */
  public DocumentAssembler(
      TelemetrySchema schema, Set<String> coreSections, Duration budget, SchemaCatalog catalog) {
    this.schema = schema;
    this.coreSections = Set.copyOf(coreSections);
    this.budget = budget;
    this.catalog = catalog;
  }

  /** Runs the collectors (already in order) under the default budget. */
  public Collected assemble(List<Collector> collectors, CollectorContext context) {
    return assembleAll(collectors.stream().map(c -> Contribution.of(c, budget)).toList(), context);
  }

  /** Runs the contributions (already in order) and returns the valid document with failures. */
  public Collected assembleAll(List<Contribution> contributions, CollectorContext context) {
    List<SectionFailure> failures = new ArrayList<>();
    Map<String, Owned> sections = new LinkedHashMap<>();
    for (Contribution contribution : contributions) {
      Collector collector = contribution.collector();
      String name = collector.getClass().getName();
      String key =
          contribution.plugin() != null ? contribution.plugin() : CollectorCalls.section(collector);
      String path =
          contribution.plugin() == null && coreSections.contains(key)
              ? key
              : EXTENSIONS + "/" + key;
      if (!KEY.matcher(key).matches() || key.equals(EXTENSIONS)) {
        failures.add(
            new SectionFailure(
                key,
                name,
                SectionFailure.Kind.BAD_KEY,
                "section key must be 1-64 lowercase letters, digits, '_' or '-', starting with a"
                    + " letter, and not 'extensions'"));
        continue;
      }
      if (sections.containsKey(path)) {
        failures.add(
            new SectionFailure(
                path,
                name,
                SectionFailure.Kind.BAD_KEY,
                "section '" + key + "' is already produced by " + sections.get(path).collector));
        continue;
      }
      SectionFailure failure = null;
      try {
        Section section = run(collector, context, contribution.budget());
        if (section != null) {
          int major = section.major() == 0 ? schema.major() : section.major();
          if (major > schema.major()) {
            failure =
                new SectionFailure(
                    path,
                    name,
                    SectionFailure.Kind.INVALID,
                    "was produced for schema major "
                        + major
                        + ", newer than the major "
                        + schema.major()
                        + " being produced; migrations only go forward");
          } else {
            JsonNode json = toJson(section);
            failure = check(contribution, path, name, json);
            if (failure == null) {
              sections.put(path, new Owned(name, json, major));
            }
          }
        }
      } catch (TimeoutException e) {
        failure =
            new SectionFailure(
                path,
                name,
                SectionFailure.Kind.TIMED_OUT,
                "did not finish within " + contribution.budget().toMillis() + " ms");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        boolean setup = cause instanceof HostSetupMissing && contribution.plugin() == null;
        failure =
            new SectionFailure(
                path,
                name,
                SectionFailure.Kind.THREW,
                setup ? cause.getMessage() : "threw " + cause.getClass().getName());
        log.warn(
            "collector {} threw; its section '{}' is left out", name, path, setup ? null : cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure =
            new SectionFailure(
                path, name, SectionFailure.Kind.TIMED_OUT, "interrupted while collecting");
      } catch (SectionJson.TooLarge e) {
        failure = new SectionFailure(path, name, SectionFailure.Kind.TOO_LARGE, e.getMessage());
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError | LinkageError e) {
        // whatever the section does to serialization or its own schema, it loses only itself
        failure =
            new SectionFailure(
                path,
                name,
                SectionFailure.Kind.THREW,
                "could not be serialized or checked (" + e.getClass().getName() + ")");
        log.warn(
            "section '{}' of {} could not be serialized or checked; it is left out", path, name, e);
      }
      if (failure != null) {
        failures.add(failure);
        if (failure.kind() != SectionFailure.Kind.THREW) {
          log.warn("{}", failure);
        }
      }
    }
    carryForward(sections, failures);
    ObjectNode document = build(sections);
    List<SchemaViolation> violations = validateOrIsolate(document, sections, failures);
    if (violations == null) {
      document = build(sections);
      violations = schema.validate(document);
    }
    if (!violations.isEmpty()) {
      Map<String, List<SchemaViolation>> bySection = new LinkedHashMap<>();
      for (SchemaViolation v : violations) {
        String path =
            v.topLevelKey().equals(EXTENSIONS) && !v.secondKey().isEmpty()
                ? EXTENSIONS + "/" + v.secondKey()
                : v.topLevelKey();
        if (!sections.containsKey(path)) {
          throw new IllegalStateException(
              "the assembled document breaks the schema outside any" + " section: " + v);
        }
        bySection.computeIfAbsent(path, p -> new ArrayList<>()).add(v);
      }
      bySection.forEach(
          (path, list) -> {
            SectionFailure f =
                new SectionFailure(
                    path,
                    sections.remove(path).collector,
                    SectionFailure.Kind.INVALID,
                    describe(list));
            failures.add(f);
            log.warn("{}", f);
          });
      document = build(sections);
      List<SchemaViolation> remaining = schema.validate(document);
      if (!remaining.isEmpty()) {
        throw new IllegalStateException(
            "document still invalid after dropping sections: " + remaining);
      }
    }
    return new Collected(new TelemetryDocument(document), failures);
  }

  /**
   * Validates the document; when the validator itself throws, finds the sections that make it throw
   * by validating each on its own, drops them (recorded as failures), and returns null so that the
   * caller validates what remains.
   */
  private List<SchemaViolation> validateOrIsolate(
      ObjectNode document, Map<String, Owned> sections, List<SectionFailure> failures) {
    try {
      return schema.validate(document);
    } catch (RuntimeException | StackOverflowError e) {
      log.warn("the validator failed on the document; checking each section on its own", e);
    }
    for (String path : List.copyOf(sections.keySet())) {
      Map<String, Owned> alone = new LinkedHashMap<>();
      alone.put(path, sections.get(path));
      try {
        schema.validate(build(alone));
      } catch (RuntimeException | StackOverflowError e) {
        failures.add(
            new SectionFailure(
                path,
                sections.remove(path).collector,
                SectionFailure.Kind.THREW,
                "made the validator fail (" + e.getClass().getName() + ")"));
      }
    }
    return null;
  }

  /** The section's own limits: its size, and its own schema (a plugin's). */
  private static SectionFailure check(Contribution c, String path, String name, JsonNode json) {
    // core sections are unbounded here (the schema bounds them); only extensions are measured
    int size = c.maxBytes() == Integer.MAX_VALUE ? 0 : SIZE.writeValueAsBytes(json).length;
    if (size > c.maxBytes()) {
      return new SectionFailure(
          path,
          name,
          SectionFailure.Kind.TOO_LARGE,
          "is " + size + " bytes; a section of this kind may take " + c.maxBytes());
    }
    if (c.sectionSchema() != null) {
      List<SchemaViolation> violations = c.sectionSchema().validate(json);
      if (!violations.isEmpty()) {
        return new SectionFailure(
            path,
            name,
            SectionFailure.Kind.INVALID,
            describe(
                    violations.stream()
                        .map(
                            v ->
                                new SchemaViolation(
                                    "/" + path + v.pointer(),
                                    v.keyword(),
                                    v.message(),
                                    v.property()))
                        .toList())
                .replace("the schema", "its own schema"));
      }
    }
    return null;
  }

  private static final JsonMapper SIZE = JsonMapper.shared();

  private Section run(Collector collector, CollectorContext context, Duration limit)
      throws TimeoutException, ExecutionException, InterruptedException {
    Future<Section> future = WORKERS.submit(() -> collector.collect(context));
    try {
      return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      future.cancel(true);
    }
  }

  private static JsonNode toJson(Section section) {
    return SectionJson.of(section.isList() ? section.items() : section.fields());
  }

  /**
   * Sections produced for an older major, carried to the major being produced by the schema's
   * migrations (one pass per older major, over those sections only), in their places; a section a
   * migration renames takes its new key, one it adds comes last.
   */
  private void carryForward(Map<String, Owned> sections, List<SectionFailure> failures) {
    int target = schema.major();
    Map<Integer, Map<String, Owned>> older = new TreeMap<>();
    sections.forEach(
        (path, owned) -> {
          if (owned.major < target) {
            older.computeIfAbsent(owned.major, m -> new LinkedHashMap<>()).put(path, owned);
          }
        });
    if (older.isEmpty()) {
      return;
    }
    Map<String, Owned> carried = new LinkedHashMap<>();
    older.forEach(
        (major, group) -> {
          String firstOwner = group.values().iterator().next().collector;
          JsonNode up;
          try {
            up = catalog.upcast(build(group, major), major, target);
          } catch (RuntimeException e) {
            group.forEach(
                (path, owned) ->
                    failures.add(
                        new SectionFailure(
                            path,
                            owned.collector,
                            SectionFailure.Kind.INVALID,
                            "was produced for schema major "
                                + major
                                + " and cannot be carried to major "
                                + target
                                + ": "
                                + e.getMessage())));
            return;
          }
          for (Map.Entry<String, JsonNode> field : up.properties()) {
            if (field.getKey().equals("schema_version")) {
              continue;
            }
            if (field.getKey().equals(EXTENSIONS) && field.getValue().isObject()) {
              field
                  .getValue()
                  .properties()
                  .forEach(
                      ext -> {
                        String path = EXTENSIONS + "/" + ext.getKey();
                        Owned was = group.get(path);
                        carried.put(
                            path,
                            new Owned(
                                was != null ? was.collector : firstOwner, ext.getValue(), target));
                      });
            } else {
              Owned was = group.get(field.getKey());
              carried.put(
                  field.getKey(),
                  new Owned(was != null ? was.collector : firstOwner, field.getValue(), target));
            }
          }
        });
    Map<String, Owned> out = new LinkedHashMap<>();
    sections.forEach(
        (path, owned) -> {
          if (owned.major == target) {
            out.put(path, owned);
          } else if (carried.containsKey(path)) {
            out.put(path, carried.remove(path));
          }
        });
    carried.forEach(out::putIfAbsent);
    sections.clear();
    sections.putAll(out);
  }

  private ObjectNode build(Map<String, Owned> sections) {
    return build(sections, schema.major());
  }

  private ObjectNode build(Map<String, Owned> sections, int major) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("schema_version", major);
    ObjectNode extensions = null;
    for (Map.Entry<String, Owned> e : sections.entrySet()) {
      if (e.getKey().startsWith(EXTENSIONS + "/")) {
        if (extensions == null) {
          extensions = JsonNodeFactory.instance.objectNode();
        }
        extensions.set(e.getKey().substring(EXTENSIONS.length() + 1), e.getValue().json.deepCopy());
      } else {
        root.set(e.getKey(), e.getValue().json.deepCopy());
      }
    }
    if (extensions != null) {
      root.set(EXTENSIONS, extensions);
    }
    return root;
  }

  private static String describe(List<SchemaViolation> violations) {
    Map<String, String> unique = new HashMap<>();
    List<String> parts = new ArrayList<>();
    for (SchemaViolation v : violations) {
      String text = v.field() + " breaks rule '" + v.keyword() + "'";
      if (unique.put(text, text) == null) {
        parts.add(text);
      }
    }
    return "fails the schema: "
        + String.join("; ", parts.subList(0, Math.min(5, parts.size())))
        + (parts.size() > 5 ? "; and " + (parts.size() - 5) + " more" : "");
  }

  private record Owned(String collector, JsonNode json, int major) {}
}
