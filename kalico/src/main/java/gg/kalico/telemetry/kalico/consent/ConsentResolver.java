package gg.kalico.telemetry.kalico.consent;

import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.host.EnvironmentOnly;
import gg.kalico.telemetry.kalico.config.KalicoConfig;
import gg.kalico.telemetry.spi.TelemetryException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides consent: environment overrides first ({@code DO_NOT_TRACK}, {@code KALICO_TELEMETRY}),
 * then {@code [telemetry] enabled} as Kalico reads it (SAVE_CONFIG block included), else unset.
 */
public final class ConsentResolver {
  /** Any value but empty or {@code 0} disables telemetry (consoledonottrack.com). */
  public static final String DO_NOT_TRACK = EnvironmentOnly.DO_NOT_TRACK;

  /** {@code 0}, {@code false}, {@code off} or {@code no} disables telemetry. */
  public static final String KALICO_TELEMETRY = "KALICO_TELEMETRY";

  private static final Set<String> OFF = Set.of("0", "false", "off", "no");
  private static final Set<String> TRUE = Set.of("1", "yes", "true", "on");

  private ConsentResolver() {}

  /**
   * Resolves the decision.
   *
   * @param environment the process environment (or a test's)
   * @param config the read config, or empty for a host without one
   * @throws TelemetryException if {@code [telemetry] enabled} is not a boolean Kalico accepts
   */
  public static Consent resolve(Map<String, String> environment, Optional<KalicoConfig> config) {
    Optional<Consent> forced = EnvironmentOnly.environmentOverride(environment);
    if (forced.isPresent()) {
      return forced.get();
    }
    String own = environment.get(KALICO_TELEMETRY);
    if (own != null && OFF.contains(own.trim().toLowerCase(Locale.ROOT))) {
      return new Consent(Consent.State.DISABLED, "environment variable " + KALICO_TELEMETRY);
    }
    Optional<KalicoConfig.Setting> setting = config.flatMap(KalicoConfig::telemetryEnabled);
    if (setting.isEmpty()) {
      return new Consent(Consent.State.UNSET, "not set");
    }
    String value = setting.get().value().toLowerCase(Locale.ROOT);
    String where = setting.get().origin().toString();
    if (TRUE.contains(value)) {
      return new Consent(Consent.State.ENABLED, where);
    }
    if (OFF.contains(value)) {
      return new Consent(Consent.State.DISABLED, where);
    }
    throw new TelemetryException(
        where
            + ": option 'enabled' in section [telemetry] must be"
            + " True or False (Kalico also accepts yes/no, on/off, 1/0)");
  }
}
