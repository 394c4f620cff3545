/** Document assembly: runs collectors under budgets, places and validates their sections. */
package org.example.telemetry.core.assembly;
