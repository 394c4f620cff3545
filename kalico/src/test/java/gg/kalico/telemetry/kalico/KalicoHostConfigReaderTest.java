package gg.kalico.telemetry.kalico;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the Kalico adapter adds to the generic core: Kalico's endpoint, its name in the agent. */
class KalicoHostConfigReaderTest {
  private final KalicoHostConfigReader reader = new KalicoHostConfigReader();

  @Test
  void reportsGoToKalicoUnlessTheEnvironmentNamesAnotherEndpoint() {
    assertThat(reader.transportDefaults(Map.of()))
        .containsEntry("endpoint", "https://telemetry.kalico.gg/collect");
    assertThat(
            reader.transportDefaults(
                Map.of("KALICO_TELEMETRY_ENDPOINT", "https://collect.example.net/c")))
        .containsEntry("endpoint", "https://collect.example.net/c");
  }

  @Test
  void theUserAgentNamesTheKalicoVersionOfEitherProfile() {
    var json = JsonMapper.shared();
    assertThat(reader.userAgentSuffix(json.readTree("{\"software\": {\"version\": \"v0.12\"}}")))
        .isEqualTo(" Kalico/v0.12");
    assertThat(reader.userAgentSuffix(json.readTree("{\"version\": \"v0.13\"}")))
        .isEqualTo(" Kalico/v0.13");
    assertThat(reader.userAgentSuffix(json.readTree("{\"version\": \"unknown\"}"))).isEmpty();
  }

  @Test
  void theCoreFindsTheAdapterOnTheClassPath() {
    assertThat(gg.kalico.telemetry.core.host.EnvironmentOnly.discover())
        .isInstanceOf(KalicoHostConfigReader.class);
  }
}
