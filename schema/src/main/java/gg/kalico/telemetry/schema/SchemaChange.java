package gg.kalico.telemetry.schema;

/**
 * One difference between two schemas.
 *
 * @param pointer where, as a JSON pointer into the new schema (the old one when removed)
 * @param verdict whether documents the old schema accepted are still accepted
 * @param reason what changed, in words
 */
public record SchemaChange(String pointer, Verdict verdict, String reason) {

  /** How a change affects documents the old schema accepted. */
  public enum Verdict {
    /** Every document the old schema accepted is still accepted. */
    COMPATIBLE,
    /** Some document the old schema accepted is now rejected. */
    BREAKING,
    /** The checker cannot judge it; treat it as breaking. */
    UNKNOWN
  }

  /** Whether this change must wait for a new major version. */
  public boolean breaks() {
    return verdict != Verdict.COMPATIBLE;
  }

  @Override
  public String toString() {
    String v = verdict == Verdict.UNKNOWN ? "unknown, treat as breaking"
        : verdict.name().toLowerCase(java.util.Locale.ROOT);
    return (pointer.isEmpty() ? "/" : pointer) + ": " + v + ": " + reason;
  }
}
