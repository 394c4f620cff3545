package gg.kalico.telemetry.builtin.software;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteUrlsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://github.com/KalicoCrew/kalico.git | github.com/KalicoCrew/kalico",
        "https://github.com/KalicoCrew/kalico | github.com/KalicoCrew/kalico",
        "https://github.com/KalicoCrew/kalico/ | github.com/KalicoCrew/kalico",
        "https://user:CANARYpw@github.com/a/b.git | github.com/a/b",
        "https://ghp_CANARYtoken0123456789@github.com/a/b.git | github.com/a/b",
        "https://oauth2:glpat-CANARY@gitlab.com/group/sub/repo.git | gitlab.com/group/sub/repo",
        "https://github.com/a/b.git?access_token=CANARY#frag | github.com/a/b",
        "https://GitHub.COM:443/a/B | github.com/a/B",
        "http://192.168.1.20:3000/me/kalico.git | private",
        "https://10.0.0.5/CANARYuser/kalico | private",
        "https://172.20.1.1/x/CANARY | private",
        "http://169.254.10.10/x/CANARY | private",
        "https://[fd00::1]/x/CANARY | private",
        "https://[fe80::1]:3000/x/CANARY | private",
        "http://gitea:3000/CANARYuser/kalico | private",
        "git@nas:CANARYuser/kalico.git | private",
        "https://printer.local/CANARY/kalico | private",
        "https://user:CANARY/pw@github.com/a/b.git | github.com/a/b",
        "https://user:CANARY#pw@github.com/a/b.git | github.com/a/b",
        "https://user:CANARY@pw@github.com/a/b.git | github.com/a/b",
        "https://github.com/a/b@tag | github.com/a/b@tag",
        "/root/CANARY/kalico | local",
        "git@github.com:KalicoCrew/kalico.git | github.com/KalicoCrew/kalico",
        "CANARYuser@example.net:owner/repo.git | example.net/owner/repo",
        "example.net:owner/repo.git | example.net/owner/repo",
        "ssh://git@github.com/KalicoCrew/kalico.git | github.com/KalicoCrew/kalico",
        "ssh://git@github.com:2222/KalicoCrew/kalico.git | github.com/KalicoCrew/kalico",
        "git+ssh://CANARY@host.example/repo | host.example/repo",
        "git://git.example.net/kalico | git.example.net/kalico",
        "https://[2001:db8::1]:8443/a/b.git | [2001:db8::1]/a/b",
        "/home/pi/CANARY/kalico | local",
        "../kalico | local",
        "~/kalico.git | local",
        "file:///home/pi/CANARY.git | local",
        "C:\\Users\\CANARY\\kalico | local",
      })
  void reducesToHostAndPath(String url, String expected) {
    String reduced = RemoteUrls.reduce(url);
    assertThat(reduced).isEqualTo(expected);
    assertThat(reduced).doesNotContain("CANARY");
  }

  @org.junit.jupiter.api.Test
  void blankIsNull() {
    assertThat(RemoteUrls.reduce("  ")).isNull();
    assertThat(RemoteUrls.reduce(null)).isNull();
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .numeric()
        .ofMinLength(6)
        .ofMaxLength(20)
        .map(s -> "SECRET" + s);
  }

  @Provide
  Arbitrary<String> schemes() {
    return Arbitraries.of("https", "http", "ssh", "git+ssh", "ftp");
  }

  @Property(tries = 300)
  void credentialsQueriesAndFragmentsNeverSurvive(
      @ForAll("schemes") String scheme,
      @ForAll("secrets") String user,
      @ForAll("secrets") String password,
      @ForAll("secrets") String query,
      @ForAll("secrets") String fragment) {
    String url =
        scheme
            + "://"
            + user
            + ":"
            + password
            + "@host.example:1234/owner/repo.git?t="
            + query
            + "#"
            + fragment;
    String reduced = RemoteUrls.reduce(url);
    assertThat(reduced).isEqualTo("host.example/owner/repo").doesNotContain("SECRET");
  }

  @Property(tries = 300)
  void aTokenStandingAloneAsTheUserNeverSurvives(@ForAll("secrets") String token) {
    assertThat(RemoteUrls.reduce("https://" + token + "@github.com/o/r"))
        .isEqualTo("github.com/o/r");
    assertThat(RemoteUrls.reduce(token + "@github.com:o/r.git")).isEqualTo("github.com/o/r");
  }
}
