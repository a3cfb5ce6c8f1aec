package io.github.dbtcloud.emulator.runs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that only moves when told to, so tests drive a run through its lifecycle without waiting:
 * {@code DbtCloudEmulator.builder().clock(clock)}, then {@link #advance}.
 */
public final class ManualClock extends Clock {

  private final Object lock = new Object();
  private Instant now;

  /** A clock standing at {@code start}. */
  public ManualClock(Instant start) {
    this.now = start;
  }

  /** A clock standing at 2024-06-03 10:00:00 UTC (a fixed, readable instant). */
  public static ManualClock standing() {
    return new ManualClock(Instant.parse("2024-06-03T10:00:00Z"));
  }

  /** Moves time forward. */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("time only moves forward; cannot advance by " + by);
    }
    synchronized (lock) {
      now = now.plus(by);
    }
  }

  @Override
  public Instant instant() {
    synchronized (lock) {
      return now;
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("the manual clock is UTC only");
    }
    return this;
  }
}
