package io.github.dbtcloud.core.api;

import java.time.Duration;

/**
 * How reads and full-object updates are retried on 408, 429, 5xx and connection errors: jittered
 * exponential back-off, or the server's {@code Retry-After} when it sends one, bounded both in
 * attempts and in total time. Creates are not retried (see {@link AdminClient}).
 *
 * @param maxAttempts attempts in all, the first included (1 turns retries off)
 * @param firstDelay the back-off before the second attempt; it doubles after each failure
 * @param maxDelay the longest single back-off
 * @param maxTotal the longest time one call may spend, waits included; a {@code Retry-After} beyond
 *     it ends the retries at once
 */
public record RetryPolicy(
    int maxAttempts, Duration firstDelay, Duration maxDelay, Duration maxTotal) {

  /**
   * Six attempts, 1 s doubling up to 60 s, five minutes in all (dbt Cloud's 429 cool-down,
   * docs/wire-format.md#rate-limits).
   */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));

  /** No retries at all. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
  }

  /** This policy with another total time for one call (its deadline, {@code dbt.callTimeout}). */
  public RetryPolicy withMaxTotal(Duration total) {
    return new RetryPolicy(maxAttempts, firstDelay, maxDelay, total);
  }

  /**
   * The back-off before attempt {@code attempt + 1}, after {@code attempt} failures: half of the
   * exponential delay plus a random part of the other half, so that parallel callers spread out.
   *
   * @param random a number in [0, 1)
   */
  Duration backoff(int attempt, double random) {
    long base = firstDelay.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(Math.max(base, 0), maxDelay.toMillis());
    return Duration.ofMillis(capped / 2 + (long) (random * (capped - capped / 2)));
  }
}
