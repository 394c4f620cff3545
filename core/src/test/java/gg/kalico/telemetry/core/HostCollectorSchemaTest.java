package gg.kalico.telemetry.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import gg.kalico.telemetry.core.assembly.SectionFailure;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host collectors are checked like plugins: a section schema a host collector declares must pass
 * the section-schema check when the catalog is built (else the collector is left out, with the
 * reason), and its section is validated against it, so a declared integer that comes back as a
 * string, or an undeclared free text, is never sent.
 */
class HostCollectorSchemaTest {
  @TempDir Path dir;

  private static final String SCHEMA =
      "{\"$schema\": \"https://json-schema.org/draft/2020-12/"
          + "schema\", \"type\": \"object\", \"additionalProperties\": false, \"maxProperties\": 1,"
          + " \"properties\": {\"count\": {\"type\": \"integer\", \"minimum\": 0, \"maximum\": 1000,"
          + " \"x-privacy\": \"count\"}}}";

  /** Declares an integer, returns a string and a 200-character free text. */
  public static final class Liar implements Collector {
    @Override
    public String section() {
      return "job-queue";
    }

    @Override
    public Optional<String> sectionSchema() {
      return Optional.of(SCHEMA);
    }

    @Override
    public Section collect(CollectorContext context) {
      return Section.builder().put("count", "12").put("note", "n".repeat(200)).build();
    }
  }

  /** Keeps to what it declares. */
  public static final class Honest implements Collector {
    @Override
    public String section() {
      return "print-stats";
    }

    @Override
    public Optional<String> sectionSchema() {
      return Optional.of(SCHEMA);
    }

    @Override
    public Section collect(CollectorContext context) {
      return Section.builder().put("count", 12).build();
    }
  }

  /** Declares a string without a bound: free text, refused when the catalog is built. */
  public static final class FreeText implements Collector {
    @Override
    public String section() {
      return "notes";
    }

    @Override
    public Optional<String> sectionSchema() {
      return Optional.of(
          SCHEMA.replace(
              "{\"type\": \"integer\", \"minimum\": 0, \"maximum\":"
                  + " 1000, \"x-privacy\": \"count\"}",
              "{\"type\": \"string\", \"x-privacy\":" + " \"name-only\"}"));
    }

    @Override
    public Section collect(CollectorContext context) {
      return Section.builder().put("count", "anything the host likes").build();
    }
  }

  @Test
  void aHostCollectorIsHeldToTheSchemaItDeclares() throws Exception {
    Path cfg = Files.writeString(dir.resolve("printer.cfg"), "[printer]\nkinematics: none\n");
    AbstractModule host =
        new AbstractModule() {
          @Override
          protected void configure() {
            Multibinder<Collector> c = Multibinder.newSetBinder(binder(), Collector.class);
            c.addBinding().to(Liar.class);
            c.addBinding().to(Honest.class);
            c.addBinding().to(FreeText.class);
          }
        };
    try (Telemetry t =
        Telemetry.builder().configPath(cfg).environment(Map.of()).addModule(host).build()) {
      assertThat(t.extensions().refusedHostCollectors()).containsOnlyKeys(FreeText.class.getName());
      assertThat(t.extensions().refusedHostCollectors().get(FreeText.class.getName()))
          .contains("maxLength");
      assertThat(t.extensions().collectors()).noneMatch(c -> c instanceof FreeText);

      var collection = t.collect();
      var extensions = collection.document().tree().path("extensions");
      assertThat(extensions.has("print-stats")).isTrue();
      assertThat(extensions.has("job-queue"))
          .as("what it declared is not what it returned")
          .isFalse();
      assertThat(extensions.has("notes")).isFalse();
      assertThat(collection.failures())
          .anySatisfy(
              f -> {
                assertThat(f.section()).isEqualTo("extensions/job-queue");
                assertThat(f.kind()).isEqualTo(SectionFailure.Kind.INVALID);
                assertThat(f.detail())
                    .contains(
                        "/extensions/job-queue/count breaks rule 'type'",
                        "/extensions/job-queue/note breaks rule 'additionalProperties'",
                        "its own schema");
              });
      assertThat(collection.document().toCompactJson()).doesNotContain("nnnnnnnnnn");
    }
  }
}
