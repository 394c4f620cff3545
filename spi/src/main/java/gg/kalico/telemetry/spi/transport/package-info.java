/**
 * Transports: deliver a finished, validated telemetry document somewhere.
 *
 * <p>The core only hands a {@link gg.kalico.telemetry.spi.transport.Payload} to a transport after
 * the user has opted in (or, for the example file, asked for it).
 */
package gg.kalico.telemetry.spi.transport;
