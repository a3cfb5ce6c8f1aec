package io.github.dbtcloud.core.api;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the client waits between retries and for the rate limiter; tests pass one that does not
 * really wait.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Waits for {@code duration}, or less if {@code wake} opens first (a call cancelled while it
   * waits to be retried). Sleepers that do not really wait need not look at {@code wake}.
   */
  default void sleep(Duration duration, CountDownLatch wake) throws InterruptedException {
    sleep(duration);
  }

  /** The real thing. */
  static Sleeper system() {
    return SystemSleeper.INSTANCE;
  }

  /** {@link Thread#sleep}, and a wait on the latch when there is one to wake it. */
  enum SystemSleeper implements Sleeper {
    INSTANCE;

    @Override
    public void sleep(Duration d) throws InterruptedException {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      }
    }

    @Override
    public void sleep(Duration d, CountDownLatch wake) throws InterruptedException {
      if (!d.isNegative() && !d.isZero()) {
        wake.await(d.toNanos(), TimeUnit.NANOSECONDS);
      }
    }
  }
}
