package io.github.dbtcloud.core.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps one client, across all its threads, under a number of requests per minute (dbt Cloud allows
 * 5,000 per account and then cools down for five minutes, docs/wire-format.md#rate-limits). A token
 * bucket: a burst of a few seconds' worth goes out at once, then requests are spaced evenly.
 */
final class RateLimiter implements Interceptor {

  private final double perNano;
  private final double capacity;
  private final Clock clock;
  private final Sleeper sleeper;
  private double tokens;
  private long last;

  RateLimiter(int requestsPerMinute, Clock clock, Sleeper sleeper) {
    if (requestsPerMinute < 1) {
      throw new IllegalArgumentException(
          "requestsPerMinute must be at least 1, was " + requestsPerMinute);
    }
    this.perNano = requestsPerMinute / 60e9;
    this.capacity = Math.max(1, requestsPerMinute / 20.0);
    this.clock = clock;
    this.sleeper = sleeper;
    this.tokens = capacity;
    this.last = nanos();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    acquire();
    return chain.proceed(chain.request());
  }

  /** Takes one permit, waiting as long as needed. */
  void acquire() throws InterruptedIOException {
    Duration wait = reserve();
    if (wait.isZero()) {
      return;
    }
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the rate limiter");
    }
  }

  /**
   * Takes a permit now (the balance may go negative) and says how long the caller must wait for it.
   */
  synchronized Duration reserve() {
    long now = nanos();
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
    tokens -= 1;
    return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-tokens / perNano));
  }

  private long nanos() {
    java.time.Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
