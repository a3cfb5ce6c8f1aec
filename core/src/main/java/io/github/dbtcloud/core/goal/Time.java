package io.github.dbtcloud.core.goal;

import io.github.dbtcloud.core.ShutdownHooks;
import io.github.dbtcloud.core.api.Sleeper;
import java.time.Clock;

/**
 * How goals tell and spend time: the clock, the way to wait, and where to hook Ctrl-C. Retries,
 * rate limits, polling and the apply's grace period all go through it, so tests run a ten-minute
 * run in milliseconds on a fake one.
 *
 * @param clock the time
 * @param sleeper how to wait
 * @param hooks where to register what must happen when the JVM stops
 */
public record Time(Clock clock, Sleeper sleeper, ShutdownHooks hooks) {

  /** The real clock, real sleeping, the JVM's shutdown hooks. */
  public static Time system() {
    return new Time(Clock.systemUTC(), Sleeper.system(), ShutdownHooks.runtime());
  }
}
