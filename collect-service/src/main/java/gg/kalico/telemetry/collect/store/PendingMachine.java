package gg.kalico.telemetry.collect.store;

/**
 * A machine whose counted state is behind its stored state: its document changed, it reported while
 * not counted (new, or back in the active window), or it left the window while counted.
 *
 * @param machineId the keyed hash
 * @param active whether its last report is inside the active window now
 * @param document its current document (JSON)
 * @param documentSha256 the current document's digest
 * @param countedNames what it adds to the counts now (the refresher's encoding), or null
 */
public record PendingMachine(
    String machineId,
    boolean active,
    String document,
    String documentSha256,
    byte[] countedNames) {}
