package gg.kalico.telemetry.core.transport.https;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * HTTP {@code Retry-After}: delay-seconds or an HTTP-date, clamped to [0, 300 s]. A value that
 * cannot be parsed gives null, and the caller falls back to its backoff.
 */
final class RetryAfter {
  static final Duration MAX = Duration.ofMinutes(5);

  private RetryAfter() {}

  static Duration parse(String header, Instant now) {
    if (header == null) {
      return null;
    }
    String v = header.strip();
    if (v.isEmpty()) {
      return null;
    }
    Duration d;
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        d = Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException e) {
        d = MAX; // more digits than a long: very far away
      }
    } else {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        d = Duration.between(now, at);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    if (d.isNegative()) {
      return Duration.ZERO;
    }
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
