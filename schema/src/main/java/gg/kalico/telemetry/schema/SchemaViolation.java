package gg.kalico.telemetry.schema;

/**
 * One way a document breaks the schema.
 *
 * @param pointer JSON pointer of the offending value in the document ({@code ""} for the root)
 * @param keyword the schema rule that failed, for example {@code maxLength}
 * @param message the validator's description of the failure
 * @param property the property the rule names, when it names one: the extra property for {@code
 *     additionalProperties}, the missing one for {@code required}; otherwise null
 */
public record SchemaViolation(String pointer, String keyword, String message, String property) {

  /** A violation that names no property. */
  public SchemaViolation(String pointer, String keyword, String message) {
    this(pointer, keyword, message, null);
  }

  /**
   * Where the violation is, down to the field it names: {@code /system/kernel} for an extra {@code
   * kernel} in {@code /system}, {@code /machine/id} for a missing {@code id}.
   */
  public String field() {
    if (property == null || property.isEmpty()) {
      return pointer.isEmpty() ? "/" : pointer;
    }
    return pointer + "/" + property.replace("~", "~0").replace("/", "~1");
  }

  /** The first segment of {@link #pointer()}: the top-level key the violation lies in. */
  public String topLevelKey() {
    if (pointer.isEmpty()) {
      return "";
    }
    int next = pointer.indexOf('/', 1);
    return unescape(next < 0 ? pointer.substring(1) : pointer.substring(1, next));
  }

  /** The segment after {@link #topLevelKey()}, or empty when the pointer is shorter. */
  public String secondKey() {
    String[] parts = pointer.split("/", -1);
    return parts.length > 2 ? unescape(parts[2]) : "";
  }

  private static String unescape(String segment) {
    return segment.replace("~1", "/").replace("~0", "~");
  }

  @Override
  public String toString() {
    return field() + " (" + keyword + "): " + message;
  }
}
