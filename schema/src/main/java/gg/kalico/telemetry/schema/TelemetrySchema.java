package gg.kalico.telemetry.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A published major version of the telemetry schema, ready to validate documents.
 *
 * <p>Loading compiles the schema once (a few tens of milliseconds); instances are immutable and
 * thread-safe, so a host keeps one. Only the class path is read: an unknown {@code $ref} fails
 * instead of reaching the network.
 */
public final class TelemetrySchema {
  /** The newest major version this build publishes. */
  public static final int CURRENT_MAJOR = 1;

  private static final String ID_PREFIX = "https://kalico.gg/telemetry/schema/";
  private static final String KALICO_CLIENT_FILE = "kalico-client.schema.json";
  /** 2020-12, plus this project's annotation {@code x-privacy} (it never affects validity). */
  private static final com.networknt.schema.dialect.Dialect DIALECT =
      com.networknt.schema.dialect.Dialect.builder(
              com.networknt.schema.dialect.Dialects.getDraft202012())
          .keyword(new com.networknt.schema.keyword.AnnotationKeyword(PrivacyClasses.KEYWORD))
          .build();

  private final int major;
  private final Schema schema;

  private TelemetrySchema(int major, Schema schema) {
    this.major = major;
    this.schema = schema;
  }

  /** Loads the current major version. */
  public static TelemetrySchema current() {
    return load(CURRENT_MAJOR);
  }

  /**
   * Loads a published major version.
   *
   * @throws IllegalArgumentException if this build does not publish that version
   */
  public static TelemetrySchema load(int major) {
    String file = fileName(major);
    if (TelemetrySchema.class.getClassLoader().getResource(resource(major)) == null) {
      throw new IllegalArgumentException(
          "schema version " + major + " is not published by this build; the current one is "
              + CURRENT_MAJOR);
    }
    return new TelemetrySchema(major, compile(file));
  }

  /**
   * The shape Kalico's own client posts ({@code kalico-client.schema.json}): what the collect
   * service accepts besides the canonical document. Its {@link #major()} is 0.
   */
  public static TelemetrySchema kalicoClient() {
    return new TelemetrySchema(0, compile(KALICO_CLIENT_FILE));
  }

  /** Compiles a schema file this module publishes, from the class path only. */
  private static Schema compile(String file) {
    String id = ID_PREFIX + file;
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(DIALECT,
        b -> b.schemaIdResolvers(r -> r.mappings(Map.of(id, "classpath:schemas/" + file))));
    Schema schema = registry.getSchema(SchemaLocation.of(id));
    schema.initializeValidators();
    return schema;
  }

  /**
   * Compiles a section schema given as text (a plugin's), under its own id. Call only after
   * {@link SectionSchemaCheck} passed; nothing is fetched.
   */
  public static TelemetrySchema section(String id, String schemaText) {
    String uri = "urn:telemetry:section:" + id;
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(DIALECT,
        b -> b.schemas(Map.of(uri, schemaText)::get));
    Schema schema = registry.getSchema(SchemaLocation.of(uri));
    schema.initializeValidators();
    return new TelemetrySchema(0, schema);
  }

  /**
   * The current schema's section keys, read from the schema file without compiling it (cheap).
   */
  public static java.util.Set<String> publishedSectionKeys() {
    try (java.io.InputStream in = TelemetrySchema.class.getClassLoader()
        .getResourceAsStream(resource(CURRENT_MAJOR))) {
      JsonNode root = tools.jackson.databind.json.JsonMapper.shared().readTree(in);
      java.util.Set<String> keys = new java.util.LinkedHashSet<>(root.get("properties")
          .propertyNames());
      keys.remove("schema_version");
      keys.remove("extensions");
      return java.util.Collections.unmodifiableSet(keys);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the published schema is missing from the class path", e);
    }
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

  /**
   * The document's section keys: the top-level properties other than {@code schema_version} and
   * {@code extensions}, in schema order.
   */
  public java.util.Set<String> sectionKeys() {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    schema.getSchemaNode().get("properties").propertyNames().forEach(keys::add);
    keys.remove("schema_version");
    keys.remove("extensions");
    return java.util.Collections.unmodifiableSet(keys);
  }

  /** Every violation of the schema in the document, empty when it is valid. */
  public List<SchemaViolation> validate(JsonNode document) {
    List<Error> errors = schema.validate(document);
    return errors.stream()
        .map(e -> new SchemaViolation(
            e.getInstanceLocation().toString(), e.getKeyword(), e.getMessage()))
        .toList();
  }
}
