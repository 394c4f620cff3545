package gg.kalico.telemetry.spi.collector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Ownership of a machine's records at a collect service, without an account and without the raw
 * machine id: the machine derives a secret from its raw id (HMAC-SHA256 under a second key of the
 * host application's, so it differs from {@link MachineIdHash} and cannot be computed from it), and
 * sends only its one-way image (SHA-256) with its reports. The receiver keeps the image; the secret
 * itself is sent only to ask what is held about the machine or to erase it, and proves ownership
 * because only the machine can derive it. A receiver that gets Kalico's own report (which carries
 * the raw id) computes the same image, so such a machine can be managed from this project's client.
 */
public final class MachineOwner {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private MachineOwner() {}

  /** The secret under Kalico's application key (what the collect service derives for it). */
  public static String secret(String rawMachineId) {
    return secret(MachineIdHash.KALICO_APPLICATION, rawMachineId);
  }

  /**
   * The secret: 64 lowercase hex digits of HMAC-SHA256({@code <application>/machine-owner/v1}, raw
   * machine id); application-specific like the machine id.
   */
  public static String secret(String application, String rawMachineId) {
    return HexFormat.of()
        .formatHex(
            MachineIdHash.hmac(MachineIdHash.key(application, "machine-owner"), rawMachineId));
  }

  /** The image the receiver keeps: 64 lowercase hex digits of SHA-256 over the secret. */
  public static String image(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(secret.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  /** Whether a text has the form of a secret or an image: 64 lowercase hex digits. */
  public static boolean wellFormed(String text) {
    return text != null && HEX64.matcher(text).matches();
  }
}
