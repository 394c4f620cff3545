package gg.kalico.telemetry.spi.collector;

import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Produces one section of the telemetry document.
 *
 * <p>The core calls {@link #collect} once per collection, on a worker thread, under a time budget
 * (two seconds unless the host sets another). A collector that throws, overruns its budget or
 * returns a section the schema rejects loses its own section only; the rest of the document is
 * still produced and the failure is reported beside it.
 *
 * <p>Sections whose key is one of the schema's top-level keys ({@code machine}, {@code system},
 * {@code software}, {@code config}, {@code objects}) are placed at the top of the document; any
 * other key is placed under {@code extensions.<key>}. A collector shipped in a PF4J plugin is
 * placed under {@code extensions.<plugin-id>} (one collector per plugin), must not use a core key,
 * must return its section's schema from {@link #sectionSchema()}, and has 500 ms and 16 KiB.
 *
 * <p>Implementations are created by the core through Guice; a public no-argument constructor or an
 * {@code @jakarta.inject.Inject} constructor is required. They must be thread-safe for one call at
 * a time and keep no configuration values.
 */
public interface Collector extends ExtensionPoint {

  /**
   * The document key this collector owns: lowercase letters, digits and {@code _} or {@code -},
   * starting with a letter, at most 64 characters. Two collectors may not claim the same key.
   */
  String section();

  /**
   * The JSON Schema (2020-12) of this collector's section, as text. Required of plugin collectors:
   * plugin jars are not visible to the host's schema loader, so the schema travels through this
   * method. It is checked when the plugin starts: no remote {@code $ref}, {@code
   * additionalProperties: false} and {@code maxProperties} on every object, {@code maxItems} on
   * every array, and every string either an {@code enum}/{@code const} or both {@code maxLength}
   * and {@code pattern}. The section is validated against it on every collection.
   */
  default Optional<String> sectionSchema() {
    return Optional.empty();
  }

  /** Position among collectors: lower runs first and appears first. Built-ins use 10 to 50. */
  default int order() {
    return 100;
  }

  /**
   * Produces the section.
   *
   * @param context what this collector may know about the host
   * @return the section, or null when there is nothing to report (the key is then left out; an
   *     empty section is kept as {@code {}} or {@code []})
   * @throws RuntimeException any failure; it is recorded against this collector only
   */
  Section collect(CollectorContext context);
}
