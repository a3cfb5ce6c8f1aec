package io.github.dbtcloud.emulator.faults;

import java.time.Duration;

/**
 * The Admin API's rate limit (5,000 requests/min per account in production, as
 * https://docs.getdbt.com/docs/dbt-apis/rate-limits documents): above {@code requestsPerMinute}
 * admitted requests in the last 60 seconds the emulator answers 429, and keeps answering 429 for
 * {@code cooldown} after that (production documents five minutes).
 *
 * @param requestsPerMinute admitted requests per sliding minute
 * @param retryAfter whether a 429 carries {@code Retry-After} (seconds until a request is admitted
 *     again); production documents it only for its SCIM API, so test both
 * @param cooldown how long the limiter keeps refusing once it tripped; zero for none
 */
public record RateLimit(int requestsPerMinute, boolean retryAfter, Duration cooldown) {

  /** Production's documented Admin API limit. */
  public static final int PRODUCTION_REQUESTS_PER_MINUTE = 5_000;

  public RateLimit {
    if (requestsPerMinute < 1) {
      throw new IllegalArgumentException(
          "requests per minute must be >= 1, was " + requestsPerMinute);
    }
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must not be negative: " + cooldown);
    }
  }

  /** A limit with no cooldown and no {@code Retry-After}. */
  public static RateLimit perMinute(int requestsPerMinute) {
    return new RateLimit(requestsPerMinute, false, Duration.ZERO);
  }

  /** The same limit, with {@code Retry-After} on its 429s. */
  public RateLimit withRetryAfter() {
    return new RateLimit(requestsPerMinute, true, cooldown);
  }

  /** The same limit with a cooldown once it trips. */
  public RateLimit withCooldown(Duration cooldown) {
    return new RateLimit(requestsPerMinute, retryAfter, cooldown);
  }
}
