/**
 * What a collection gives a host: the valid document and the sections left out, with why ({@link
 * gg.kalico.telemetry.core.assembly.Collected}, {@link
 * gg.kalico.telemetry.core.assembly.SectionFailure}). The assembly itself is internal.
 */
package gg.kalico.telemetry.core.assembly;
