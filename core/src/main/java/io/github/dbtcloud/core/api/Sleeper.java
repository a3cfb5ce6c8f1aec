package io.github.dbtcloud.core.api;

import java.time.Duration;

/**
 * How the client waits between retries and for the rate limiter; tests pass one that does not
 * really wait.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** The real thing. */
  static Sleeper system() {
    return d -> {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      }
    };
  }
}
