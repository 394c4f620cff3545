package gg.kalico.telemetry.collect.store;

import java.time.Instant;

/**
 * One accepted report in its stored form: the canonical document of the current schema major,
 * whatever shape or major it arrived in.
 *
 * @param reportKey the client's Idempotency-Key, or a key made on arrival when it sent none
 * @param machineId the keyed hash of the machine id (never the raw id)
 * @param receivedAt when the service accepted it
 * @param schemaMajor the schema major the report arrived in ({@link #KALICO_SHAPE} for Kalico's own
 *     shape, which names none)
 * @param source {@code canonical} or {@code kalico}
 * @param documentSha256 SHA-256 of the document without its per-report fields, to see a change
 * @param deflatedDocument the canonical document as it is stored ({@link Deflated}): with the
 *     machine and with the day's report
 * @param ownerImage the image of the machine's owner secret the report came with, or null
 */
public record IncomingReport(
    String reportKey,
    String machineId,
    Instant receivedAt,
    int schemaMajor,
    String source,
    String documentSha256,
    byte[] deflatedDocument,
    String ownerImage) {

  /** The schema major recorded for a report in Kalico's own shape, which carries none. */
  public static final int KALICO_SHAPE = 0;

  /** A report whose stored form is made here, on the request's thread, not the writer's. */
  public static IncomingReport of(
      String reportKey,
      String machineId,
      Instant receivedAt,
      int schemaMajor,
      String source,
      byte[] document,
      String documentSha256,
      String ownerImage) {
    return new IncomingReport(
        reportKey,
        machineId,
        receivedAt,
        schemaMajor,
        source,
        documentSha256,
        Deflated.of(document),
        ownerImage);
  }
}
