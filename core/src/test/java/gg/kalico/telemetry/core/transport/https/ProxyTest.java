package gg.kalico.telemetry.core.transport.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.core.testing.ConnectProxy;
import gg.kalico.telemetry.core.testing.ScriptedHttpsServer;
import gg.kalico.telemetry.core.testing.TestCertificate;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.Receipt;
import gg.kalico.telemetry.spi.transport.TransportException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rule: https honours https_proxy and no_proxy as other tools on the host do, through a real
 * CONNECT proxy on loopback, with certificate verification unchanged.
 */
class ProxyTest {
  @TempDir Path tmp;

  private ScriptedHttpsServer server;
  private ConnectProxy proxy;

  @BeforeEach
  void start() throws Exception {
    server = ScriptedHttpsServer.start(tmp);
    proxy = ConnectProxy.start();
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    server.close();
  }

  private Payload payload(Map<String, String> env, Path ca) {
    Map<String, String> options = new HashMap<>(HttpsTransport.proxyOptions(env));
    options.put("endpoint", server.url());
    options.put("ca_file", ca.toString());
    return new Payload(
        "11111111-2222-3333-4444-555555555555",
        "{\"schema_version\": 1}".getBytes(StandardCharsets.UTF_8),
        options);
  }

  @Test
  void aDocumentGoesThroughTheProxyNamedByHttpsProxy() {
    Receipt r =
        new HttpsTransport().send(payload(Map.of("HTTPS_PROXY", proxy.url()), server.caPem()));

    assertThat(proxy.tunnels()).containsExactly("127.0.0.1:" + server.port());
    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().get(0).header("Idempotency-Key"))
        .isEqualTo("11111111-2222-3333-4444-555555555555");
    assertThat(r.destination()).isEqualTo(server.url());
  }

  @Test
  void theLowerCaseVariableWinsAsInCurl() {
    new HttpsTransport()
        .send(
            payload(
                Map.of("https_proxy", proxy.url(), "HTTPS_PROXY", "http://127.0.0.1:9"),
                server.caPem()));
    assertThat(proxy.tunnels()).hasSize(1);
  }

  @Test
  void noProxyListsHostsReachedDirectly() {
    new HttpsTransport()
        .send(
            payload(
                Map.of("HTTPS_PROXY", proxy.url(), "NO_PROXY", "example.net, 127.0.0.0/8"),
                server.caPem()));
    assertThat(proxy.tunnels()).isEmpty();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void theCertificateIsStillVerifiedThroughTheProxy() throws Exception {
    Path otherCa = TestCertificate.make(tmp.resolve("other"), "dns:localhost,ip:127.0.0.1").pem();
    assertThatThrownBy(
            () -> new HttpsTransport().send(payload(Map.of("HTTPS_PROXY", proxy.url()), otherCa)))
        .isInstanceOf(TransportException.class);
    assertThat(proxy.tunnels()).as("it went through the proxy").hasSize(1);
    assertThat(server.requests()).as("and no request reached the server").isEmpty();
  }

  @Test
  void aProxyWithCredentialsIsRefusedWithoutRepeatingThem() {
    assertThatThrownBy(
            () ->
                HttpsTransport.proxyOptions(
                    Map.of("HTTPS_PROXY", "http://CANARYuser:CANARYsecret@proxy.example.net:3128")))
        .isInstanceOf(TelemetryException.class)
        .hasMessageContaining("https_proxy names a user and password")
        .hasMessageNotContaining("CANARY");
  }

  @Test
  void aProxyThatIsNotHttpIsRefusedNamingTheFix() {
    assertThatThrownBy(
            () -> HttpsTransport.proxyOptions(Map.of("https_proxy", "socks5://127.0.0.1:1080")))
        .isInstanceOf(TelemetryException.class)
        .hasMessageContaining("only http:// proxies");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "*                        | telemetry.kalico.gg | true",
        "kalico.gg                | telemetry.kalico.gg | true",
        ".kalico.gg               | telemetry.kalico.gg | true",
        "kalico.gg                | kalico.gg           | true",
        "alico.gg                 | telemetry.kalico.gg | false",
        "kalico.gg:443            | kalico.gg           | true",
        "10.0.0.0/8               | 10.20.30.40         | true",
        "10.0.0.0/8               | 11.0.0.1            | false",
        "192.168.1.5              | 192.168.1.5         | true",
        "192.168.1.5              | 192.168.1.50        | false",
        "'fd00::/8'               | [fd12::1]           | true",
        "'example.net,other.org'  | www.other.org       | true",
        "''                       | kalico.gg           | false"
      })
  void noProxyMatchesAsCurlDoes(String noProxy, String host, boolean bypass) {
    assertThat(Proxies.bypass(noProxy, host)).isEqualTo(bypass);
    URI target = URI.create("https://" + host + "/collect");
    assertThat(Proxies.forTarget("http://proxy.example.net:3128", noProxy, target).isEmpty())
        .isEqualTo(bypass);
  }
}
