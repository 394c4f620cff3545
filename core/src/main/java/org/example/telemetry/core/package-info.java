/**
 * The engine a host embeds; start at {@link org.example.telemetry.core.Telemetry}.
 */
package org.example.telemetry.core;
