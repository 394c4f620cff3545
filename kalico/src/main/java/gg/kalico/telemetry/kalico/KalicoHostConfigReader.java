package gg.kalico.telemetry.kalico;

import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.host.HostConfig;
import gg.kalico.telemetry.core.host.HostConfigReader;
import gg.kalico.telemetry.kalico.config.KalicoConfig;
import gg.kalico.telemetry.kalico.config.KalicoConfigReader;
import gg.kalico.telemetry.kalico.config.SaveConfig;
import gg.kalico.telemetry.kalico.consent.ConsentResolver;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kalico host adapter's reader: {@code printer.cfg} read with Kalico's rules (includes,
 * SAVE_CONFIG block, {@code ${...}} references), the names kept, and consent from
 * {@code DO_NOT_TRACK}, {@code KALICO_TELEMETRY} and {@code [telemetry] enabled}. Registered in
 * {@code META-INF/services}, so depending on {@code telemetry-kalico} is enough.
 */
public final class KalicoHostConfigReader implements HostConfigReader {
  /** The machine id the built-in machine collector keeps beside the config (Kalico's name). */
  public static final String MACHINE_ID_FILE = ".machine-id";

  @Override
  public HostConfig read(Optional<Path> configPath, Map<String, String> environment) {
    Optional<KalicoConfig> config = configPath.map(p -> new KalicoConfigReader().read(p));
    Consent consent = ConsentResolver.resolve(environment, config);
    return new HostConfig(config.map(KalicoConfig::names).orElse(ConfigNames.empty()), consent);
  }

  @Override
  public List<String> ownFiles() {
    return List.of(MACHINE_ID_FILE, SaveConfig.BACKUP_DIR);
  }
}
