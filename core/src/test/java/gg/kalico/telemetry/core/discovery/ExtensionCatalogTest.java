package gg.kalico.telemetry.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import gg.kalico.telemetry.core.testing.PluginJarBuilder;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.Section;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtensionCatalogTest {
  @TempDir Path tmp;

  static final String PLUGIN_COLLECTOR =
      """
      package com.acme.telemetry;

      import gg.kalico.telemetry.spi.collector.Collector;
      import gg.kalico.telemetry.spi.collector.CollectorContext;
      import gg.kalico.telemetry.spi.collector.Section;
      import org.pf4j.Extension;

      @Extension
      public class AcmeCollector implements Collector {
        @Override public String section() { return "acme"; }
        @Override public int order() { return 70; }
        @Override public java.util.Optional<String> sectionSchema() {
          return java.util.Optional.of("{\\"$schema\\": \\"https://json-schema.org/draft/2020-12/schema\\","
              + " \\"type\\": \\"object\\", \\"additionalProperties\\": false, \\"maxProperties\\": 2,"
              + " \\"properties\\": {\\"plugin\\": {\\"enum\\": [\\"acme\\"], \\"x-privacy\\": \\"closed-set\\"},"
              + " \\"sections\\": {\\"type\\": \\"integer\\", \\"x-privacy\\": \\"count\\"}}}");
        }
        @Override public Section collect(CollectorContext context) {
          return Section.builder().put("plugin", "acme").put("sections", context.config().size()).build();
        }
      }
      """;

  /** Discovers with these host modules; returns what the catalog logged (SLF4J to stderr). */
  private static String discoverLogging(
      List<AbstractModule> host, java.util.function.Consumer<ExtensionCatalog> check) {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try (ExtensionCatalog catalog = ExtensionCatalog.discover(null, host)) {
      check.accept(catalog);
    } finally {
      System.setErr(err);
    }
    return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void theCoreAloneFillsNoCoreSectionAndSaysSo() {
    String log =
        discoverLogging(
            List.of(),
            catalog ->
                assertThat(catalog.coreSectionsWithoutCollector())
                    .containsExactly("machine", "system", "software", "config", "objects"));
    assertThat(log)
        .contains("no collector for any core section", "gg.kalico.telemetry:telemetry-kalico");
  }

  @Test
  void oneHostCollectorForACoreSectionIsEnoughToStayQuiet() {
    AbstractModule host =
        new AbstractModule() {
          @Override
          protected void configure() {
            Multibinder.newSetBinder(binder(), Collector.class)
                .addBinding()
                .toInstance(
                    gg.kalico.telemetry.core.testing.TestCollectors.returning(
                        "system", 20, gg.kalico.telemetry.core.testing.TestCollectors.system()));
          }
        };
    String log =
        discoverLogging(
            List.of(host),
            catalog ->
                assertThat(catalog.coreSectionsWithoutCollector())
                    .containsExactly("machine", "software", "config", "objects"));
    assertThat(log).doesNotContain("no collector for any core section");
  }

  static final String HIJACKING_TRANSPORT =
      """
      package com.evil.telemetry;

      import gg.kalico.telemetry.spi.transport.Payload;
      import gg.kalico.telemetry.spi.transport.Receipt;
      import gg.kalico.telemetry.spi.transport.Transport;
      import org.pf4j.Extension;

      @Extension(ordinal = -1000000)
      public class HijackTransport implements Transport {
        @Override public String name() { return "https"; }
        @Override public Receipt send(Payload payload) {
          return new Receipt("https", "evil", payload.documentId(), 0, java.time.Instant.now());
        }
      }
      """;

  @Test
  void aPluginCannotTakeOverATransportNameWeShipWhateverItsOrdinal() throws Exception {
    Path plugins = tmp.resolve("plugins");
    PluginJarBuilder.plugin("hijack")
        .source("com.evil.telemetry.HijackTransport", HIJACKING_TRANSPORT)
        .buildInto(plugins);
    try (ExtensionCatalog catalog = ExtensionCatalog.discover(plugins, List.of())) {
      assertThat(catalog.transport("https").orElseThrow().getClass().getName())
          .isEqualTo("gg.kalico.telemetry.core.transport.https.HttpsTransport");
      assertThat(catalog.pluginOf(catalog.transport("https").orElseThrow())).isNull();
      PluginInfo info =
          catalog.plugins().stream().filter(p -> p.id().equals("hijack")).findFirst().orElseThrow();
      assertThat(info.transports()).isEmpty();
      assertThat(info.problem())
          .contains("transport 'https' was refused", "give the transport another name");
    }
  }

  @Test
  void builtInTransportsAreFoundThroughTheExtensionIndex() {
    try (ExtensionCatalog catalog = ExtensionCatalog.discover(null, List.of())) {
      assertThat(catalog.transportNames()).contains("file", "stdout");
      assertThat(catalog.pluginOf(catalog.transport("file").orElseThrow())).isNull();
    }
  }

  @Test
  void aPluginJarInThePluginsDirectoryContributesItsCollector() throws Exception {
    Path plugins = tmp.resolve("plugins");
    PluginJarBuilder.plugin("acme")
        .source("com.acme.telemetry.AcmeCollector", PLUGIN_COLLECTOR)
        .buildInto(plugins);

    try (ExtensionCatalog catalog = ExtensionCatalog.discover(plugins, List.of())) {
      Collector acme =
          catalog.collectors().stream()
              .filter(c -> c.section().equals("acme"))
              .findFirst()
              .orElseThrow();
      assertThat(catalog.pluginOf(acme)).isEqualTo("acme");
      assertThat(acme.getClass().getClassLoader())
          .isNotSameAs(ExtensionCatalogTest.class.getClassLoader());
    }
  }

  @Test
  void aPluginThatRequiresANewerHostIsSkippedAndTheRestStillWork() throws Exception {
    Path plugins = tmp.resolve("plugins");
    PluginJarBuilder.plugin("acme")
        .source("com.acme.telemetry.AcmeCollector", PLUGIN_COLLECTOR)
        .buildInto(plugins);
    PluginJarBuilder.plugin("future")
        .requires(">=99.0.0")
        .source(
            "com.future.FutureCollector",
            PLUGIN_COLLECTOR
                .replace("com.acme.telemetry", "com.future")
                .replace("AcmeCollector", "FutureCollector")
                .replace("\"acme\"", "\"future\""))
        .buildInto(plugins);

    try (ExtensionCatalog catalog = ExtensionCatalog.discover(plugins, List.of())) {
      assertThat(catalog.collectors())
          .extracting(Collector::section)
          .contains("acme")
          .doesNotContain("future");
    }
  }

  @Test
  void aHostAddsCollectorsInCodeWithAGuiceMultibinder() {
    AbstractModule host =
        new AbstractModule() {
          @Override
          protected void configure() {
            Multibinder.newSetBinder(binder(), Collector.class)
                .addBinding()
                .to(HostCollector.class);
          }
        };
    try (ExtensionCatalog catalog = ExtensionCatalog.discover(null, List.of(host))) {
      assertThat(catalog.collectors()).extracting(Collector::section).contains("host_extra");
    }
  }

  @Test
  void collectorsAreSortedByOrderThenKey() {
    AbstractModule host =
        new AbstractModule() {
          @Override
          protected void configure() {
            var set = Multibinder.newSetBinder(binder(), Collector.class);
            set.addBinding().to(HostCollector.class);
            set.addBinding().to(EarlyCollector.class);
          }
        };
    try (ExtensionCatalog catalog = ExtensionCatalog.discover(null, List.of(host))) {
      List<String> keys = catalog.collectors().stream().map(Collector::section).toList();
      assertThat(keys.indexOf("early")).isLessThan(keys.indexOf("host_extra"));
    }
  }

  @Test
  void aMissingPluginsDirectoryIsAClearError() {
    assertThatThrownBy(() -> ExtensionCatalog.discover(tmp.resolve("nope"), List.of()))
        .isInstanceOf(TelemetryException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("does not exist");
  }

  /** A host collector bound in code. */
  public static final class HostCollector implements Collector {
    @Override
    public String section() {
      return "host_extra";
    }

    @Override
    public Section collect(CollectorContext context) {
      return Section.builder().put("from", "host").build();
    }
  }

  /** Sorts before {@link HostCollector}. */
  public static final class EarlyCollector implements Collector {
    @Override
    public String section() {
      return "early";
    }

    @Override
    public int order() {
      return 1;
    }

    @Override
    public Section collect(CollectorContext context) {
      return Section.empty();
    }
  }
}
