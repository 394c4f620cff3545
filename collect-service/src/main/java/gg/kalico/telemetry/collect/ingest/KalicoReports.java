package gg.kalico.telemetry.collect.ingest;

import gg.kalico.telemetry.schema.KalicoShape;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.schema.WireMapping;
import gg.kalico.telemetry.spi.collector.MachineIdHash;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the report Kalico's own client posts into the canonical document of one major, with the
 * mapping the client uses to produce such reports ({@link KalicoShape}). What is the receiver's own
 * is here: the raw machine id becomes the keyed hash before anything else sees it, where the id
 * came from is recorded beside it, only the os-release keys the schema allows are kept, and the
 * software facts are marked as the host's.
 */
final class KalicoReports {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{32}");

  private final KalicoShape shape;
  private final int major;
  private final Set<String> osReleaseKeys;

  /** Maps into {@code major} of {@code catalog}, with the catalog's mapping. */
  KalicoReports(SchemaCatalog catalog, int major) {
    this.shape = KalicoShape.of(catalog);
    this.major = major;
    this.osReleaseKeys = allowedKeys(catalog, major, shape.pointer(major, "platform.os_release"));
  }

  /**
   * The canonical document for a Kalico-shape report already valid against its schema.
   *
   * @param idIsHashed true when the sender is this project's client (its kalico profile sends an
   *     Idempotency-Key and the keyed hash), false for Kalico's client (the raw id)
   */
  ObjectNode toCanonical(JsonNode kalico, boolean idIsHashed) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("schema_version", major);
    doc.setAll(shape.toCanonical(kalico, major));
    String id = kalico.get("id").asString();
    if (idIsHashed && !HASH.matcher(id).matches()) {
      throw Rejection.invalid(
          "with an Idempotency-Key, 'id' must be the keyed hash this project's client sends",
          List.of(new Rejection.Violation("/id", "pattern")));
    }
    ObjectNode machine = KalicoShape.parentOf(doc, shape.pointer(major, "id"));
    machine.put(leaf(shape.pointer(major, "id")), idIsHashed ? id : MachineIdHash.of(id));
    machine.put("id_source", idIsHashed || HASH.matcher(id).matches() ? "machine-id" : "generated");
    JsonNode osRelease = doc.at(shape.pointer(major, "platform.os_release"));
    if (osRelease instanceof ObjectNode kept) {
      kept.retain(osReleaseKeys);
    }
    KalicoShape.parentOf(doc, shape.pointer(major, "version")).put("source", "host");
    return doc;
  }

  private static String leaf(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1);
  }

  /** The property names the schema of {@code major} allows in the object at {@code pointer}. */
  private static Set<String> allowedKeys(SchemaCatalog catalog, int major, String pointer) {
    JsonNode schema = WireMapping.schemaAt(catalog.schemaNode(major), pointer);
    return schema == null ? Set.of() : new HashSet<>(schema.path("properties").propertyNames());
  }
}
