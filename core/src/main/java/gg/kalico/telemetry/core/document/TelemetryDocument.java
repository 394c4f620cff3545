package gg.kalico.telemetry.core.document;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A finished telemetry document: valid against the schema, immutable, with its canonical text
 * forms. The example file and every transport use these same bytes.
 */
public final class TelemetryDocument {
  private static final JsonMapper COMPACT = JsonMapper.builder().build();

  /** Python's json.dumps(indent=2) layout, the one Kalico's TELEMETRY_EXAMPLE file has. */
  private static final ObjectWriter PRETTY =
      COMPACT
          .writer()
          .with(
              new DefaultPrettyPrinter()
                  .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                  .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                  .withSeparators(
                      Separators.createDefaultInstance()
                          .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                          .withObjectEmptySeparator("")
                          .withArrayEmptySeparator("")));

  private final ObjectNode tree;

  /** Wraps a tree the caller will no longer change. */
  public TelemetryDocument(ObjectNode tree) {
    this.tree = tree;
  }

  /** A copy of the tree. */
  public ObjectNode tree() {
    return tree.deepCopy();
  }

  /** Whether the document has this top-level key. */
  public boolean has(String key) {
    return tree.has(key);
  }

  /** A copy of one top-level value, or null. */
  public JsonNode get(String key) {
    JsonNode n = tree.get(key);
    return n == null ? null : n.deepCopy();
  }

  /** Pretty-printed JSON (two-space indent, keys in document order), ending with a newline. */
  public String toPrettyJson() {
    return pretty(tree) + "\n";
  }

  /** Any tree in the same layout, without the final newline. */
  public static String pretty(JsonNode node) {
    return PRETTY.writeValueAsString(node);
  }

  /** {@link #toPrettyJson()} as UTF-8 bytes: what is shown, written and sent. */
  public byte[] toBytes() {
    return toPrettyJson().getBytes(StandardCharsets.UTF_8);
  }

  /** Compact JSON on one line. */
  public String toCompactJson() {
    return COMPACT.writeValueAsString(tree);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TelemetryDocument d && tree.equals(d.tree);
  }

  @Override
  public int hashCode() {
    return tree.hashCode();
  }

  @Override
  public String toString() {
    return "TelemetryDocument" + tree.propertyNames();
  }
}
