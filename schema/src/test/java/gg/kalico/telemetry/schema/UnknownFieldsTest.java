package gg.kalico.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Setting aside what a schema does not know, and putting it back. */
class UnknownFieldsTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final JsonNode SCHEMA =
      JSON.readTree(
          """
      {"type": "object", "additionalProperties": false,
       "properties": {
         "a": {"type": "object", "additionalProperties": false,
               "properties": {"b": {"type": "integer"}}},
         "list": {"type": "array", "items": {"$ref": "#/$defs/item"}},
         "open": {"type": "object", "additionalProperties": {"type": "string"}},
         "v": {"anyOf": [{"type": "object", "additionalProperties": false,
                          "properties": {"k": {"type": "string"}}}]}},
       "$defs": {"item": {"type": "object", "additionalProperties": false,
                          "properties": {"n": {"type": "integer"}}}}}
      """);

  @Test
  void closedObjectsLoseWhatTheyDoNotDeclareOpenOnesAndBranchesKeepIt() {
    JsonNode doc =
        JSON.readTree(
            """
        {"a": {"b": 1, "c": 2}, "list": [{"n": 1}, {"n": 2, "m": 3}], "open": {"x": "y"},
         "v": {"k": "s", "extra": 1}, "top~/": true}
        """);
    List<UnknownFields.Field> aside = UnknownFields.remove(SCHEMA, doc);
    assertThat(aside)
        .extracting(UnknownFields.Field::pointer)
        .containsExactly("/a/c", "/list/1/m", "/top~0~1");
    assertThat(doc.toString())
        .isEqualTo(
            "{\"a\":{\"b\":1},\"list\":[{\"n\":1},{\"n\":2}],"
                + "\"open\":{\"x\":\"y\"},\"v\":{\"k\":\"s\",\"extra\":1}}");

    assertThat(UnknownFields.restore(doc, aside)).isEmpty();
    assertThat(doc.at("/a/c").asInt()).isEqualTo(2);
    assertThat(doc.at("/list/1/m").asInt()).isEqualTo(3);
    assertThat(doc.get("top~/").asBoolean()).isTrue();
  }

  @Test
  void aFieldWhoseObjectIsGoneIsNotPutBack() {
    JsonNode doc = JSON.readTree("{\"a\": {\"b\": 1, \"c\": 2}}");
    List<UnknownFields.Field> aside = UnknownFields.remove(SCHEMA, doc);
    ((tools.jackson.databind.node.ObjectNode) doc).remove("a");
    assertThat(UnknownFields.restore(doc, aside))
        .extracting(UnknownFields.Field::pointer)
        .containsExactly("/a/c");
  }
}
