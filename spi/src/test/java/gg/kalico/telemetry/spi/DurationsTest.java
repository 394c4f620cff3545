package gg.kalico.telemetry.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one duration syntax of every command line. */
class DurationsTest {
  @Test
  void shortFormsAndIso8601() {
    assertThat(Durations.parse("--x", "30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("--x", " 12H ")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse("--x", "90d")).isEqualTo(Duration.ofDays(90));
    assertThat(Durations.parse("--x", "45s")).isEqualTo(Duration.ofSeconds(45));
    assertThat(Durations.parse("--x", "PT6H")).isEqualTo(Duration.ofHours(6));
    assertThat(Durations.parse("--x", "p1d")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void anythingElseIsRefusedNamingTheOptionAndTheSyntax() {
    for (String bad : new String[] {"", "soon", "1w", "1.5h", "12", "PTXH"}) {
      assertThatThrownBy(() -> Durations.parse("--retention", bad))
          .as(bad)
          .isInstanceOf(TelemetryException.class)
          .hasMessageContaining("--retention '" + bad + "'")
          .hasMessageContaining("30m, 12h, 90d or PT6H");
    }
    assertThatThrownBy(() -> Durations.parse("--interval", "0s"))
        .hasMessageContaining("must be longer than zero");
    assertThatThrownBy(() -> Durations.parse("--interval", "-PT1H"))
        .hasMessageContaining("must be longer than zero");
    assertThatThrownBy(() -> Durations.parse("--interval", "-5m"))
        .hasMessageContaining("must be longer than zero");
  }
}
