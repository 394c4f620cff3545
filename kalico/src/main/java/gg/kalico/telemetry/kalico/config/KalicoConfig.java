package gg.kalico.telemetry.kalico.config;

import gg.kalico.telemetry.spi.collector.ConfigNames;
import java.util.Optional;

/**
 * What the core keeps of a config after reading it: the names, and the one setting this project
 * reads from it, {@code [telemetry] enabled}. No other value survives the read.
 */
public final class KalicoConfig {
  private final ConfigNames names;
  private final Setting telemetryEnabled;
  private final String ignoredSaveConfigReason;

  KalicoConfig(ConfigNames names, Setting telemetryEnabled, String ignoredSaveConfigReason) {
    this.names = names;
    this.telemetryEnabled = telemetryEnabled;
    this.ignoredSaveConfigReason = ignoredSaveConfigReason;
  }

  /** Section and option names in Kalico's order and case. */
  public ConfigNames names() {
    return names;
  }

  /** {@code [telemetry] enabled} as written, with where it was set, if present. */
  public Optional<Setting> telemetryEnabled() {
    return Optional.ofNullable(telemetryEnabled);
  }

  /**
   * Why Kalico ignores the SAVE_CONFIG block of this file (it is damaged), if it does. Kalico then
   * reads the file without the block, silently; callers should tell the user.
   */
  public Optional<String> ignoredSaveConfigReason() {
    return Optional.ofNullable(ignoredSaveConfigReason);
  }

  /**
   * A setting's raw text and where it was last set.
   *
   * @param value the option's value as Kalico would read it (before type conversion)
   * @param origin the file and line that set it
   */
  public record Setting(String value, OptionOrigin origin) {}
}
