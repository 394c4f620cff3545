package gg.kalico.telemetry.spi;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way durations are written on every command line of this project (the client's {@code
 * --interval}, the collect service's {@code --retention}, {@code --window}, ...): a whole number
 * with {@code s}, {@code m}, {@code h} or {@code d} ({@code 30m}, {@code 12h}, {@code 90d}), or
 * ISO-8601 ({@code PT6H}, {@code P1D}); letters in either case, spaces around ignored.
 */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(-?\\d{1,12})([smhd])");

  /** How the syntax is shown in messages. */
  public static final String EXAMPLES = "30m, 12h, 90d or PT6H";

  private Durations() {}

  /**
   * Reads a duration longer than zero.
   *
   * @param option the option it was given for, named in the message
   * @throws TelemetryException naming the option and the syntax when the text is not one, or is
   *     zero or negative
   */
  public static Duration parse(String option, String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      Matcher m = SHORT.matcher(t);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        d =
            switch (m.group(2)) {
              case "s" -> Duration.ofSeconds(n);
              case "m" -> Duration.ofMinutes(n);
              case "h" -> Duration.ofHours(n);
              default -> Duration.ofDays(n);
            };
      } else {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      }
    } catch (RuntimeException e) {
      throw new TelemetryException(
          option + " '" + text + "' is not a duration; write it like " + EXAMPLES);
    }
    if (d.isNegative() || d.isZero()) {
      throw new TelemetryException(
          option + " '" + text + "' must be longer than zero; write it" + " like " + EXAMPLES);
    }
    return d;
  }
}
