package gg.kalico.telemetry.kalico;

import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.host.HostConfig;
import gg.kalico.telemetry.core.host.HostConfigReader;
import gg.kalico.telemetry.kalico.config.KalicoConfig;
import gg.kalico.telemetry.kalico.config.KalicoConfigReader;
import gg.kalico.telemetry.kalico.config.SaveConfig;
import gg.kalico.telemetry.kalico.consent.ConsentResolver;
import gg.kalico.telemetry.kalico.objects.KalicoStartupObjects;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.collector.HostFacts;
import gg.kalico.telemetry.spi.collector.MachineIdHash;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The Kalico host adapter's reader: {@code printer.cfg} read with Kalico's rules (includes,
 * SAVE_CONFIG block, {@code ${...}} references), the names kept, and consent from {@code
 * DO_NOT_TRACK}, {@code KALICO_TELEMETRY} and {@code [telemetry] enabled}. Registered in {@code
 * META-INF/services}, so depending on {@code telemetry-kalico} is enough.
 */
public final class KalicoHostConfigReader implements HostConfigReader {
  /** The machine id the built-in machine collector keeps beside the config (Kalico's name). */
  public static final String MACHINE_ID_FILE = ".machine-id";

  /** Kalico's collect endpoint: where reports go unless the user or host names another. */
  public static final String KALICO_ENDPOINT = "https://telemetry.kalico.gg/collect";

  /** Environment variable: the endpoint when the host or user names none. */
  public static final String ENDPOINT_VARIABLE = "KALICO_TELEMETRY_ENDPOINT";

  /** Kalico's: the key Kalico's own reports get at the collect service, so one machine is one. */
  @Override
  public Optional<String> application() {
    return Optional.of(MachineIdHash.KALICO_APPLICATION);
  }

  /**
   * Without a running Kalico (the CLI), the objects its start-up would load for this configuration
   * and checkout; nothing for a host without a config.
   */
  @Override
  public Optional<List<String>> startupObjects(ConfigNames names, HostFacts facts) {
    if (facts.configPath().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(KalicoStartupObjects.derive(names, facts.hostDirectory()));
  }

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

  @Override
  public Map<String, String> transportDefaults(Map<String, String> environment) {
    String endpoint = environment.get(ENDPOINT_VARIABLE);
    return Map.of("endpoint", endpoint != null && !endpoint.isBlank() ? endpoint : KALICO_ENDPOINT);
  }

  /** {@code " Kalico/<version>"} from the document's software version (either profile). */
  @Override
  public String userAgentSuffix(JsonNode doc) {
    JsonNode v = doc.path("software").path("version");
    String version = v.isString() ? v.asString() : doc.path("version").asString(null);
    return version == null || version.equals("unknown") ? "" : " Kalico/" + version;
  }

  @Override
  public String howToOptIn() {
    return "the user opts in with ENABLE_TELEMETRY (CLI: enable)";
  }
}
