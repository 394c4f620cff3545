package gg.kalico.telemetry.core.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate made for one test by the JDK's keytool: a PKCS12 key store
 * (password {@link #PASSWORD}) for the server, and the certificate as PEM for the client to trust.
 */
public record TestCertificate(Path keystore, Path pem) {
  /** The key store's and the key's password. */
  public static final String PASSWORD = "changeit";

  /** A certificate for {@code localhost} and {@code 127.0.0.1}. */
  public static TestCertificate loopback(Path workDir) throws Exception {
    return make(workDir, "dns:localhost,ip:127.0.0.1");
  }

  /** A certificate with these subject alternative names (keytool's SAN syntax). */
  public static TestCertificate make(Path workDir, String san) throws Exception {
    Path dir = Files.createDirectories(workDir.resolve("tls-" + System.nanoTime()));
    Path keystore = dir.resolve("server.p12");
    Path pem = dir.resolve("ca.pem");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=telemetry-test",
        "-ext",
        "SAN=" + san,
        "-validity",
        "2",
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    run(
        keytool,
        "-exportcert",
        "-alias",
        "server",
        "-rfc",
        "-keystore",
        keystore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        pem.toString());
    return new TestCertificate(keystore, pem);
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
  }
}
