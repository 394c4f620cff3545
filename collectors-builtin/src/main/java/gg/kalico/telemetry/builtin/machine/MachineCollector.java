package gg.kalico.telemetry.builtin.machine;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.Section;
import org.pf4j.Extension;

/**
 * The {@code machine} section: a keyed hash of the machine id, so the same machine is counted once
 * while the raw id (which other software uses as a stable identifier) never leaves it.
 */
@Extension(ordinal = 10)
public final class MachineCollector implements Collector {
  /**
   * The application's fixed HMAC key. It is public: the hash only has to differ from the raw id
   * and from other applications' derivations of it, as systemd's sd_id128_get_machine_app_specific
   * does.
   */
  static final byte[] APP_KEY =
      "kalico-telemetry/machine-id/v1".getBytes(StandardCharsets.US_ASCII);

  @Override
  public String section() {
    return "machine";
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public Section collect(CollectorContext context) {
    MachineIdSource.MachineId id = new MachineIdSource(context.host().systemRoot())
        .find(context.host().configPath().orElse(null), context.mayWrite());
    return Section.builder()
        .put("id", hash(id.raw()))
        .put("id_source", id.source())
        .build();
  }

  /** First 32 lowercase hex digits of HMAC-SHA256(APP_KEY, raw). */
  static String hash(String raw) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(APP_KEY, "HmacSHA256"));
      byte[] digest = mac.doFinal(raw.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
    }
  }
}
