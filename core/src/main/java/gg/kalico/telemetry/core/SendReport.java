package gg.kalico.telemetry.core;

import gg.kalico.telemetry.spi.transport.Receipt;
import java.util.List;

/**
 * What one sending round did.
 *
 * @param newReport whether a new document was made in this round
 * @param delivered receipts of the documents delivered, oldest first
 * @param refused why documents were refused for good (and dropped)
 * @param waiting how many documents wait in the spool after the round
 * @param deferred why delivery stopped for now, or null when everything went out
 */
public record SendReport(
    boolean newReport,
    List<Receipt> delivered,
    List<String> refused,
    int waiting,
    String deferred) {

  /** Copies. */
  public SendReport {
    delivered = List.copyOf(delivered);
    refused = List.copyOf(refused);
  }
}
