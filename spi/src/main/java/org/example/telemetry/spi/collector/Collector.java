package org.example.telemetry.spi.collector;

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
 * other key is placed under {@code extensions.<key>}.
 *
 * <p>Implementations are created by the core through Guice; a public no-argument constructor or an
 * {@code @jakarta.inject.Inject} constructor is required. They must be thread-safe for one call at a
 * time and keep no configuration values.
 */
public interface Collector extends ExtensionPoint {

  /**
   * The document key this collector owns: lowercase letters, digits and {@code _} or {@code -},
   * starting with a letter, at most 64 characters. Two collectors may not claim the same key.
   */
  String section();

  /** Position among collectors: lower runs first and appears first. Built-ins use 10 to 50. */
  default int order() {
    return 100;
  }

  /**
   * Produces the section.
   *
   * @param context what this collector may know about the host
   * @return the section, or null when there is nothing to report (the key is then left out;
   *     an empty section is kept as {@code {}} or {@code []})
   * @throws RuntimeException any failure; it is recorded against this collector only
   */
  Section collect(CollectorContext context);
}
