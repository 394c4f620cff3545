/**
 * What the core needs from the host it runs in, and nothing Klipper-specific: a {@link
 * gg.kalico.telemetry.core.host.HostConfigReader} turns the host's configuration into the section
 * and option names collectors see and the user's consent. The Kalico adapter ({@code
 * telemetry-kalico}) provides one for {@code printer.cfg}; a host without one gets {@link
 * gg.kalico.telemetry.core.host.EnvironmentOnly}.
 */
package gg.kalico.telemetry.core.host;
