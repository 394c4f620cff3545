/** The built-in transports: {@code file} (atomic write) and {@code stdout}. */
package org.example.telemetry.core.transport;
