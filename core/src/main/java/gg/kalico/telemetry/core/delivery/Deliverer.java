package gg.kalico.telemetry.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.Transport;
import gg.kalico.telemetry.spi.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sending round for one document: at most {@value #MAX_ATTEMPTS} attempts and
 * {@link #ROUND_BUDGET} in all. Between attempts it waits what the receiver asked for
 * (Retry-After, already clamped to [0, 300 s]) or, when it did not say, a full-jitter backoff:
 * a uniform wait in [0, min(60 s, 1 s × 2^n)] after the n-th failure (n from 0).
 */
public final class Deliverer {
  /** Attempts per round. */
  public static final int MAX_ATTEMPTS = 5;
  /** Time per round, waits included. */
  public static final Duration ROUND_BUDGET = Duration.ofMinutes(2);
  static final Duration BASE = Duration.ofSeconds(1);
  static final Duration CAP = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

  private final Transport transport;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Random random;

  /**
   * @param random the jitter source; seed it to make the waits reproducible
   */
  public Deliverer(Transport transport, Clock clock, Sleeper sleeper, Random random) {
    this.transport = transport;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** The full-jitter wait after the {@code failures}-th failure (0-based). */
  Duration backoff(int failures) {
    long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(failures, 30));
    return Duration.ofMillis((long) (random.nextDouble() * (ceiling + 1)));
  }

  /** Tries to deliver; never throws for a delivery failure. */
  public Outcome deliver(Payload payload) {
    Instant start = clock.instant();
    String last = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Duration wait;
      try {
        return new Outcome(Outcome.Kind.DELIVERED, transport.send(payload), null, attempt + 1);
      } catch (TransportException e) {
        if (!e.retryable()) {
          return new Outcome(Outcome.Kind.REFUSED, null, e.getMessage(), attempt + 1);
        }
        last = e.getMessage();
        wait = e.retryAfter().isPresent() ? e.retryAfter().get() : backoff(attempt);
      } catch (IllegalArgumentException e) {
        // the payload itself cannot be sent (a header it cannot build): retrying cannot help
        log.warn("transport {} cannot send document {} as it is", transport.name(),
            payload.documentId(), e);
        return new Outcome(Outcome.Kind.DAMAGED, null, transport.name() + " cannot send the"
            + " document as it is (" + e.getClass().getSimpleName() + ")", attempt + 1);
      } catch (RuntimeException e) {
        // a plugin transport that fails in its own way: keep the document, try again later
        log.warn("transport {} failed", transport.name(), e);
        last = transport.name() + " failed (" + e.getClass().getSimpleName() + ")";
        wait = backoff(attempt);
      }
      if (attempt + 1 == MAX_ATTEMPTS) {
        break;
      }
      Duration spent = Duration.between(start, clock.instant());
      if (spent.plus(wait).compareTo(ROUND_BUDGET) > 0) {
        return new Outcome(Outcome.Kind.DEFERRED, null, last + "; the round's 2 minutes are"
            + " used up", attempt + 1);
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome(Outcome.Kind.DEFERRED, null, last + "; interrupted", attempt + 1);
      }
    }
    return new Outcome(Outcome.Kind.DEFERRED, null, last, MAX_ATTEMPTS);
  }
}
