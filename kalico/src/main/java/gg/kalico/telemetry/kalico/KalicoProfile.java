package gg.kalico.telemetry.kalico;

import gg.kalico.telemetry.core.WireProfile;
import gg.kalico.telemetry.core.document.TelemetryDocument;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.schema.WireMapping;
import gg.kalico.telemetry.spi.TelemetryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code kalico} wire profile: the shape Kalico's own client posts today (id, version, branch,
 * cpu_info, platform, config, objects), so that reports can go to Kalico's existing endpoint. The
 * {@code id} stays this project's keyed hash, never the raw machine id.
 *
 * <p>Where each field comes from is data, per major ({@code schema/profiles/kalico-wire.json}). A
 * field whose pointer the document's major does not define is left out and reported, never filled
 * with a guess; a field the major defines but this document does not have (an unknown CPU model,
 * say) gets Kalico's own placeholder.
 */
public final class KalicoProfile implements WireProfile {
  /** The profile. */
  public static final KalicoProfile INSTANCE = new KalicoProfile();

  private KalicoProfile() {}

  /**
   * The profile named {@code canonical} or {@code kalico}.
   *
   * @throws gg.kalico.telemetry.spi.TelemetryException naming the profiles there are
   */
  public static WireProfile named(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.equals("canonical")) {
      return WireProfile.CANONICAL;
    }
    if (n.equals("kalico")) {
      return INSTANCE;
    }
    throw new TelemetryException("profile '" + name + "' is unknown; use canonical or kalico");
  }

  @Override
  public String label() {
    return "kalico";
  }

  @Override
  public String toString() {
    return label();
  }

  @Override
  public Shaped shape(TelemetryDocument document, SchemaCatalog catalog) {
    ObjectNode doc = document.tree();
    Mapper m = new Mapper(doc, catalog);
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode out = f.objectNode();
    m.text("id", "unknown").ifPresent(v -> out.put("id", v));
    m.text("version", "unknown").ifPresent(v -> out.put("version", v));
    m.text("branch", "unknown").ifPresent(v -> out.put("branch", v));
    JsonNode cores = m.node("cpu_cores");
    JsonNode model = m.node("cpu_model");
    if (cores != null && model != null) {
      out.put(
          "cpu_info",
          !cores.isMissingNode() || !model.isMissingNode()
              ? cores.asInt(0) + " core " + model.asString("?")
              : "unknown");
    }
    ObjectNode platform = out.putObject("platform");
    m.text("platform.machine", "").ifPresent(v -> platform.put("machine", v));
    JsonNode osRelease = m.node("platform.os_release");
    if (osRelease != null) {
      platform.set("os_release", osRelease.isMissingNode() ? f.objectNode() : osRelease);
    }
    m.text("platform.version", "").ifPresent(v -> platform.put("version", v));
    JsonNode runtimeName = m.node("platform.runtime_name");
    JsonNode runtimeVersion = m.node("platform.runtime_version");
    if (runtimeName != null && runtimeVersion != null) {
      platform.put("python", runtimeName.asString("java") + " " + runtimeVersion.asString(""));
    }
    JsonNode config = m.node("config");
    if (config != null) {
      out.set("config", config.isMissingNode() ? f.objectNode() : config);
    }
    JsonNode objects = m.node("objects");
    if (objects != null) {
      out.set("objects", objects.isMissingNode() ? f.arrayNode() : objects);
    }
    return new Shaped(out, List.copyOf(m.unmapped));
  }

  /** Reads the profile's fields from a document through the mapping of its major. */
  private static final class Mapper {
    private final ObjectNode doc;
    private final int major;
    private final WireMapping mapping;
    private final boolean known;
    private final List<Unmapped> unmapped = new ArrayList<>();

    Mapper(ObjectNode doc, SchemaCatalog catalog) {
      this.doc = doc;
      this.major = doc.path("schema_version").asInt(0);
      this.mapping = WireMapping.kalico(catalog);
      this.known = catalog.has(major);
    }

    /** The value (a missing node when the document lacks it), or null when unmapped. */
    JsonNode node(String field) {
      String pointer = mapping.pointer(major, field);
      if (!known || pointer == null) {
        unmapped.add(
            new Unmapped(
                field,
                "the kalico profile has no mapping for '"
                    + field
                    + "' in schema major "
                    + major
                    + "; add it to "
                    + WireMapping.FILE));
        return null;
      }
      if (!mapping.defines(major, pointer)) {
        unmapped.add(
            new Unmapped(
                field,
                "the kalico profile takes '"
                    + field
                    + "' from "
                    + pointer
                    + ", which schema major "
                    + major
                    + " does not define; update "
                    + WireMapping.FILE));
        return null;
      }
      return doc.at(pointer);
    }

    Optional<String> text(String field, String placeholder) {
      JsonNode v = node(field);
      return v == null
          ? Optional.empty()
          : Optional.of(v.isMissingNode() || v.isNull() ? placeholder : v.asString(placeholder));
    }
  }
}
