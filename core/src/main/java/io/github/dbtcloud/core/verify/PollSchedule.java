package io.github.dbtcloud.core.verify;

import java.time.Duration;

/**
 * When to poll next: quick at first (the run may be short), then backing off by half each time up
 * to the longest interval, and quick again when the run's status changes (a new phase has begun).
 * The cost of a long run is about its length divided by the longest interval: a 10-minute run with
 * the defaults (2 s to 30 s) is polled fewer than 60 times.
 */
final class PollSchedule {

  private final Duration min;
  private final Duration max;
  private Duration current;

  PollSchedule(Duration min, Duration max) {
    this.min = min;
    this.max = max;
    this.current = min;
  }

  /** The wait before the next poll; each call backs off for the one after. */
  Duration next() {
    Duration now = current;
    long grown =
        Math.min(
            max.toMillis(), Math.max(current.toMillis() + 1, Math.round(current.toMillis() * 1.5)));
    current = Duration.ofMillis(grown);
    return now;
  }

  /** Polls quickly again (the run moved on to a new status). */
  void reset() {
    current = min;
  }
}
