package gg.kalico.telemetry.schema;

import java.util.Locale;

/**
 * One difference between two schemas.
 *
 * @param pointer where, as a JSON pointer into the new schema (the old one when removed)
 * @param verdict whether clients and receivers on either schema still understand each other
 * @param direction which documents a breaking change breaks; {@link Direction#NONE} when compatible
 * @param reason what changed, in words
 */
public record SchemaChange(String pointer, Verdict verdict, Direction direction, String reason) {

  /** How a change affects documents between the two schemas. */
  public enum Verdict {
    /**
     * Both ways: every document the old schema accepted is accepted by the new one, and every
     * document of the new schema is accepted by a receiver on the old one (which sets aside the
     * fields it does not know, see {@link UnknownFields}).
     */
    COMPATIBLE,
    /** Some document is refused in the direction {@link SchemaChange#direction()} names. */
    BREAKING,
    /** The checker cannot judge it; treat it as breaking. */
    UNKNOWN
  }

  /** Which documents a breaking change breaks, and so which rollout order loses reports. */
  public enum Direction {
    /** Nothing breaks. */
    NONE(""),
    /** The new schema refuses documents the old one accepted. */
    OLD_DOCUMENTS(
        "a receiver on the new schema refuses documents of the old one, so clients not"
            + " yet updated lose reports"),
    /** A receiver on the old schema refuses documents of the new one. */
    NEW_DOCUMENTS(
        "a receiver on the old schema refuses documents of the new one, so clients"
            + " updated first lose reports"),
    /** Both. */
    BOTH("receivers on either schema refuse documents of the other"),
    /** Not known. */
    UNKNOWN("the checker cannot tell which documents are refused");

    private final String words;

    Direction(String words) {
      this.words = words;
    }

    /** The direction as a clause, for messages. */
    public String words() {
      return words;
    }
  }

  /** A compatible change. */
  static SchemaChange compatible(String pointer, String reason) {
    return new SchemaChange(pointer, Verdict.COMPATIBLE, Direction.NONE, reason);
  }

  /** A breaking change in one direction. */
  static SchemaChange breaking(String pointer, Direction direction, String reason) {
    return new SchemaChange(pointer, Verdict.BREAKING, direction, reason);
  }

  /** A change the checker cannot judge. */
  static SchemaChange unknown(String pointer, String reason) {
    return new SchemaChange(pointer, Verdict.UNKNOWN, Direction.UNKNOWN, reason);
  }

  /** Whether this change must wait for a new major version. */
  public boolean breaks() {
    return verdict != Verdict.COMPATIBLE;
  }

  @Override
  public String toString() {
    String v =
        switch (verdict) {
          case UNKNOWN -> "unknown, treat as breaking";
          case BREAKING -> "breaking (" + direction.words() + ")";
          default -> verdict.name().toLowerCase(Locale.ROOT);
        };
    return (pointer.isEmpty() ? "/" : pointer) + ": " + v + ": " + reason;
  }
}
