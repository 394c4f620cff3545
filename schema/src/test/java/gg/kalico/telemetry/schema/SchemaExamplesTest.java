package gg.kalico.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The committed example documents are judged as their folder says, and the schema is complete. */
class SchemaExamplesTest {
  private static final TelemetrySchema SCHEMA = TelemetrySchema.current();
  private static final JsonMapper JSON = JsonMapper.shared();

  private static Stream<Path> examples(String kind) throws IOException {
    return Files.list(Path.of("examples", kind)).filter(p -> p.toString().endsWith(".json"))
        .sorted();
  }

  @TestFactory
  Stream<DynamicTest> validExamplesPass() throws IOException {
    return examples("valid").map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
        () -> assertThat(SCHEMA.validate(JSON.readTree(p.toFile()))).isEmpty()));
  }

  @TestFactory
  Stream<DynamicTest> invalidExamplesFailWithAPointer() throws IOException {
    return examples("invalid").map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
        () -> {
          List<SchemaViolation> v = SCHEMA.validate(JSON.readTree(p.toFile()));
          assertThat(v).isNotEmpty();
          assertThat(v).allSatisfy(x -> assertThat(x.keyword()).isNotBlank());
        }));
  }

  @Test
  void thereAreEnoughExamplesOfEachKind() throws IOException {
    assertThat(examples("valid").count()).isGreaterThanOrEqualTo(3);
    assertThat(examples("invalid").count()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void violationsNameTheJsonPointerAndTheRule() throws IOException {
    JsonNode doc = JSON.readTree("{\"schema_version\":1,\"system\":{\"cpu\":{\"cores\":0}}}");
    assertThat(SCHEMA.validate(doc)).singleElement().satisfies(v -> {
      assertThat(v.pointer()).isEqualTo("/system/cpu/cores");
      assertThat(v.keyword()).isEqualTo("minimum");
      assertThat(v.topLevelKey()).isEqualTo("system");
    });
  }

  @Test
  void everyPropertyHasADescriptionAndEveryContainerABound() throws IOException {
    JsonNode schema = JSON.readTree(Path.of(TelemetrySchema.fileName(1)).toFile());
    check(schema, "");
  }

  private static void check(JsonNode node, String at) {
    if (!node.isObject()) {
      return;
    }
    JsonNode type = node.get("type");
    String t = type == null ? "" : type.asString();
    if (t.equals("string")) {
      assertThat(node.has("maxLength") || node.has("enum") || node.has("pattern") && node.has("maxLength"))
          .as("string at %s has maxLength", at).isTrue();
    }
    if (t.equals("array")) {
      assertThat(node.has("maxItems")).as("array at %s has maxItems", at).isTrue();
    }
    if (t.equals("object") && !at.isEmpty() && !node.has("properties")) {
      assertThat(node.has("maxProperties")).as("open object at %s has maxProperties", at).isTrue();
    }
    if (t.equals("object") && node.has("properties")) {
      assertThat(node.has("additionalProperties")).as("object at %s closes its properties", at)
          .isTrue();
    }
    JsonNode props = node.get("properties");
    if (props != null) {
      for (Map.Entry<String, JsonNode> e : props.properties()) {
        assertThat(e.getValue().has("description"))
            .as("property %s/%s has a description", at, e.getKey()).isTrue();
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode child = e.getValue();
      if (child.isObject()) {
        check(child, at + "/" + e.getKey());
      } else if (child.isArray()) {
        for (int i = 0; i < child.size(); i++) {
          check(child.get(i), at + "/" + e.getKey() + "/" + i);
        }
      }
    }
  }
}
