package gg.kalico.telemetry.kalico.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.kalico.config.KalicoConfig;
import gg.kalico.telemetry.kalico.config.KalicoConfigReader;
import gg.kalico.telemetry.spi.TelemetryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentResolverTest {
  @TempDir Path dir;

  private Optional<KalicoConfig> config(String text) throws Exception {
    Path cfg = dir.resolve("printer.cfg");
    Files.writeString(cfg, text);
    return Optional.of(new KalicoConfigReader().read(cfg));
  }

  @Test
  void unsetWhenTheConfigSaysNothing() throws Exception {
    Consent c = ConsentResolver.resolve(Map.of(), config("[printer]\nkinematics: none\n"));
    assertThat(c).isEqualTo(new Consent(Consent.State.UNSET, "not set"));
  }

  @Test
  void enabledFromTheSaveConfigBlockSaysSo() throws Exception {
    Consent c =
        ConsentResolver.resolve(
            Map.of(),
            config(
                "[printer]\nkinematics: none\n"
                    + "\n#*# <---------------------- SAVE_CONFIG ---------------------->\n"
                    + "#*# DO NOT EDIT THIS BLOCK OR BELOW. The contents are auto-generated.\n#*#\n"
                    + "#*# [telemetry]\n#*# enabled = True\n"));
    assertThat(c.state()).isEqualTo(Consent.State.ENABLED);
    assertThat(c.source()).isEqualTo("printer.cfg line 8, in the SAVE_CONFIG block");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", "yes", "anything"})
  void doNotTrackDisablesWhateverTheConfigSays(String value) throws Exception {
    Consent c =
        ConsentResolver.resolve(
            Map.of("DO_NOT_TRACK", value), config("[telemetry]\nenabled: True\n"));
    assertThat(c.state()).isEqualTo(Consent.State.DISABLED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0"})
  void doNotTrackEmptyOrZeroDoesNotCount(String value) throws Exception {
    Consent c =
        ConsentResolver.resolve(
            Map.of("DO_NOT_TRACK", value), config("[telemetry]\nenabled: True\n"));
    assertThat(c.state()).isEqualTo(Consent.State.ENABLED);
    assertThat(c.source()).isEqualTo("printer.cfg line 2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "false", "OFF", "no"})
  void kalicoTelemetryOffDisables(String value) throws Exception {
    Consent c =
        ConsentResolver.resolve(
            Map.of("KALICO_TELEMETRY", value), config("[telemetry]\nenabled: True\n"));
    assertThat(c)
        .isEqualTo(new Consent(Consent.State.DISABLED, "environment variable KALICO_TELEMETRY"));
  }

  @Test
  void aValueKalicoCannotReadAsBooleanIsAnErrorNamingTheLine() throws Exception {
    var cfg = config("[printer]\nkinematics: none\n[telemetry]\nenabled: maybe\n");
    assertThatThrownBy(() -> ConsentResolver.resolve(Map.of(), cfg))
        .isInstanceOf(TelemetryException.class)
        .hasMessageContaining("printer.cfg line 4")
        .hasMessageNotContaining("maybe");
  }
}
