/**
 * The published JSON Schema of the telemetry document and the validator that applies it.
 *
 * <p>Schema files are read from this module's class path under {@code schemas/}; nothing is ever
 * fetched from the network.
 */
package gg.kalico.telemetry.schema;
