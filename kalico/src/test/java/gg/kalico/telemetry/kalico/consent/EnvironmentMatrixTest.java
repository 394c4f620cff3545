package gg.kalico.telemetry.kalico.consent;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.kalico.config.KalicoConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every environment setting against every config setting: the environment can only disable. */
class EnvironmentMatrixTest {
  @TempDir Path dir;

  static Stream<Arguments> matrix() {
    List<Map<String, String>> envs =
        List.of(
            Map.of(),
            Map.of("DO_NOT_TRACK", "1"),
            Map.of("DO_NOT_TRACK", "true"),
            Map.of("DO_NOT_TRACK", "0"),
            Map.of("DO_NOT_TRACK", ""),
            Map.of("KALICO_TELEMETRY", "0"),
            Map.of("KALICO_TELEMETRY", "false"),
            Map.of("KALICO_TELEMETRY", "Off"),
            Map.of("KALICO_TELEMETRY", "NO"),
            Map.of("KALICO_TELEMETRY", "1"),
            Map.of("KALICO_TELEMETRY", "yes"),
            Map.of("KALICO_TELEMETRY", ""),
            Map.of("DO_NOT_TRACK", "0", "KALICO_TELEMETRY", "off"));
    List<Arguments> out = new ArrayList<>();
    for (Map<String, String> env : envs) {
      for (String setting : new String[] {null, "True", "False"}) {
        out.add(Arguments.of(env, setting));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} with enabled={1}")
  @MethodSource("matrix")
  void theEnvironmentOnlyEverDisables(Map<String, String> env, String setting) throws Exception {
    Path cfg = dir.resolve("printer.cfg");
    Files.writeString(
        cfg,
        "[printer]\nkinematics: none\n"
            + (setting == null ? "" : "[telemetry]\nenabled: " + setting + "\n"));
    Consent c =
        ConsentResolver.resolve(
            new HashMap<>(env), Optional.of(new KalicoConfigReader().read(cfg)));

    String dnt = env.get("DO_NOT_TRACK");
    String own = env.getOrDefault("KALICO_TELEMETRY", "").toLowerCase(java.util.Locale.ROOT);
    boolean envOff =
        (dnt != null && !dnt.isEmpty() && !dnt.equals("0"))
            || List.of("0", "false", "off", "no").contains(own);
    Consent.State expected =
        envOff
            ? Consent.State.DISABLED
            : setting == null
                ? Consent.State.UNSET
                : setting.equals("True") ? Consent.State.ENABLED : Consent.State.DISABLED;
    assertThat(c.state()).isEqualTo(expected);
    assertThat(c.source())
        .isEqualTo(
            envOff
                ? "environment variable "
                    + (dnt != null && !dnt.isEmpty() && !dnt.equals("0")
                        ? "DO_NOT_TRACK"
                        : "KALICO_TELEMETRY")
                : setting == null ? "not set" : "printer.cfg line 4");
  }
}
