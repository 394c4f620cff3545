package gg.kalico.telemetry.collect.ingest;

import gg.kalico.telemetry.collect.store.IncomingReport;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.schema.SchemaViolation;
import gg.kalico.telemetry.schema.TelemetrySchema;
import gg.kalico.telemetry.schema.UnknownFields;
import gg.kalico.telemetry.spi.collector.MachineOwner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a request body into a stored report: parses it, tells the canonical document (any published
 * major) from Kalico's own shape, validates it with the same schemas the client uses, carries it to
 * the canonical document of the current major with the schema's own migrations (so reports of every
 * major are counted in the same statistics), and names the machine by its keyed hash. Refusals are
 * {@link Rejection}s that name the field and rule, never a value.
 *
 * <p>A document that claims a later minor of a major this service knows (the {@code
 * Telemetry-Schema} header, {@code MAJOR.MINOR}) is read leniently: the fields this service's
 * schema does not know are set aside ({@link UnknownFields}), the rest is validated exactly as any
 * other document, and the set-aside fields are stored back in the document (at most {@link
 * #MAX_LATER_BYTES} of them) but never counted: the statistics read only fields they name. A
 * document without the header, or claiming this service's minor or an earlier one, is validated
 * strictly. A document of a later major is refused with 415 and the majors accepted, which the
 * client reads as "keep it for later".
 */
public final class ReportReader {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern CLAIM = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

  /** At most this much (compact JSON) of a later minor's fields is stored with a report. */
  public static final int MAX_LATER_BYTES = 16 * 1024;

  /** Hears how many later-minor fields each report had, kept and dropped (for /metrics). */
  @FunctionalInterface
  public interface LaterFieldsListener {
    /** One report's later-minor fields: how many were stored, and how many were not. */
    void fields(int kept, int dropped);
  }

  private final SchemaCatalog catalog;
  private final Map<Integer, TelemetrySchema> majors = new LinkedHashMap<>();
  private final TelemetrySchema current;
  private final TelemetrySchema kalicoSchema;
  private final KalicoReports kalico;
  private final LaterFieldsListener later;

  /**
   * Reads the majors of {@code catalog} (a schema folder, to try a new major).
   *
   * @param later told of the later-minor fields of each report
   */
  public ReportReader(SchemaCatalog catalog, LaterFieldsListener later) {
    this.later = later;
    this.catalog = catalog;
    for (int major : catalog.majors()) {
      majors.put(major, catalog.load(major));
    }
    current = majors.get(catalog.current());
    kalicoSchema = TelemetrySchema.kalicoClient();
    kalico = new KalicoReports(catalog, current.major());
  }

  /** The major every stored report has. */
  public int currentMajor() {
    return current.major();
  }

  /** The published majors this service accepts. */
  public Set<Integer> acceptedMajors() {
    return majors.keySet();
  }

  /**
   * Reads one report.
   *
   * @param body the decoded request body
   * @param idempotencyKey the request's Idempotency-Key header, or null
   * @param owner the request's Telemetry-Owner header (the image of the machine's owner secret), or
   *     null
   * @param claim the request's Telemetry-Schema header ({@code MAJOR.MINOR}), or null
   * @param receivedAt when it arrived
   * @throws Rejection when the body is not a report this service accepts
   */
  public IncomingReport read(
      byte[] body, String idempotencyKey, String owner, String claim, Instant receivedAt) {
    if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
      throw Rejection.of(
          400,
          "idempotency_key",
          "Idempotency-Key must be 1 to 64 letters, digits, '-' or '_' (a UUID)");
    }
    if (owner != null && !MachineOwner.wellFormed(owner)) {
      throw Rejection.of(
          400,
          "owner",
          "Telemetry-Owner must be 64 lowercase hex digits (the"
              + " SHA-256 image of the machine's owner secret)");
    }
    requireUtf8(body);
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (JacksonException e) {
      throw Rejection.of(400, "json", "the body is not valid JSON");
    }
    if (tree == null || !tree.isObject()) {
      throw Rejection.of(400, "json", "the body must be a JSON object");
    }
    ObjectNode document;
    int major;
    String source;
    if (tree.has("schema_version")) {
      major = canonicalMajor(tree);
      TelemetrySchema schema = majors.get(major);
      List<UnknownFields.Field> laterFields =
          claimsLaterMinor(claim, schema) ? schema.removeUnknown(tree) : List.of();
      check(schema, tree);
      document = upcast((ObjectNode) tree, major);
      if (!laterFields.isEmpty()) {
        keepBounded(document, laterFields);
      }
      source = "canonical";
    } else if (tree.has("id") && tree.has("platform")) {
      check(kalicoSchema, tree);
      ObjectNode mapped = kalico.toCanonical(tree, idempotencyKey != null);
      if (idempotencyKey == null) {
        // Kalico's own client sends the raw id: the owner's image is computed from it here, so
        // the machine can be managed from this project's client
        owner = MachineOwner.image(MachineOwner.secret(tree.get("id").asString()));
      }
      dropWhatDoesNotFit(mapped);
      document = mapped;
      major = IncomingReport.KALICO_SHAPE;
      source = "kalico";
    } else {
      throw Rejection.of(
          400,
          "shape",
          "the body is neither a telemetry document (it has no"
              + " schema_version) nor Kalico's report (it has no id and platform)");
    }
    JsonNode id = document.path("machine").path("id");
    if (!id.isString()) {
      throw Rejection.invalid(
          "the collect service counts machines: a report needs machine.id",
          List.of(new Rejection.Violation("/machine", "required")));
    }
    byte[] stored = JSON.writeValueAsBytes(document);
    return IncomingReport.of(
        idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString(),
        id.asString(),
        receivedAt,
        major,
        source,
        stored,
        sha256(stored),
        owner);
  }

  /**
   * JSON on the wire is UTF-8 without a byte-order mark (RFC 8259, section 8.1). Jackson would
   * detect UTF-16 and UTF-32 by their zero bytes and read them, so they are refused here: a zero
   * byte among the first four, or a byte-order mark of any of them.
   */
  static void requireUtf8(byte[] body) {
    boolean bom =
        body.length >= 2
                && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                    || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))
            || body.length >= 3
                && body[0] == (byte) 0xEF
                && body[1] == (byte) 0xBB
                && body[2] == (byte) 0xBF;
    boolean zero = false;
    for (int i = 0; i < Math.min(4, body.length); i++) {
      zero |= body[i] == 0;
    }
    if (bom || zero) {
      throw Rejection.of(
          400, "encoding", "JSON must be sent as UTF-8 without a byte-order" + " mark");
    }
  }

  /**
   * Whether the Telemetry-Schema header claims a later minor of the document's major than this
   * service's schema of it.
   *
   * @throws Rejection when the header is malformed or names another major than the document
   */
  private static boolean claimsLaterMinor(String claim, TelemetrySchema schema) {
    if (claim == null) {
      return false;
    }
    Matcher m = CLAIM.matcher(claim.strip());
    if (!m.matches()) {
      throw Rejection.of(
          400,
          "schema_claim",
          "Telemetry-Schema must be MAJOR.MINOR (for"
              + " example 1.1), the schema version the document follows");
    }
    if (Integer.parseInt(m.group(1)) != schema.major()) {
      throw Rejection.of(
          400,
          "schema_claim",
          "Telemetry-Schema names major "
              + m.group(1)
              + " but the document's schema_version is "
              + schema.major());
    }
    return Integer.parseInt(m.group(2)) > schema.minor();
  }

  /**
   * Stores a later minor's fields back in the document, where their object still is, when they come
   * to at most {@link #MAX_LATER_BYTES}; otherwise none of them. Tells the listener.
   */
  private void keepBounded(ObjectNode document, List<UnknownFields.Field> fields) {
    long size = 0;
    for (UnknownFields.Field f : fields) {
      size += f.pointer().length() + JSON.writeValueAsBytes(f.value()).length;
    }
    int dropped =
        size > MAX_LATER_BYTES ? fields.size() : UnknownFields.restore(document, fields).size();
    later.fields(fields.size() - dropped, dropped);
  }

  private int canonicalMajor(JsonNode tree) {
    JsonNode v = tree.get("schema_version");
    if (v.isInt() && v.asInt() > current.major()) {
      throw Rejection.unsupportedMajor(
          v.asInt(),
          majors.keySet().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    if (!v.isInt() || !majors.containsKey(v.asInt())) {
      throw Rejection.invalid(
          "schema_version must be one of the published majors " + majors.keySet(),
          List.of(new Rejection.Violation("/schema_version", "enum")));
    }
    return v.asInt();
  }

  /**
   * Brings a valid document of an older major to the current one with the schema's migrations
   * ({@code schema/migrations/}, checked by the build against the examples of every major).
   */
  private ObjectNode upcast(ObjectNode document, int major) {
    if (major == current.major()) {
      return document;
    }
    ObjectNode up = (ObjectNode) catalog.upcast(document, major, current.major());
    List<SchemaViolation> violations = current.validate(up);
    if (!violations.isEmpty()) {
      // the migration does not fit this document: the service's to fix, not the sender's
      throw new IllegalStateException(
          "migrating a valid major "
              + major
              + " document to major "
              + current.major()
              + " gave an invalid one: "
              + violations);
    }
    return up;
  }

  private static void check(TelemetrySchema schema, JsonNode tree) {
    List<SchemaViolation> violations = schema.validate(tree);
    if (!violations.isEmpty()) {
      throw Rejection.invalid(
          "the document does not match the schema",
          violations.stream()
              .map(v -> new Rejection.Violation(v.field(), v.keyword()))
              .distinct()
              .toList());
    }
  }

  /**
   * Kalico's client sends free-form platform strings; a value the canonical schema cannot hold (too
   * long, empty) is dropped from system and software, as the client drops what it cannot send. What
   * remains must be valid.
   */
  private void dropWhatDoesNotFit(ObjectNode document) {
    TelemetrySchema target = current;
    List<SchemaViolation> violations = target.validate(document);
    Set<String> dropped = new HashSet<>();
    for (SchemaViolation v : violations) {
      String key = v.topLevelKey();
      if ((key.equals("system") || key.equals("software")) && dropped.add(v.pointer())) {
        remove(document, v.pointer());
      }
    }
    if (!dropped.isEmpty()) {
      check(target, document);
    }
  }

  private static void remove(ObjectNode document, String pointer) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = document.at(pointer.substring(0, slash));
    if (parent instanceof ObjectNode o) {
      o.remove(pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~"));
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
