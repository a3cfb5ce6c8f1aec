package io.github.dbtcloud.core.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Retries a Semantic Layer request after a transport error or HTTP 408/429/5xx (§A.4: what
 * production clients retry), waiting {@code Retry-After} when the server sends it and doubling
 * otherwise. Every Semantic Layer operation the plugin sends may be repeated safely (a second
 * {@code createQuery} only creates an unused query). This is the one place to swap for the admin
 * client's shared retry interceptor.
 */
public final class SemanticLayerRetry implements Interceptor {

  /** Waits between attempts; tests pass one that returns at once. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** The real clock. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());
  }

  private static final Set<Integer> RETRIED = Set.of(408, 429, 500, 502, 503, 504);
  private static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private final int attempts;
  private final Duration firstWait;
  private final Sleeper sleeper;

  /**
   * @param attempts how many times to send a request at most (1 = no retry)
   * @param firstWait the wait before the second attempt; it doubles after each
   * @param sleeper how to wait
   */
  public SemanticLayerRetry(int attempts, Duration firstWait, Sleeper sleeper) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    this.attempts = attempts;
    this.firstWait = firstWait;
    this.sleeper = sleeper;
  }

  /** The defaults: 4 attempts, 2 s then 4 s then 8 s (or what Retry-After says). */
  public static SemanticLayerRetry defaults() {
    return new SemanticLayerRetry(4, Duration.ofSeconds(2), Sleeper.SYSTEM);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Duration wait = firstWait;
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt == attempts;
      Response response;
      try {
        response = chain.proceed(chain.request());
      } catch (IOException e) {
        // a timeout or a dropped connection is worth another try; a cancelled call or interrupted thread is not
        if (last || chain.call().isCanceled() || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        pause(wait);
        wait = wait.multipliedBy(2);
        continue;
      }
      if (last || !RETRIED.contains(response.code())) {
        return response;
      }
      Duration retryAfter = retryAfter(response.header("Retry-After"));
      response.close();
      pause(retryAfter != null ? retryAfter : wait);
      wait = wait.multipliedBy(2);
    }
  }

  private void pause(Duration duration) throws IOException {
    try {
      sleeper.sleep(duration.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /** {@code Retry-After} in seconds (the HTTP-date form is rare on APIs and falls back to back-off). */
  private static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
