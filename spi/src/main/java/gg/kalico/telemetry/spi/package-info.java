/**
 * Contracts between the telemetry core and the code that extends it.
 *
 * <p>A module author implements {@link gg.kalico.telemetry.spi.collector.Collector} to add one
 * section to the telemetry document, or {@link gg.kalico.telemetry.spi.transport.Transport} to
 * deliver documents somewhere. Both are PF4J extension points: annotate the class with
 * {@code @org.pf4j.Extension} and ship it on the class path or in a plugin jar.
 *
 * <p>Every failure the framework reports is a {@link gg.kalico.telemetry.spi.TelemetryException}.
 * Types in this package tree are immutable and never null unless a method says so.
 */
package gg.kalico.telemetry.spi;
