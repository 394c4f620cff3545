/** The engine a host embeds; start at {@link gg.kalico.telemetry.core.Telemetry}. */
package gg.kalico.telemetry.core;
