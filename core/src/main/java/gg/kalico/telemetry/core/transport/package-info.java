/** The built-in transports: {@code file} (atomic write) and {@code stdout}. */
package gg.kalico.telemetry.core.transport;
