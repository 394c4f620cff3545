package gg.kalico.telemetry.collect.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How many new machines one source (client address) may create per UTC day. Fake machines are how
 * the privacy threshold k is defeated: k - 1 fake reports of a guessed name publish it. A print
 * farm behind one address fits in the default (a few dozen); a source past it is answered 429 until
 * the next UTC day for machines that never reported, while machines that did report are never held
 * back. Sources are counted in memory by a keyed hash of the address whose key is drawn anew each
 * day and never written anywhere. At most {@value #SOURCES} sources are counted a day; past that,
 * new machines from sources not yet counted wait for the next day (a flood of addresses cannot push
 * the counted ones out).
 */
final class NewMachineLimiter {
  static final int SOURCES = 100_000;

  private final int perDay;
  private final Clock clock;
  private final Predicate<String> known;
  private final Map<String, Integer> counts = new HashMap<>();
  private final SecureRandom random = new SecureRandom();
  private LocalDate day;
  private Mac mac;

  /**
   * @param perDay new machines one source may create per UTC day; 0 for no limit
   * @param known whether a machine has reported before
   */
  NewMachineLimiter(int perDay, Clock clock, Predicate<String> known) {
    this.perDay = perDay;
    this.clock = clock;
    this.known = known;
  }

  /** Whether {@code machineId}, reported from {@code address}, may be stored. */
  boolean allow(String address, String machineId) {
    if (perDay == 0 || known.test(machineId)) {
      return true;
    }
    synchronized (this) {
      roll();
      String source =
          HexFormat.of().formatHex(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)));
      Integer n = counts.get(source);
      if (n == null && counts.size() >= SOURCES) {
        return false;
      }
      int next = (n == null ? 0 : n) + 1;
      if (next > perDay) {
        return false;
      }
      counts.put(source, next);
      return true;
    }
  }

  /** Seconds until the next UTC day, when every source may create new machines again. */
  long secondsUntilTomorrow() {
    var now = clock.instant();
    var tomorrow =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .plusDays(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    return Math.max(1, Duration.between(now, tomorrow).toSeconds());
  }

  /** A new day: forget every count and draw a new key. */
  private void roll() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (today.equals(day)) {
      return;
    }
    day = today;
    counts.clear();
    byte[] key = new byte[32];
    random.nextBytes(key);
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
    }
  }
}
