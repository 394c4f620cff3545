/** Document assembly: runs collectors under budgets, places and validates their sections. */
package gg.kalico.telemetry.core.assembly;
