package gg.kalico.telemetry.spi.collector;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

  /** HMAC-SHA256 of a raw id's UTF-8 bytes under a fixed key. */
  static byte[] hmac(byte[] key, String raw) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(raw.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
    }
  }
}
