package gg.kalico.telemetry.core.host;

import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import java.util.Objects;

/**
 * The host's configuration as the core uses it, read once for one operation: the names collectors
 * see (never a value) and the user's decision.
 *
 * @param names section and option names, in the host's order
 * @param consent whether documents may leave the machine, and why
 */
public record HostConfig(ConfigNames names, Consent consent) {
  public HostConfig {
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(consent, "consent");
  }
}
