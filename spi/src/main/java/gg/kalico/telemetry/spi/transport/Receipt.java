package gg.kalico.telemetry.spi.transport;

import java.time.Instant;
import java.util.Objects;

/**
 * Proof of one delivery.
 *
 * @param transport the transport's name
 * @param destination where the document went, fit to show a user (a path, a host, "stdout"); no
 *     credentials
 * @param documentId the delivered document's id
 * @param bytes how many body bytes were delivered
 * @param deliveredAt when the delivery completed
 */
public record Receipt(
    String transport, String destination, String documentId, long bytes, Instant deliveredAt) {

  /** Validates. */
  public Receipt {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(deliveredAt, "deliveredAt");
  }
}
