package gg.kalico.telemetry.kalico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.core.assembly.SectionFailure;
import gg.kalico.telemetry.core.testing.PluginJarBuilder;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule: a plugin or host collector loses only its own section, whatever it returns. Sections nested
 * to any depth, holding themselves, of any size, or that make serialization throw are each dropped
 * alone, from a real plugin jar and from host collectors; the core sections are still produced.
 */
class HostileSectionsTest {
  @TempDir Path tmp;

  private static final String PLUGIN =
      """
      package com.hostile;

      import gg.kalico.telemetry.spi.collector.Collector;
      import gg.kalico.telemetry.spi.collector.CollectorContext;
      import gg.kalico.telemetry.spi.collector.Section;
      import java.util.ArrayList;
      import java.util.HashMap;
      import java.util.List;
      import java.util.Map;
      import org.pf4j.Extension;

      @Extension
      public class KIND_Collector implements Collector {
        public String section() { return "KIND"; }
        public java.util.Optional<String> sectionSchema() {
          return java.util.Optional.of("{\\"$schema\\": \\"https://json-schema.org/draft/2020-12/schema\\","
              + " \\"type\\": \\"object\\", \\"additionalProperties\\": false,"
              + " \\"maxProperties\\": 1, \\"properties\\": {\\"ok\\": {\\"type\\": \\"boolean\\","
              + " \\"x-privacy\\": \\"closed-set\\"}}}");
        }
        public Section collect(CollectorContext c) {
          switch ("KIND") {
            case "deep": {
              Map<String, Object> m = new HashMap<>();
              Map<String, Object> top = m;
              for (int i = 0; i < 100_000; i++) {
                Map<String, Object> n = new HashMap<>();
                m.put("d", n);
                m = n;
              }
              return Section.builder().put("tree", top).build();
            }
            case "cycle": {
              List<Object> self = new ArrayList<>();
              self.add(self);
              return Section.builder().put("self", self).build();
            }
            case "huge": {
              List<Object> items = new ArrayList<>();
              for (int i = 0; i < 20_000; i++) items.add(i);
              return Section.builder().put("items", items).build();
            }
            case "nan":
              return Section.builder().put("ratio", Double.NaN).build();
            case "overflow":
              throw new StackOverflowError("on purpose");
            default:
              throw new IllegalStateException();
          }
        }
      }
      """;

  private static final List<String> KINDS = List.of("deep", "cycle", "huge", "nan", "overflow");

  /** A host collector returning more values than any section may hold. */
  public static final class HugeHostCollector implements Collector {
    @Override
    public String section() {
      return "huge-host";
    }

    @Override
    public Section collect(CollectorContext context) {
      List<Object> items = new java.util.ArrayList<>();
      for (int i = 0; i < 600_000; i++) {
        items.add(i);
      }
      return Section.builder().put("items", items).build();
    }
  }

  /** A host collector whose section() itself overflows the stack (it is left out alone). */
  public static final class NamelessCollector implements Collector {
    @Override
    public String section() {
      throw new StackOverflowError("on purpose");
    }

    @Override
    public Section collect(CollectorContext context) {
      return Section.empty();
    }
  }

  @Test
  void eachHostileSectionIsDroppedAloneAndTheRestIsProduced() throws Exception {
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    for (String kind : KINDS) {
      PluginJarBuilder.plugin(kind)
          .source("com.hostile." + kind + "_Collector", PLUGIN.replace("KIND", kind))
          .buildInto(plugins);
    }
    Path cfg = Files.writeString(tmp.resolve("printer.cfg"), "[printer]\nkinematics: none\n");

    Collected collection;
    try (Telemetry telemetry =
        Telemetry.builder()
            .configPath(cfg)
            .pluginsDirectory(plugins)
            .environment(Map.of())
            .collectorBudget(Duration.ofSeconds(20))
            .addModule(
                new AbstractModule() {
                  @Override
                  protected void configure() {
                    Multibinder<Collector> c = Multibinder.newSetBinder(binder(), Collector.class);
                    c.addBinding().to(NamelessCollector.class);
                    c.addBinding().to(HugeHostCollector.class);
                    c.addBinding()
                        .toInstance(
                            gg.kalico.telemetry.core.testing.TestCollectors.returning(
                                "fine", 10, Section.builder().put("still", "here").build()));
                  }
                })
            .build()) {
      collection = assertTimeoutPreemptively(Duration.ofMinutes(2), telemetry::collect);
      assertThat(telemetry.extensions().plugins())
          .as("plugins")
          .allSatisfy(p -> assertThat(p.problem()).as(p.id()).isNull())
          .hasSize(KINDS.size());
    }

    Map<String, SectionFailure> failures =
        collection.failures().stream()
            .collect(Collectors.toMap(SectionFailure::section, f -> f, (a, b) -> a));
    assertThat(failures)
        .as("every plugin was admitted and ran: " + collection.failures())
        .containsKeys(KINDS.stream().map(k -> "extensions/" + k).toArray(String[]::new));
    assertThat(failures.get("extensions/deep").detail()).contains("threw");
    assertThat(failures.get("extensions/cycle").detail()).contains("threw");
    assertThat(failures.get("extensions/huge").kind()).isEqualTo(SectionFailure.Kind.TOO_LARGE);
    assertThat(failures.get("extensions/huge-host").detail())
        .contains("holds more than 500000 values");
    assertThat(failures.get("extensions/nan").detail()).contains("threw");
    assertThat(failures.get("extensions/overflow").detail())
        .contains("threw java.lang.StackOverflowError");
    assertThat(collection.failures())
        .anySatisfy(f -> assertThat(f.kind()).isEqualTo(SectionFailure.Kind.BAD_KEY));
    var doc = collection.document().tree();
    assertThat(doc.path("extensions").propertyNames()).containsExactly("fine");
    assertThat(doc.path("extensions").path("fine").path("still").asString()).isEqualTo("here");
  }

  @Test
  void theCopyOfASectionIsBoundedInDepth() {
    List<Object> self = new java.util.ArrayList<>();
    self.add(self);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Section.builder().put("s", self))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested deeper than " + Section.MAX_DEPTH + " levels");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Section.builder().put("n", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }
}
