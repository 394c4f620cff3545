package gg.kalico.telemetry.builtin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OsReleaseTest {
  @Test
  void quotedUnquotedAndEscapedValuesAreUnderstood() {
    Map<String, String> r =
        OsRelease.parse(
            """
        NAME="Debian GNU/Linux"
        ID=debian
        VERSION_ID='12'
        PRETTY_NAME="Say \\"hi\\" \\\\ \\$HOME \\`x\\`"
        """);
    assertThat(r)
        .containsExactly(
            Map.entry("NAME", "Debian GNU/Linux"),
            Map.entry("ID", "debian"),
            Map.entry("VERSION_ID", "12"),
            Map.entry("PRETTY_NAME", "Say \"hi\" \\ $HOME `x`"));
  }

  @Test
  void commentsBlankLinesEmptyValuesAndBrokenLinesAreSkipped() {
    Map<String, String> r =
        OsRelease.parse(
            """
        # a comment

        NAME=
        ID=""
        VERSION_CODENAME=bookworm
        VARIANT_ID="unterminated
        BUILD_ID=two words
        no equals sign here
        =novalue
        """);
    assertThat(r).containsExactly(Map.entry("VERSION_CODENAME", "bookworm"));
  }

  @Test
  void onlyAllowListedKeysSurvive() {
    Map<String, String> r =
        OsRelease.parse(
            """
        ID=raspbian
        HOME_URL="https://CANARY-home.example/"
        SUPPORT_URL=https://CANARY-support.example/
        CANARY_KEY=CANARY-value
        ID_LIKE=debian
        """);
    assertThat(r).containsOnlyKeys("ID", "ID_LIKE");
    assertThat(r.toString()).doesNotContain("CANARY");
  }

  @Test
  void crlfAndSurroundingSpaceAreTolerated() {
    assertThat(OsRelease.parse("ID=alpine\r\nVERSION_ID=3.20\r\n"))
        .containsEntry("ID", "alpine")
        .containsEntry("VERSION_ID", "3.20");
  }
}
