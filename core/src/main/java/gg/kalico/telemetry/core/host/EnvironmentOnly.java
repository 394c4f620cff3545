package gg.kalico.telemetry.core.host;

import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The reader for a host the core knows nothing about: no names, and consent from the environment
 * only ({@value #DO_NOT_TRACK} disables; otherwise the decision is unset, so nothing is sent). A
 * host with a configuration of its own provides a {@link HostConfigReader}.
 */
public final class EnvironmentOnly implements HostConfigReader {
  /** Any value but empty or {@code 0} disables telemetry (consoledonottrack.com). */
  public static final String DO_NOT_TRACK = "DO_NOT_TRACK";

  @Override
  public HostConfig read(Optional<Path> configPath, Map<String, String> environment) {
    return new HostConfig(
        ConfigNames.empty(),
        environmentOverride(environment).orElse(new Consent(Consent.State.UNSET, "not set")));
  }

  /** The decision {@value #DO_NOT_TRACK} forces, if it is set: every host honours it. */
  public static Optional<Consent> environmentOverride(Map<String, String> environment) {
    String dnt = environment.get(DO_NOT_TRACK);
    if (dnt != null && !dnt.isEmpty() && !dnt.equals("0")) {
      return Optional.of(
          new Consent(Consent.State.DISABLED, "environment variable " + DO_NOT_TRACK));
    }
    return Optional.empty();
  }

  /**
   * The reader registered on the class path ({@code META-INF/services}), or this one when there is
   * none.
   */
  public static HostConfigReader discover() {
    return ServiceLoader.load(HostConfigReader.class, HostConfigReader.class.getClassLoader())
        .findFirst()
        .orElseGet(EnvironmentOnly::new);
  }
}
