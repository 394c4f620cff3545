package com.example.host;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.host.EnvironmentOnly;
import gg.kalico.telemetry.core.host.HostConfig;
import gg.kalico.telemetry.core.host.HostConfigReader;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host that is not Kalico: it names itself (the machine id is keyed by that name), tells the
 * core its configuration's names and the user's consent with a {@link HostConfigReader}, and
 * states its own loaded objects. Usage:
 * {@code java -cp embedding-host.jar com.example.host.GenericHost}; it prints the document.
 */
public final class GenericHost {
  private GenericHost() {}

  /** How this host's settings become names and consent for the core. */
  static final class SettingsReader implements HostConfigReader {
    @Override
    public HostConfig read(Optional<Path> configPath, Map<String, String> environment) {
      // DO_NOT_TRACK and the like win over the host's own setting
      Consent consent = EnvironmentOnly.environmentOverride(environment)
          .orElse(new Consent(Consent.State.UNSET, "not decided in the host's settings"));
      ConfigNames names = ConfigNames.of(Map.of(
          "spindle", List.of("max_rpm", "pwm_pin"),
          "probe", List.of("z_offset")));
      return new HostConfig(names, consent);
    }

    @Override
    public Map<String, String> transportDefaults(Map<String, String> environment) {
      return Map.of(); // this host names no collect endpoint: nothing goes anywhere by default
    }
  }

  public static void main(String[] args) throws java.io.IOException {
    Path settings = java.nio.file.Files.createTempDirectory("example-cnc-").resolve("host.cfg");
    try (Telemetry telemetry = Telemetry.builder()
        .hostConfigReader(new SettingsReader())
        .hostFacts(HostFacts.builder()
            .application("example-cnc-host")                 // keys the machine id
            .configPath(settings)                             // its settings file (read above)
            .enabledObjects(List.of("spindle", "probe"))      // this host's loaded modules
            .build())
        .build()) {
      Collected c = telemetry.collect();
      c.failures().forEach(f -> System.err.println("section left out: " + f));
      System.err.println("consent: " + telemetry.consent());
      System.out.print(c.document().toPrettyJson());
    }
  }
}
