package gg.kalico.telemetry.kalico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.kalico.config.ConfigFileException;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.Section;
import gg.kalico.telemetry.spi.transport.Receipt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryTest {
  @TempDir Path dir;

  /** Reports how many config sections it was shown: proves the config reached the context. */
  public static final class SectionCounter implements Collector {
    @Override
    public String section() {
      return "counter";
    }

    @Override
    public Section collect(CollectorContext context) {
      return Section.builder()
          .put("sections", context.config().size())
          .put("first", context.config().sections().keySet().stream().findFirst().orElse(null))
          .build();
    }
  }

  private static final AbstractModule COUNTER =
      new AbstractModule() {
        @Override
        protected void configure() {
          Multibinder.newSetBinder(binder(), Collector.class).addBinding().to(SectionCounter.class);
        }
      };

  private Path config(String text) throws Exception {
    Path cfg = dir.resolve("printer.cfg");
    Files.writeString(cfg, text);
    return cfg;
  }

  private Telemetry telemetry(Path cfg, Map<String, String> env) {
    return Telemetry.builder().configPath(cfg).addModule(COUNTER).environment(env).build();
  }

  @Test
  void collectReadsTheConfigAndHandsItsNamesToCollectors() throws Exception {
    Path cfg = config("[printer]\nkinematics: corexy\n[extruder]\nstep_pin: PA1\n");
    try (Telemetry t = telemetry(cfg, Map.of())) {
      var doc = t.collect().document();
      assertThat(doc.get("extensions").get("counter").get("sections").asInt()).isEqualTo(2);
      assertThat(doc.get("extensions").get("counter").get("first").asString()).isEqualTo("printer");
    }
  }

  @Test
  void aConfigKalicoRefusesIsAClearErrorNamingFileAndLine() throws Exception {
    Path cfg = config("[printer]\nkinematics: corexy\nthis line is broken\n");
    try (Telemetry t = telemetry(cfg, Map.of())) {
      assertThatThrownBy(t::collect)
          .isInstanceOf(ConfigFileException.class)
          .hasMessageContaining("printer.cfg line 3");
    }
  }

  @Test
  void theExampleFileHoldsExactlyTheBytesThatWouldBeSent() throws Exception {
    Path cfg = config("[printer]\nkinematics: corexy\n");
    try (Telemetry t = telemetry(cfg, Map.of())) {
      Telemetry.Example example = t.writeExample();
      assertThat(example.path()).isEqualTo(dir.resolve("telemetry.json"));
      assertThat(Files.readAllBytes(example.path()))
          .isEqualTo(example.collection().document().toBytes());
      assertThat(Files.readString(example.path())).isEqualTo(t.collect().document().toPrettyJson());
    }
  }

  @Test
  void noExampleIsWrittenWhenTelemetryIsDisabled() throws Exception {
    Path cfg = config("[printer]\nkinematics: corexy\n[telemetry]\nenabled: False\n");
    try (Telemetry t = telemetry(cfg, Map.of())) {
      assertThatThrownBy(t::writeExample)
          .isInstanceOf(TelemetryException.class)
          .hasMessageContaining("disabled")
          .hasMessageContaining("printer.cfg line 4");
      assertThat(dir.resolve("telemetry.json")).doesNotExist();
    }
  }

  @Test
  void sendRefusesAndWritesNothingUnlessTheUserOptedIn() throws Exception {
    Path cfg = config("[printer]\nkinematics: corexy\n");
    Path out = dir.resolve("out.json");
    try (Telemetry t = telemetry(cfg, Map.of())) {
      assertThat(t.consent().state()).isEqualTo(Consent.State.UNSET);
      assertThatThrownBy(() -> t.send("file", Map.of("path", out.toString())))
          .isInstanceOf(TelemetryException.class)
          .hasMessageContaining("nothing was sent");
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void sendDeliversThroughTheNamedTransportOnceEnabled() throws Exception {
    Path cfg = config("[printer]\nkinematics: corexy\n[telemetry]\nenabled: True\n");
    Path out = dir.resolve("out.json");
    try (Telemetry t = telemetry(cfg, Map.of())) {
      Receipt receipt = t.send("file", Map.of("path", out.toString())).delivered().get(0);
      assertThat(receipt.transport()).isEqualTo("file");
      assertThat(receipt.bytes()).isEqualTo(Files.size(out));
      assertThat(Files.readString(out)).isEqualTo(t.collect().document().toPrettyJson());
    }
  }

  @Test
  void theEnvironmentOverridesAnEnabledConfig() throws Exception {
    Path cfg = config("[printer]\nkinematics: corexy\n[telemetry]\nenabled: True\n");
    Path out = dir.resolve("out.json");
    try (Telemetry t = telemetry(cfg, Map.of("DO_NOT_TRACK", "1"))) {
      assertThat(t.consent().source()).isEqualTo("environment variable DO_NOT_TRACK");
      assertThatThrownBy(() -> t.send("file", Map.of("path", out.toString())))
          .isInstanceOf(TelemetryException.class);
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void aPublishedMajorCanBeChosenAndAnUnpublishedOneIsRefused() throws Exception {
    // a schema folder with a second major, so that choosing the first is not the default
    Path schemas =
        gg.kalico.telemetry.schema.SchemaReleases.copyFolder(
            Path.of("..", "schema"), dir.resolve("schema"));
    gg.kalico.telemetry.schema.SchemaReleases.newMajor(schemas);
    var catalog = gg.kalico.telemetry.schema.SchemaCatalog.fromDirectory(schemas);
    Path cfg = config("[printer]\nkinematics: corexy\n");
    try (Telemetry t = Telemetry.builder().configPath(cfg).schemaCatalog(catalog).build()) {
      assertThat(t.collect().document().get("schema_version").asInt())
          .as("the newest")
          .isEqualTo(2);
    }
    try (Telemetry t =
        Telemetry.builder().configPath(cfg).schemaCatalog(catalog).schemaMajor(1).build()) {
      assertThat(t.collect().document().get("schema_version").asInt())
          .as("the one chosen")
          .isEqualTo(1);
    }
    assertThatThrownBy(() -> Telemetry.builder().schemaCatalog(catalog).schemaMajor(3))
        .isInstanceOf(TelemetryException.class)
        .hasMessageContaining("schema version 3 is not published in")
        .hasMessageContaining("published: 1, 2");
  }

  @Test
  void anUnknownTransportNamesTheInstalledOnes() throws Exception {
    Path cfg = config("[telemetry]\nenabled: true\n");
    try (Telemetry t = telemetry(cfg, Map.of())) {
      assertThatThrownBy(() -> t.send("carrier-pigeon", Map.of()))
          .isInstanceOf(TelemetryException.class)
          .hasMessageContaining("carrier-pigeon")
          .hasMessageContaining("file, stdout");
    }
  }
}
