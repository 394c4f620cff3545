package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
  @Test
  void escapeSequencesAndControlCharactersCannotReachTheTerminal() {
    assertThat(TerminalText.clean("ok\u001b[2J\u001b]0;pwned\u0007\r\nnext\u202Eevil"))
        .isEqualTo("ok?[2J?]0;pwned???next?evil")
        .doesNotContain("\u001b");
  }

  @Test
  void longTextIsCut() {
    assertThat(TerminalText.clean("x".repeat(10_000))).hasSize(TerminalText.MAX + 1).endsWith("…");
  }
}
