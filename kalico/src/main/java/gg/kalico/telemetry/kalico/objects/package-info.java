/** Kalico's start-up objects for a configuration, derived from a table of Kalico's modules. */
package gg.kalico.telemetry.kalico.objects;
