package gg.kalico.telemetry.core;

import gg.kalico.telemetry.core.document.TelemetryDocument;
import gg.kalico.telemetry.schema.SchemaCatalog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The shape a document has on the wire. {@link #CANONICAL} is the document as the schema defines
 * it; a host adapter may add others (the Kalico adapter adds {@code kalico}, the shape Kalico's own
 * client posts). A profile maps fields from the canonical document of the document's major; a field
 * it cannot map is left out and reported ({@link Shaped#unmapped()}), never guessed.
 */
public interface WireProfile {
  /** The document as the schema defines it. */
  WireProfile CANONICAL =
      new WireProfile() {
        @Override
        public String label() {
          return "canonical";
        }

        @Override
        public Shaped shape(TelemetryDocument document, SchemaCatalog catalog) {
          return new Shaped(document.tree(), List.of());
        }

        @Override
        public String toString() {
          return label();
        }
      };

  /**
   * A field of the profile that could not be mapped.
   *
   * @param field the profile's field, for example {@code platform.version}
   * @param why what is wrong and where to fix it
   */
  record Unmapped(String field, String why) {}

  /**
   * A document in a profile.
   *
   * @param tree what is sent
   * @param unmapped the fields left out because the mapping does not fit the document's major
   */
  record Shaped(JsonNode tree, List<Unmapped> unmapped) {
    /** The bytes to send and show: pretty JSON ending with a newline. */
    public byte[] bytes() {
      return (TelemetryDocument.pretty(tree) + "\n").getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The profile's name, as options and messages spell it. */
  String label();

  /** The tree to send and what could not be mapped, with a catalog's majors. */
  Shaped shape(TelemetryDocument document, SchemaCatalog catalog);

  /** The bytes to send and show: pretty JSON ending with a newline, as the canonical document. */
  default byte[] render(TelemetryDocument document, SchemaCatalog catalog) {
    return shape(document, catalog).bytes();
  }
}
