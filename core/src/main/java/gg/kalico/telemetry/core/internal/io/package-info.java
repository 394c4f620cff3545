/**
 * File writing that never leaves a torn file, and never writes through a link it did not choose.
 *
 * <p>Internal: the framework's own machinery, public only so that this project's modules (the
 * Kalico adapter, the CLI, the plugin test kit) can share it. Not for use by hosts or plugins: it
 * may change in any release without notice. Hosts use {@code gg.kalico.telemetry.core.Telemetry}
 * and the packages it returns types from; plugin authors use {@code gg.kalico.telemetry.spi}.
 */
package gg.kalico.telemetry.core.internal.io;
