/** The user's consent: nothing leaves the machine unless it says so. */
package gg.kalico.telemetry.core.consent;
