package gg.kalico.telemetry.core.internal.discovery;

import gg.kalico.telemetry.core.internal.assembly.CollectorCalls;
import gg.kalico.telemetry.schema.SchemaViolation;
import gg.kalico.telemetry.schema.SectionSchemaCheck;
import gg.kalico.telemetry.schema.TelemetrySchema;
import gg.kalico.telemetry.spi.collector.Collector;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a collector may run, and builds what it contributes (its compiled section
 * schema). The one place these rules live: the host's discovery uses it, and so does {@code
 * PluginTestKit}, so the test kit a plugin author trusts cannot drift from the host. Every refusal
 * names the cause in words a plugin author can act on.
 */
public final class PluginAdmission {
  private PluginAdmission() {}

  /**
   * The verdict on one collector.
   *
   * @param schema its compiled section schema when admitted with one, else null
   * @param refusal why it may not run, or null when it may
   */
  public record Verdict(TelemetrySchema schema, String refusal) {
    /** Whether the collector may run. */
    public boolean admitted() {
      return refusal == null;
    }

    static Verdict refused(String why) {
      return new Verdict(null, why);
    }
  }

  /**
   * A plugin's collector: it fills one section, {@code extensions.<plugin-id>}, under a key that is
   * not a core section, and declares a section schema that passes {@link SectionSchemaCheck}.
   *
   * @param nth how many collectors of this plugin were seen, this one included
   * @param coreSections the document's own sections (of every published major)
   */
  public static Verdict pluginCollector(
      Collector c, String pluginId, int nth, Set<String> coreSections) {
    if (nth > 1) {
      return Verdict.refused(
          "it has more than one collector; a plugin fills one section,"
              + " extensions.<plugin-id>");
    }
    String key = CollectorCalls.section(c);
    if (key.isEmpty()) {
      return Verdict.refused(
          "its collector's section() gave no key or threw; return the"
              + " section's name (it is shown in messages; the section goes under extensions."
              + pluginId
              + ")");
    }
    if (coreSections.contains(key)) {
      return Verdict.refused(
          "its section key '"
              + key
              + "' collides with the core section of"
              + " that name; choose another");
    }
    Optional<String> schema = declared(c);
    if (schema == null) {
      return Verdict.refused("its collector's sectionSchema() threw");
    }
    if (schema.isEmpty()) {
      return Verdict.refused(
          "its collector returns no section schema; implement" + " Collector.sectionSchema()");
    }
    return checked(schema.get(), pluginId);
  }

  /**
   * A host's (or built-in) collector: a section schema it declares must pass the same check as a
   * plugin's; one that declares none is held to the document schema.
   */
  public static Verdict hostCollector(Collector c) {
    Optional<String> schema = declared(c);
    if (schema == null) {
      return Verdict.refused("its sectionSchema() threw");
    }
    if (schema.isEmpty()) {
      return new Verdict(null, null);
    }
    return checked(schema.get(), "host-" + CollectorCalls.section(c));
  }

  /** Why a plugin's transport cannot have its name, in the words {@code plugins} shows. */
  public static String transportNameTaken(String name, String owner) {
    return "its transport '"
        + name
        + "' was refused: the name belongs to "
        + (owner == null ? "a transport this host ships or binds" : "plugin " + owner)
        + "; give the transport another name";
  }

  /** The collector's declared schema; null when asking threw. */
  private static Optional<String> declared(Collector c) {
    try {
      Optional<String> s = c.sectionSchema();
      return s == null ? Optional.empty() : s;
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static Verdict checked(String schema, String id) {
    List<SchemaViolation> violations = SectionSchemaCheck.check(schema);
    if (!violations.isEmpty()) {
      SchemaViolation v = violations.get(0);
      return Verdict.refused(
          "its section schema breaks rule '"
              + v.keyword()
              + "' at "
              + (v.pointer().isEmpty() ? "/" : v.pointer())
              + ": "
              + v.message()
              + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
    }
    try {
      return new Verdict(TelemetrySchema.section(id, schema), null);
    } catch (RuntimeException e) {
      return Verdict.refused(
          "its section schema does not compile (" + e.getClass().getSimpleName() + ")");
    }
  }
}
