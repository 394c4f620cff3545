package gg.kalico.telemetry.core.assembly;

import java.util.Locale;

/**
 * A section that was left out of the document, and why.
 *
 * @param section the document path of the section ({@code system}, {@code extensions/foo})
 * @param collector the collector's class name
 * @param kind what went wrong
 * @param detail a message fit for a user; for schema failures it names the JSON pointer and rule
 */
public record SectionFailure(String section, String collector, Kind kind, String detail) {

  /** What went wrong. */
  public enum Kind {
    /** The collector threw. */
    THREW,
    /** The collector ran past its time budget. */
    TIMED_OUT,
    /** The section failed the schema (the published one, or its plugin's own). */
    INVALID,
    /** The section is larger than its kind may be. */
    TOO_LARGE,
    /** The collector's section key is malformed, reserved or already claimed. */
    BAD_KEY,
    /** A field the wire profile needs is not where its mapping says, for this major. */
    UNMAPPED
  }

  @Override
  public String toString() {
    return "section '"
        + section
        + "' left out ("
        + kind.name().toLowerCase(Locale.ROOT)
        + "): "
        + detail;
  }
}
