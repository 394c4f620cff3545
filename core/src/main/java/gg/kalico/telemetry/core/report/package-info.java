/** Sending reports: when one is due, what was last delivered, and what changed since. */
package gg.kalico.telemetry.core.report;
