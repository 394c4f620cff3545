package gg.kalico.telemetry.schema;

/**
 * One way a document breaks the schema.
 *
 * @param pointer JSON pointer of the offending value in the document ({@code ""} for the root)
 * @param keyword the schema rule that failed, for example {@code maxLength}
 * @param message the validator's description of the failure
 */
public record SchemaViolation(String pointer, String keyword, String message) {

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
    return (pointer.isEmpty() ? "/" : pointer) + " (" + keyword + "): " + message;
  }
}
