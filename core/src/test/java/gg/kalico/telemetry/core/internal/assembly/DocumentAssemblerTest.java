package gg.kalico.telemetry.core.internal.assembly;

import static gg.kalico.telemetry.core.testing.TestCollectors.hanging;
import static gg.kalico.telemetry.core.testing.TestCollectors.returning;
import static gg.kalico.telemetry.core.testing.TestCollectors.throwing;
import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.core.assembly.SectionFailure;
import gg.kalico.telemetry.core.testing.TestCollectors;
import gg.kalico.telemetry.schema.TelemetrySchema;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.collector.HostFacts;
import gg.kalico.telemetry.spi.collector.Section;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentAssemblerTest {
  private static final TelemetrySchema SCHEMA = TelemetrySchema.current();
  private static final CollectorContext CONTEXT =
      new DefaultCollectorContext(
          ConfigNames.empty(), HostFacts.builder().build(), Clock.systemUTC(), false, 1);

  private final DocumentAssembler assembler =
      new DocumentAssembler(SCHEMA, SCHEMA.sectionKeys(), Duration.ofMillis(300));

  @Test
  void sectionsAppearInCollectorOrderUnderTheirOwnKeys() {
    Collected c =
        assembler.assemble(
            List.of(
                returning("system", 20, TestCollectors.system()),
                returning("objects", 50, TestCollectors.objects())),
            CONTEXT);

    assertThat(c.failures()).isEmpty();
    assertThat(c.document().tree().propertyNames())
        .containsExactly("schema_version", "system", "objects");
    assertThat(c.document().get("objects").get(1).asString()).isEqualTo("toolhead");
  }

  @Test
  void aThrowingCollectorLosesOnlyItsOwnSection() {
    Collected c =
        assembler.assemble(
            List.of(throwing("machine", 10), returning("system", 20, TestCollectors.system())),
            CONTEXT);

    assertThat(c.document().has("machine")).isFalse();
    assertThat(c.document().has("system")).isTrue();
    assertThat(c.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.section()).isEqualTo("machine");
              assertThat(f.kind()).isEqualTo(SectionFailure.Kind.THREW);
              assertThat(f.detail()).contains("IllegalStateException");
            });
  }

  @Test
  void aHangingCollectorLosesOnlyItsOwnSectionAfterItsBudget() {
    long start = System.nanoTime();
    Collected c =
        assembler.assemble(
            List.of(hanging("software", 30), returning("objects", 50, TestCollectors.objects())),
            CONTEXT);

    assertThat(c.document().has("software")).isFalse();
    assertThat(c.document().has("objects")).isTrue();
    assertThat(c.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(SectionFailure.Kind.TIMED_OUT);
              assertThat(f.detail()).contains("300 ms");
            });
    // a hang must not block the run for longer than its budget (loose bound, not a benchmark)
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void aSchemaInvalidSectionIsReportedWithItsPointerAndRule() {
    Section badCpu = Section.builder().put("arch", "x86_64").put("cpu", Map.of("cores", 0)).build();
    Collected c =
        assembler.assemble(
            List.of(
                returning("system", 20, badCpu),
                returning("objects", 50, TestCollectors.objects())),
            CONTEXT);

    assertThat(c.document().has("system")).isFalse();
    assertThat(c.document().has("objects")).isTrue();
    assertThat(c.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(SectionFailure.Kind.INVALID);
              assertThat(f.detail()).contains("/system/cpu/cores").contains("minimum");
            });
    assertThat(SCHEMA.validate(c.document().tree())).isEmpty();
  }

  @Test
  void unknownPropertiesInACoreSectionAreRefused() {
    Collected c =
        assembler.assemble(
            List.of(
                returning(
                    "machine",
                    10,
                    Section.of(
                        Map.of(
                            "id",
                            "0123456789abcdef0123456789abcdef",
                            "id_source",
                            "generated",
                            "raw",
                            "leak")))),
            CONTEXT);

    assertThat(c.document().has("machine")).isFalse();
    assertThat(c.failures().get(0).detail()).contains("/machine").contains("additionalProperties");
  }

  @Test
  void otherKeysGoUnderExtensionsAndAreValidatedThere() {
    Collected c =
        assembler.assemble(
            List.of(
                returning("acme", 60, Section.of(Map.of("ok", true))),
                returning("bulky", 61, Section.of(Map.of("text", "x".repeat(300))))),
            CONTEXT);

    assertThat(c.document().get("extensions").get("acme").get("ok").asBoolean()).isTrue();
    assertThat(c.document().get("extensions").has("bulky")).isFalse();
    assertThat(c.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.section()).isEqualTo("extensions/bulky"));
  }

  @Test
  void badAndDuplicateKeysAreRefusedWithoutTouchingTheFirstOwner() {
    Collected c =
        assembler.assemble(
            List.of(
                returning("objects", 50, TestCollectors.objects()),
                returning("objects", 51, Section.ofItems(List.of("intruder"))),
                returning("Bad Key", 52, Section.of(Map.of("a", 1))),
                returning("extensions", 53, Section.of(Map.of("a", 1)))),
            CONTEXT);

    assertThat(c.document().get("objects").toString()).doesNotContain("intruder");
    assertThat(c.failures())
        .extracting(SectionFailure::kind)
        .containsOnly(SectionFailure.Kind.BAD_KEY)
        .hasSize(3);
  }

  @Test
  void nullSectionsAreLeftOutAndEmptyOnesKept() {
    Collected c =
        assembler.assemble(
            List.of(returning("config", 40, Section.empty()), returning("software", 30, null)),
            CONTEXT);
    assertThat(c.document().get("config").isEmpty()).isTrue();
    assertThat(c.document().has("software")).isFalse();
    assertThat(c.failures()).isEmpty();
  }
}
