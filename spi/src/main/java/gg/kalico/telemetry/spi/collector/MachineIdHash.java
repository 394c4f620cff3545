package gg.kalico.telemetry.spi.collector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The keyed hash that stands for a machine in every report: the first 32 lowercase hex digits of
 * HMAC-SHA256 over the raw machine id, keyed with a key of the host application's own ({@code
 * <application>/machine-id/v1}), as systemd's {@code machine-id(5)} asks: two products on one
 * computer report different ids, so their reports cannot be linked, nor overwrite each other at one
 * receiver. The key is public: the hash only has to differ from the raw id and from other
 * applications' derivations of it. The Kalico adapter's application is {@value
 * #KALICO_APPLICATION}, the key Kalico's own reports are hashed with at the collect service, so one
 * Kalico machine is counted once whichever client reported it.
 */
public final class MachineIdHash {
  /** The application name of Kalico's telemetry: its key is the one Kalico's reports get. */
  public static final String KALICO_APPLICATION = "kalico-telemetry";

  /** What an application name may be. */
  static final Pattern APPLICATION = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** SHA-256's block size in bytes, the HMAC key's length. */
  private static final int BLOCK = 64;

  private MachineIdHash() {}

  /** The id under Kalico's application key (what the collect service gives Kalico's reports). */
  public static String of(String raw) {
    return of(KALICO_APPLICATION, raw);
  }

  /** First 32 lowercase hex digits of HMAC-SHA256(application's key, raw). */
  public static String of(String application, String raw) {
    return HexFormat.of().formatHex(hmac(key(application, "machine-id"), raw)).substring(0, 32);
  }

  /** An application's key for one purpose: {@code <application>/<purpose>/v1}. */
  static byte[] key(String application, String purpose) {
    if (!APPLICATION.matcher(application).matches()) {
      throw new IllegalArgumentException(
          "application name '"
              + application
              + "' must be 1 to"
              + " 64 of a-z, 0-9, '.', '_' and '-'");
    }
    return (application + "/" + purpose + "/v1").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * HMAC-SHA256 of a raw id's UTF-8 bytes under a fixed key, as RFC 2104 defines it, over the
   * {@code SHA-256} digest. The same bytes as {@code Mac.getInstance("HmacSHA256")} (a test checks
   * it), without asking for the JCE provider: finding that one loads and starts every security
   * provider listed before it (TLS, XML signatures, PKCS#11, ...), a noticeable part of a cold
   * start on a small board, where the digest comes from the first provider.
   */
  static byte[] hmac(byte[] key, String raw) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
    byte[] block = Arrays.copyOf(key.length > BLOCK ? sha.digest(key) : key, BLOCK);
    byte[] inner = new byte[BLOCK];
    byte[] outer = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      inner[i] = (byte) (block[i] ^ 0x36);
      outer[i] = (byte) (block[i] ^ 0x5c);
    }
    sha.update(inner);
    byte[] innerHash = sha.digest(raw.getBytes(StandardCharsets.UTF_8));
    sha.update(outer);
    return sha.digest(innerHash);
  }
}
