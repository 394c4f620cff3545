package gg.kalico.telemetry.core.host;

import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads a host's configuration for the core: its names and the user's consent. One reader per kind
 * of host; the core finds it with {@link java.util.ServiceLoader} (the Kalico adapter registers one
 * for {@code printer.cfg}), or a host sets its own on the builder.
 *
 * <p>Implementations decide consent: environment variables that must win (at least {@value
 * EnvironmentOnly#DO_NOT_TRACK}, see {@link EnvironmentOnly#environmentOverride}) first, then the
 * host's own setting; without a decision the state is {@code UNSET} and nothing leaves the machine.
 */
public interface HostConfigReader {

  /**
   * Reads the configuration.
   *
   * @param configPath the host's main config file, or empty for a host without one
   * @param environment the process environment (or a test's)
   * @throws gg.kalico.telemetry.spi.TelemetryException when the configuration cannot be read,
   *     naming the file, line and fix
   */
  HostConfig read(Optional<Path> configPath, Map<String, String> environment);

  /**
   * Files and folders the host adapter itself keeps beside the config (relative names), which must
   * never be reached through a link, like the core's own.
   */
  default List<String> ownFiles() {
    return List.of();
  }

  /**
   * Transport options the host adds where the caller gave none, from the environment: the Kalico
   * adapter names Kalico's collect endpoint, or {@code KALICO_TELEMETRY_ENDPOINT}. The core itself
   * knows no endpoint.
   */
  default Map<String, String> transportDefaults(Map<String, String> environment) {
    return Map.of();
  }

  /**
   * What the User-Agent says of the host after this framework's own name, from the document being
   * sent (the Kalico adapter: {@code " Kalico/<version>"}), or an empty string.
   */
  default String userAgentSuffix(JsonNode document) {
    return "";
  }

  /**
   * The application name this adapter's hosts report as, when the host's facts name none: it keys
   * the machine id ({@code HostFacts.application}). The Kalico adapter's is {@code
   * kalico-telemetry}, the key Kalico's own reports get at the collect service. Empty: the host
   * must name itself, or its document has no {@code machine} section.
   */
  default Optional<String> application() {
    return Optional.empty();
  }

  /**
   * The objects the host loads, when the running host cannot say (its facts name none): the Kalico
   * adapter derives what Kalico's start-up loads for the configuration. Empty for a host that has
   * no such list; its document then has no {@code objects} section.
   *
   * @param names the configuration's names, as {@link #read} gave them
   * @param facts what the host stated about itself (its checkout, for example)
   */
  default Optional<List<String>> startupObjects(ConfigNames names, HostFacts facts) {
    return Optional.empty();
  }

  /** How the user opts in, for the message when nothing may be sent. */
  default String howToOptIn() {
    return "the user opts in through the host";
  }
}
