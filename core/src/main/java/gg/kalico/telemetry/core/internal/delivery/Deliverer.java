package gg.kalico.telemetry.core.internal.delivery;

import gg.kalico.telemetry.core.delivery.Sleeper;
import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.Receipt;
import gg.kalico.telemetry.spi.transport.Transport;
import gg.kalico.telemetry.spi.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sending round: for each document at most {@value #MAX_ATTEMPTS} attempts, and for the whole
 * round (every document it delivers, waits included) {@link #ROUND_BUDGET} from the moment the
 * deliverer is made. Between attempts it waits what the receiver asked for (Retry-After, already
 * clamped to [0, 300 s]) or, when it did not say, a full-jitter backoff: a uniform wait in [0,
 * min(60 s, 1 s × 2^n)] after the n-th failure (n from 0).
 *
 * <p>Each attempt runs on a worker thread of its own, and the round waits for it only as long as
 * its budget lasts: a transport that blocks and ignores interrupts is abandoned (its thread is a
 * daemon), the document stays in the spool, and the round ends on time. Should the abandoned
 * attempt still get through, the receiver recognises the document by its idempotency key when it is
 * sent again.
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
  private final Duration budget;
  private final Instant start;
  private final long realDeadline;

  /**
   * A round with the standard {@link #ROUND_BUDGET}.
   *
   * @param random the jitter source; seed it to make the waits reproducible
   */
  public Deliverer(Transport transport, Clock clock, Sleeper sleeper, Random random) {
    this(transport, clock, sleeper, random, ROUND_BUDGET);
  }

  /** A round that may take {@code budget} in all. */
  public Deliverer(
      Transport transport, Clock clock, Sleeper sleeper, Random random, Duration budget) {
    this.transport = transport;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
    this.budget = budget;
    this.start = clock.instant();
    this.realDeadline = System.nanoTime() + budget.toNanos();
  }

  /** The full-jitter wait after the {@code failures}-th failure (0-based). */
  Duration backoff(int failures) {
    long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(failures, 30));
    return Duration.ofMillis((long) (random.nextDouble() * (ceiling + 1)));
  }

  /** Tries to deliver; never throws for a delivery failure. */
  public Outcome deliver(Payload payload) {
    String last = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Duration wait;
      try {
        return new Outcome(Outcome.Kind.DELIVERED, attempt(payload), null, attempt + 1);
      } catch (Abandoned e) {
        log.warn(
            "transport {} did not answer within the round's budget; the attempt is"
                + " abandoned and the document waits for the next round",
            transport.name());
        return new Outcome(
            Outcome.Kind.DEFERRED,
            null,
            transport.name()
                + " did not answer"
                + " within the round's "
                + describe(budget)
                + "; the document waits for the next"
                + " round",
            attempt + 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome(
            Outcome.Kind.DEFERRED,
            null,
            (last == null ? "" : last + "; ") + "interrupted",
            attempt + 1);
      } catch (TransportException e) {
        if (!e.retryable()) {
          return new Outcome(Outcome.Kind.REFUSED, null, e.getMessage(), attempt + 1);
        }
        last = e.getMessage();
        wait = e.retryAfter().isPresent() ? e.retryAfter().get() : backoff(attempt);
        if (wait.compareTo(budget) >= 0) {
          // the receiver cannot take it in this round (for example a later schema major)
          return new Outcome(Outcome.Kind.DEFERRED, null, last, attempt + 1);
        }
      } catch (IllegalArgumentException e) {
        // the payload itself cannot be sent (a header it cannot build): retrying cannot help
        log.warn(
            "transport {} cannot send document {} as it is",
            transport.name(),
            payload.documentId(),
            e);
        return new Outcome(
            Outcome.Kind.DAMAGED,
            null,
            transport.name()
                + " cannot send the"
                + " document as it is ("
                + e.getClass().getSimpleName()
                + ")",
            attempt + 1);
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        // a plugin transport that fails in its own way: keep the document, try again later
        log.warn("transport {} failed", transport.name(), e);
        last = transport.name() + " failed (" + e.getClass().getSimpleName() + ")";
        wait = backoff(attempt);
      }
      if (attempt + 1 == MAX_ATTEMPTS) {
        break;
      }
      Duration spent = Duration.between(start, clock.instant());
      if (spent.plus(wait).compareTo(budget) > 0) {
        return new Outcome(
            Outcome.Kind.DEFERRED,
            null,
            last + "; the round's " + describe(budget) + " are used up",
            attempt + 1);
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

  /**
   * One attempt on a worker of its own, waited for until the round's budget is used up (by the
   * round's clock and by real time, whichever comes first).
   *
   * @throws Abandoned when the budget ran out first
   */
  private Receipt attempt(Payload payload) throws InterruptedException, Abandoned {
    long byClock = budget.minus(Duration.between(start, clock.instant())).toNanos();
    long left = Math.min(byClock, realDeadline - System.nanoTime());
    if (left <= 0) {
      throw new Abandoned();
    }
    FutureTask<Receipt> task = new FutureTask<>(() -> transport.send(payload));
    Thread worker = new Thread(task, "telemetry-transport-" + transport.name());
    worker.setDaemon(true);
    worker.start();
    try {
      return task.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      task.cancel(true); // an interrupt; a transport that ignores it is left behind
      throw new Abandoned();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      task.cancel(true);
      throw e;
    }
  }

  private static String describe(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 && s >= 60
        ? (s / 60) + (s == 60 ? " minute" : " minutes")
        : d.toMillis() + " ms";
  }

  /** The round's budget ran out while an attempt was under way. */
  private static final class Abandoned extends Exception {
    private static final long serialVersionUID = 1L;

    Abandoned() {
      super(null, null, false, false);
    }
  }
}
