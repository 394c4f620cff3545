package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad {@code send} options are bad input: exit 2 with one line that names the option and the fix,
 * before consent is even looked at, and never echoing a URL's user info, query or fragment.
 */
class BadSendOptionsTest {
  @TempDir Path tmp;

  private Path config() throws Exception {
    Path cfg = tmp.resolve("printer.cfg");
    Files.writeString(cfg, "[printer]\nkinematics: none\n");
    return cfg;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://user:CANARYpw@host.example.net/c?tok=CANARYq#CANARYf",
        "https://user:CANARYpw@host.example.net/collect?k=CANARYq",
        "http://host.example.net/collect#CANARYf",
        "not a url?CANARYq",
        "/relative?CANARYq",
        "https://@/x?CANARYq",
        "mailto:CANARYuser@host.example.net"
      })
  void aBadEndpointIsRefusedWithOneLineAndNoSecrets(String endpoint) throws Exception {
    CliRun run =
        CliRun.inProcess(
            "send", "--force", "--config", config().toString(), "--endpoint", endpoint);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("error: endpoint")
        .doesNotContain("CANARY", "Exception");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "-5m", "PT0S", "-PT1H", "0d"})
  void aZeroOrNegativeIntervalIsRefused(String interval) throws Exception {
    CliRun run = CliRun.inProcess("send", "--config", config().toString(), "--interval", interval);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("error: --interval '" + interval + "' must be longer than zero");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://CANARYuser:CANARYpw@proxy.example.net:3128",
        "socks5://proxy.example.net:1080",
        "http://:3128"
      })
  void aProxyThatCannotBeUsedIsRefusedBeforeAnythingIsSent(String proxy) throws Exception {
    Path cfg = config();
    Files.writeString(cfg, "[printer]\nkinematics: none\n[telemetry]\nenabled: True\n");
    CliRun run =
        CliRun.process(
            Files.createDirectories(tmp.resolve("home")),
            java.util.Map.of("HTTPS_PROXY", proxy),
            "send",
            "--force",
            "--config",
            cfg.toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("error: https_proxy").doesNotContain("CANARY", "Exception");
    assertThat(cfg.resolveSibling(".telemetry-spool"))
        .as("nothing was collected or spooled")
        .doesNotExist();
  }
}
