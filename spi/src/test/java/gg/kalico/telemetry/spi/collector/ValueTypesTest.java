package gg.kalico.telemetry.spi.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spi's value types on their own: what they keep, copy, refuse and never show. */
class ValueTypesTest {
  @Test
  void aSectionCopiesDeeplyDropsNullsAndRefusesWhatJsonCannotHold() {
    List<Object> tags = new ArrayList<>(List.of("a", "b"));
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("n", 1);
    nested.put("gone", null);
    Section s = Section.builder().put("tags", tags).put("nested", nested).put("x", null).build();
    tags.add("c");
    nested.put("late", 2);
    assertThat(s.fields()).containsOnlyKeys("tags", "nested");
    assertThat(s.fields().get("tags")).isEqualTo(List.of("a", "b"));
    assertThat(s.fields().get("nested")).isEqualTo(Map.of("n", 1));
    assertThatThrownBy(() -> Section.builder().put("f", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'f'");
    assertThatThrownBy(() -> Section.builder().put("o", new Object()))
        .isInstanceOf(IllegalArgumentException.class);
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThatThrownBy(() -> Section.builder().put("c", cycle))
        .hasMessageContaining("nested deeper than " + Section.MAX_DEPTH);
    assertThat(Section.builder().build().isEmpty()).isTrue();
    assertThat(Section.builder().put("secret", "canary-value-9f1").build().toString())
        .doesNotContain("canary-value-9f1");
  }

  @Test
  void aSectionForAnOlderMajorSaysSo() {
    Section s = Section.ofItems(List.of("gcode")).forMajor(1);
    assertThat(s.major()).isEqualTo(1);
    assertThat(s.isList()).isTrue();
    assertThat(s.items()).containsExactly("gcode");
    assertThatThrownBy(() -> s.forMajor(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hostFactsKeepWhatWasGivenAndShowNoValue() {
    HostFacts facts =
        HostFacts.builder()
            .configPath(Path.of("/home/canary-user-5c1/printer.cfg"))
            .softwareRemote("https://token-canary-77@example.net/repo.git")
            .enabledObjects(List.of("toolhead"))
            .application("my-host")
            .build();
    assertThat(facts.toBuilder().build()).isEqualTo(facts).hasSameHashCodeAs(facts);
    assertThat(facts.toBuilder().application("other").build()).isNotEqualTo(facts);
    assertThat(facts.application()).contains("my-host");
    assertThat(facts.toString()).doesNotContain("canary-user-5c1", "token-canary-77");
    assertThat(HostFacts.builder().build().application()).isEmpty();
  }

  @Test
  void configNamesAnswerNamesAndClosedSetValuesOnly() {
    ConfigNames names = ConfigNames.of(Map.of("printer", List.of("kinematics")));
    assertThat(names.hasSection("printer")).isTrue();
    assertThat(names.hasSection("stepper_x")).isFalse();
    assertThat(names.size()).isEqualTo(1);
    assertThat(ConfigNames.empty().size()).isZero();
  }
}
