package gg.kalico.telemetry.core.delivery;

import java.time.Duration;

/** Waits between attempts; tests replace it to check the waits without waiting. */
@FunctionalInterface
public interface Sleeper {
  /** The real one. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;
}
