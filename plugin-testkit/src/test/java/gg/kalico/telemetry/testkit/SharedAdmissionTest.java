package gg.kalico.telemetry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.core.discovery.ExtensionCatalog;
import gg.kalico.telemetry.core.discovery.PluginInfo;
import gg.kalico.telemetry.core.discovery.PluginStatus;
import gg.kalico.telemetry.core.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test kit and the host decide with the same code: for each way a plugin collector can break a
 * rule, the kit's failure and the host's refusal (a real plugin jar, discovered) carry the same
 * words, because both come from {@code PluginAdmission}. A rule changed there changes both.
 */
class SharedAdmissionTest {
  @TempDir Path tmp;

  private static final String SOURCE =
      """
      package com.bad;

      import gg.kalico.telemetry.spi.collector.Collector;
      import gg.kalico.telemetry.spi.collector.CollectorContext;
      import gg.kalico.telemetry.spi.collector.Section;
      import org.pf4j.Extension;

      @Extension
      public class BadCollector implements Collector {
        public String section() { return KEY; }
        public java.util.Optional<String> sectionSchema() { return SCHEMA; }
        public Section collect(CollectorContext c) { return Section.builder().build(); }
      }
      """;

  /** A section schema whose one string is bounded by {@code rule} (empty: free text). */
  private static String schema(String rule) {
    return "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\":"
        + " \"object\", \"additionalProperties\": false, \"maxProperties\": 1, \"properties\":"
        + " {\"n\": {\"type\": \"string\", \"x-privacy\": \"name-only\""
        + rule
        + "}}}";
  }

  /** Java source text for a string. */
  private static String literal(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** A collector's key and schema expression, per broken rule. */
  private static String[] variant(String rule) {
    return switch (rule) {
      case "core-key" ->
          new String[] {
            "\"system\"", "java.util.Optional.of(" + literal(schema(", \"maxLength\": 8")) + ")"
          };
      case "no-schema" -> new String[] {"\"bad\"", "java.util.Optional.empty()"};
      default -> new String[] {"\"bad\"", "java.util.Optional.of(" + literal(schema("")) + ")"};
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"core-key", "no-schema", "free-text"})
  void theKitAndTheHostRefuseWithTheSameWords(String rule) throws Exception {
    String[] v = variant(rule);
    String code = SOURCE.replace("KEY", v[0]).replace("SCHEMA", v[1]);
    Path plugins = tmp.resolve("plugins");
    PluginJarBuilder.plugin("bad").source("com.bad.BadCollector", code).buildInto(plugins);

    String hostSays;
    try (ExtensionCatalog catalog = ExtensionCatalog.discover(plugins, List.of())) {
      PluginInfo info =
          catalog.plugins().stream().filter(p -> p.id().equals("bad")).findFirst().orElseThrow();
      assertThat(info.state()).isEqualTo(PluginStatus.REJECTED);
      hostSays = info.problem();
    }
    assertThat(hostSays).isNotBlank();

    Class<?> type = compiledAlone(code);
    gg.kalico.telemetry.spi.collector.Collector collector =
        (gg.kalico.telemetry.spi.collector.Collector) type.getDeclaredConstructor().newInstance();
    assertThatThrownBy(() -> PluginTestKit.of(collector).collect())
        .isInstanceOf(AssertionError.class)
        .hasMessage("the host would not start this plugin: " + hostSays);
  }

  /** The same source compiled into this test's class loader, for the kit to run in-process. */
  private Class<?> compiledAlone(String code) throws Exception {
    Path jar =
        PluginJarBuilder.plugin("alone")
            .source("com.bad.BadCollector", code)
            .buildInto(tmp.resolve("alone"));
    java.net.URLClassLoader loader =
        new java.net.URLClassLoader(
            new java.net.URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
    return loader.loadClass("com.bad.BadCollector");
  }
}
