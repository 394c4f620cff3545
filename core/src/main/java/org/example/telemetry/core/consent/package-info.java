/** The user's consent: nothing leaves the machine unless it says so. */
package org.example.telemetry.core.consent;
