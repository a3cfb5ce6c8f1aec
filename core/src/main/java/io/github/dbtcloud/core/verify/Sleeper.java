package io.github.dbtcloud.core.verify;

import java.time.Duration;

/** Waits between polls; tests substitute one that moves a fake clock instead of waiting. */
@FunctionalInterface
public interface Sleeper {

  /** Waits {@code duration}; an interrupt (Ctrl-C in some CI runners) ends the wait early. */
  void sleep(Duration duration) throws InterruptedException;

  /** The real thing. */
  static Sleeper system() {
    return d -> Thread.sleep(Math.max(0, d.toMillis()));
  }
}
