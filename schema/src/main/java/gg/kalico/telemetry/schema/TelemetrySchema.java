package gg.kalico.telemetry.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A published major version of the telemetry schema, ready to validate documents.
 *
 * <p>Loading compiles the schema once (a few tens of milliseconds); instances are immutable and
 * thread-safe, so a host keeps one. The published majors come from a {@link SchemaCatalog}; the
 * schema text is the only source, so an unknown {@code $ref} fails instead of reaching the network.
 */
public final class TelemetrySchema {
  private static final String ID_PREFIX = "https://kalico.gg/telemetry/schema/";
  private static final String KALICO_CLIENT_FILE = "kalico-client.schema.json";

  /**
   * The annotation that states a working schema's minor version: the minor of its last release
   * ({@code schema release} sets it). Absent means 0.
   */
  public static final String MINOR_KEYWORD = "x-minor";

  /**
   * 2020-12, plus this project's annotations {@code x-privacy} and {@code x-minor} (they never
   * affect validity).
   */
  private static final Dialect DIALECT =
      Dialect.builder(Dialects.getDraft202012())
          .keyword(new AnnotationKeyword(PrivacyClasses.KEYWORD))
          .keyword(new AnnotationKeyword(MINOR_KEYWORD))
          .build();

  private final int major;
  private final Schema schema;

  private TelemetrySchema(int major, Schema schema) {
    this.major = major;
    this.schema = schema;
  }

  /** The newest major version this build publishes (the highest schema file present). */
  public static int currentMajor() {
    return SchemaCatalog.published().current();
  }

  /** Loads the current major version this build publishes. */
  public static TelemetrySchema current() {
    return load(currentMajor());
  }

  /**
   * Loads a major version this build publishes.
   *
   * @throws IllegalArgumentException naming the published majors if this build does not publish
   *     that one
   */
  public static TelemetrySchema load(int major) {
    return SchemaCatalog.published().load(major);
  }

  /**
   * The shape Kalico's own client posts ({@code kalico-client.schema.json}): what the collect
   * service accepts besides the canonical document. Its {@link #major()} is 0.
   */
  public static TelemetrySchema kalicoClient() {
    return new TelemetrySchema(
        0,
        compileText(
            ID_PREFIX + KALICO_CLIENT_FILE, SchemaCatalog.published().text(KALICO_CLIENT_FILE)));
  }

  /** Compiles a major's schema text; nothing is fetched (the text is the only source). */
  static TelemetrySchema compile(int major, String text) {
    return new TelemetrySchema(major, compileText(ID_PREFIX + fileName(major), text));
  }

  private static Schema compileText(String id, String text) {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(DIALECT, b -> b.schemas(Map.of(id, text)::get));
    Schema schema = registry.getSchema(SchemaLocation.of(id));
    schema.initializeValidators();
    return schema;
  }

  /**
   * Compiles a section schema given as text (a plugin's), under its own id. Call only after {@link
   * SectionSchemaCheck} passed; nothing is fetched.
   */
  public static TelemetrySchema section(String id, String schemaText) {
    String uri = "urn:telemetry:section:" + id;
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(DIALECT, b -> b.schemas(Map.of(uri, schemaText)::get));
    Schema schema = registry.getSchema(SchemaLocation.of(uri));
    schema.initializeValidators();
    return new TelemetrySchema(0, schema);
  }

  /**
   * The section keys of every major this build publishes, read from the schema files without
   * compiling them (cheap): the names no plugin may claim.
   */
  public static Set<String> publishedSectionKeys() {
    return SchemaCatalog.published().allSectionKeys();
  }

  /** A schema's section keys: top-level properties but schema_version and extensions. */
  static Set<String> sectionKeysOf(JsonNode schema) {
    Set<String> keys = new LinkedHashSet<>(schema.get("properties").propertyNames());
    keys.remove("schema_version");
    keys.remove("extensions");
    return Collections.unmodifiableSet(keys);
  }

  /** The file name a major version is published under, for example telemetry-1.schema.json. */
  public static String fileName(int major) {
    return "telemetry-" + major + ".schema.json";
  }

  /** The class-path resource of a major version. */
  public static String resource(int major) {
    return "schemas/" + fileName(major);
  }

  /** This schema's major version. */
  public int major() {
    return major;
  }

  /** This schema's minor version: its {@value #MINOR_KEYWORD}, or 0. */
  public int minor() {
    return minorOf(schema.getSchemaNode());
  }

  /** A schema's minor version: its {@value #MINOR_KEYWORD}, or 0. */
  public static int minorOf(JsonNode schema) {
    return Math.max(0, schema.path(MINOR_KEYWORD).asInt(0));
  }

  /**
   * Sets aside, and returns, the fields of {@code document} this schema does not know: the fields a
   * later minor added (see {@link UnknownFields}). The document keeps the rest.
   */
  public List<UnknownFields.Field> removeUnknown(JsonNode document) {
    return UnknownFields.remove(schema.getSchemaNode(), document);
  }

  /**
   * The document's section keys: the top-level properties other than {@code schema_version} and
   * {@code extensions}, in schema order.
   */
  public Set<String> sectionKeys() {
    return sectionKeysOf(schema.getSchemaNode());
  }

  /** The property an additionalProperties or required failure is about. */
  private static String namedProperty(Error e) {
    String k = e.getKeyword();
    if (!"additionalProperties".equals(k)
        && !"required".equals(k)
        && !"unevaluatedProperties".equals(k)) {
      return null;
    }
    return e.getProperty();
  }

  /** Every violation of the schema in the document, empty when it is valid. */
  public List<SchemaViolation> validate(JsonNode document) {
    List<Error> errors = schema.validate(document);
    return errors.stream()
        .map(
            e ->
                new SchemaViolation(
                    e.getInstanceLocation().toString(),
                    e.getKeyword(),
                    e.getMessage(),
                    namedProperty(e)))
        .toList();
  }
}
