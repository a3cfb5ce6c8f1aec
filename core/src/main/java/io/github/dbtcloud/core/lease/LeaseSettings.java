package io.github.dbtcloud.core.lease;

import java.time.Duration;

/**
 * How an apply takes its lease.
 *
 * @param enabled whether to take one at all ({@code dbt.lock})
 * @param timeout how long to wait for another apply's lease ({@code dbt.lockTimeout})
 * @param expiry how long a lease lasts without renewal: an apply killed without releasing it blocks
 *     others this long at most
 * @param poll how often a waiting apply looks again
 */
public record LeaseSettings(boolean enabled, Duration timeout, Duration expiry, Duration poll) {

  /** The default wait for another apply's lease. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  /** The default life of a lease without renewal. */
  public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(2);

  /** The default time between two looks while waiting. */
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(3);

  /** A line at least this often while waiting, naming the holder. */
  public static final Duration WAIT_LINE_EVERY = Duration.ofSeconds(30);

  public LeaseSettings {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("dbt.lockTimeout must not be negative, was " + timeout);
    }
    if (expiry.isNegative() || expiry.isZero()) {
      throw new IllegalArgumentException("the lease expiry must be positive, was " + expiry);
    }
  }

  /** On, waiting five minutes, a lease lasting two minutes without renewal. */
  public static LeaseSettings defaults() {
    return new LeaseSettings(true, DEFAULT_TIMEOUT, DEFAULT_EXPIRY, DEFAULT_POLL);
  }

  /** No lease ({@code -Ddbt.lock=false}). */
  public static LeaseSettings off() {
    return new LeaseSettings(false, DEFAULT_TIMEOUT, DEFAULT_EXPIRY, DEFAULT_POLL);
  }

  /** These settings waiting {@code wait} at most. */
  public LeaseSettings withTimeout(Duration wait) {
    return new LeaseSettings(enabled, wait, expiry, poll);
  }

  /** These settings with leases lasting {@code life} and looks every {@code look}. */
  public LeaseSettings withExpiry(Duration life, Duration look) {
    return new LeaseSettings(enabled, timeout, life, look);
  }

  /** How often a held lease is renewed: three times per expiry. */
  public Duration renewEvery() {
    return expiry.dividedBy(3);
  }
}
