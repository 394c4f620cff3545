package gg.kalico.telemetry.core.assembly;

import gg.kalico.telemetry.core.document.TelemetryDocument;
import java.util.List;

/**
 * The result of one collection: a schema-valid document, and the sections that were left out.
 *
 * @param document the document; always valid against the schema
 * @param failures sections left out, in collector order; empty when every collector succeeded
 */
public record Collected(TelemetryDocument document, List<SectionFailure> failures) {

  /** Copies the failure list. */
  public Collected {
    failures = List.copyOf(failures);
  }
}
