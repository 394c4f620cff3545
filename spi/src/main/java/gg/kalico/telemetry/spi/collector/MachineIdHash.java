package gg.kalico.telemetry.spi.collector;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash that stands for a machine in every report: the first 32 lowercase hex digits of
 * HMAC-SHA256 over the raw machine id, keyed with this application's fixed key. The client sends
 * it instead of the raw id, and the collect service computes the same hash from the raw id that
 * Kalico's own client sends, so one machine is counted once whichever client reported it.
 */
public final class MachineIdHash {
  /**
   * The application's fixed HMAC key. It is public: the hash only has to differ from the raw id
   * and from other applications' derivations of it, as systemd's sd_id128_get_machine_app_specific
   * does.
   */
  private static final byte[] APP_KEY =
      "kalico-telemetry/machine-id/v1".getBytes(StandardCharsets.US_ASCII);

  private MachineIdHash() {}

  /** First 32 lowercase hex digits of HMAC-SHA256(application key, raw). */
  public static String of(String raw) {
    return HexFormat.of().formatHex(hmac(APP_KEY, raw)).substring(0, 32);
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
