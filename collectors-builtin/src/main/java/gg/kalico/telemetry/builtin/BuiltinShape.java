package gg.kalico.telemetry.builtin;

import gg.kalico.telemetry.spi.collector.Section;

/**
 * The schema major the built-in collectors are written for. Their sections say so ({@link
 * Section#forMajor(int)}); when a newer major is produced, the schema's migrations carry them
 * forward, so a new major needs no change here until a collector is taught the new shape (it then
 * checks {@code context.schemaMajor()} and marks what it returns accordingly).
 */
public final class BuiltinShape {
  /** The major whose shape the built-in sections have. */
  public static final int MAJOR = 1;

  private BuiltinShape() {}

  /** The section marked with {@link #MAJOR}; null stays null (nothing to report). */
  public static Section of(Section section) {
    return section == null ? null : section.forMajor(MAJOR);
  }
}
