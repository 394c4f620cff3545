package gg.kalico.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one Kalico mapping, both ways: every field of Kalico's shape survives the trip out and back,
 * and a report of Kalico's own client reads as the canonical fields it stands for.
 */
class KalicoShapeTest {
  static final JsonMapper JSON = JsonMapper.shared();
  final SchemaCatalog catalog = SchemaCatalog.published();
  final KalicoShape shape = KalicoShape.of(catalog);

  private static ObjectNode example(String name) throws Exception {
    return (ObjectNode) JSON.readTree(Files.readString(Path.of("examples/1/valid").resolve(name)));
  }

  @Test
  void everyMappedFieldRoundTrips() throws Exception {
    ObjectNode document = example("full.json");
    KalicoShape.Shaped out = shape.toKalico(document);
    assertThat(out.unmapped()).isEmpty();
    ObjectNode back = shape.toCanonical(out.tree(), 1);
    for (String field : WireMapping.FIELDS) {
      String pointer = shape.pointer(1, field);
      assertThat(back.at(pointer))
          .as("%s (%s) out to Kalico's shape and back", field, pointer)
          .isEqualTo(document.at(pointer));
      assertThat(document.at(pointer).isMissingNode())
          .as("the example has %s, so the trip is tested", pointer)
          .isFalse();
    }
    assertThat(back.path("machine").has("id_source"))
        .as("what Kalico's shape does not carry is not invented")
        .isFalse();
  }

  @Test
  void kalicosOwnReportReadsAsTheFieldsItStandsFor() throws Exception {
    JsonNode kalico =
        JSON.readTree(
            """
            {"id": "kalico-0f1e2d3c", "version": "v0.12.0-527-g79013da3", "branch": "unknown",
             "cpu_info": "4 core Intel(R) N100",
             "platform": {"machine": "x86_64", "os_release": {"ID": "debian", "HOME_URL": "x"},
                          "version": "#1 SMP Debian 6.1.0",
                          "python": "3.11.2 (main, Mar 13 2023, 12:18:29) [GCC 12.2.0]"},
             "config": {"printer": ["kinematics"]}, "objects": ["gcode", "toolhead"]}
            """);
    ObjectNode doc = shape.toCanonical(kalico, 1);
    assertThat(doc.at("/machine/id").asString()).isEqualTo("kalico-0f1e2d3c");
    assertThat(doc.at("/software/version").asString()).isEqualTo("v0.12.0-527-g79013da3");
    assertThat(doc.at("/software/branch").isMissingNode())
        .as("Kalico's placeholder is no value")
        .isTrue();
    assertThat(doc.at("/system/cpu/cores").asInt()).isEqualTo(4);
    assertThat(doc.at("/system/cpu/model").asString()).isEqualTo("Intel(R) N100");
    assertThat(doc.at("/system/arch").asString()).isEqualTo("x86_64");
    assertThat(doc.at("/system/kernel_build").asString()).isEqualTo("#1 SMP Debian 6.1.0");
    assertThat(doc.at("/system/runtime/name").asString()).isEqualTo("python");
    assertThat(doc.at("/system/runtime/version").asString()).isEqualTo("3.11.2");
    assertThat(doc.at("/system/os_release/HOME_URL").asString())
        .as("the receiver filters os-release keys; the mapping copies them")
        .isEqualTo("x");
    assertThat(doc.at("/config/printer/0").asString()).isEqualTo("kinematics");
    assertThat(doc.at("/objects/1").asString()).isEqualTo("toolhead");
    // and back out: Kalico's own spelling of the joined fields
    ObjectNode again = shape.toKalico(withMajor(doc)).tree();
    assertThat(again.get("cpu_info").asString()).isEqualTo("4 core Intel(R) N100");
    assertThat(again.at("/platform/python").asString()).isEqualTo("python 3.11.2");
    assertThat(again.get("branch").asString()).isEqualTo(KalicoShape.UNKNOWN);
  }

  @Test
  void aMajorWithoutAMappingIsReportedNeverGuessed() throws Exception {
    ObjectNode document = example("full.json");
    document.put("schema_version", 99);
    KalicoShape.Shaped out = shape.toKalico(document);
    assertThat(out.unmapped())
        .extracting(KalicoShape.Unmapped::field)
        .containsExactlyInAnyOrderElementsOf(WireMapping.FIELDS);
    assertThat(out.unmapped().get(0).why()).contains(WireMapping.FILE).contains("major 99");
    assertThat(out.tree().has("id")).isFalse();
  }

  private static ObjectNode withMajor(ObjectNode doc) {
    ObjectNode copy = doc.deepCopy();
    copy.put("schema_version", 1);
    return copy;
  }
}
