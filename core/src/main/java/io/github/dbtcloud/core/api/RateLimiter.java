package io.github.dbtcloud.core.api;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps every client of one account and token in the JVM (all goals of a Maven build), across all
 * their threads, under a number of requests per minute (dbt Cloud allows 5,000 per account and then
 * cools down for five minutes, docs/wire-format.md#rate-limits). A token bucket: a burst of three
 * seconds' worth goes out at once, then requests are spaced evenly, so no sliding minute ever holds
 * more than the rate plus the burst. It adapts: a 429 halves the rate and holds every request back
 * for the {@code Retry-After} dbt Cloud asked for; the rate then climbs back to the configured one
 * by a tenth of it every ten seconds without a 429.
 */
final class RateLimiter implements Interceptor {

  /** Never slower than this, however many 429s: one request a second. */
  static final double MIN_PER_MINUTE = 60;

  /** How often the rate climbs back by a tenth after a 429. */
  static final Duration RECOVERY_STEP = Duration.ofSeconds(10);

  private static final int MAX_SHARED = 64;
  private static final Map<Key, RateLimiter> SHARED = new ConcurrentHashMap<>();

  private final double maxPerNano;
  private final double capacity;
  private final Clock clock;
  private final Sleeper sleeper;
  private double perNano;
  private double tokens;
  private long last;
  private long slowedAt;
  private double slowedPerNano;
  private long heldUntil;

  RateLimiter(int requestsPerMinute, Clock clock, Sleeper sleeper) {
    if (requestsPerMinute < 1) {
      throw new IllegalArgumentException(
          "requestsPerMinute must be at least 1, was " + requestsPerMinute);
    }
    this.maxPerNano = requestsPerMinute / 60e9;
    this.perNano = maxPerNano;
    this.capacity = Math.max(1, requestsPerMinute / 20.0);
    this.clock = clock;
    this.sleeper = sleeper;
    this.tokens = capacity;
    this.last = nanos();
    this.heldUntil = last;
  }

  /**
   * The limiter of the settings' host and token at the settings' rate, made once per JVM: every
   * Admin API client of a build (plan, apply, verification run, several modules) draws on one
   * budget, as dbt Cloud counts one per account.
   */
  static RateLimiter shared(ClientSettings settings) {
    Key key =
        new Key(
            settings.baseUrl().toString(),
            settings.token().value().hashCode(),
            settings.requestsPerMinute(),
            settings.clock(),
            settings.sleeper());
    if (SHARED.size() >= MAX_SHARED && !SHARED.containsKey(key)) {
      SHARED.clear(); // tests make many fake clocks; a real build has one or two keys
    }
    return SHARED.computeIfAbsent(
        key, k -> new RateLimiter(k.requestsPerMinute(), k.clock(), k.sleeper()));
  }

  /** What makes two clients share a budget; the token only as its hash. */
  private record Key(
      String baseUrl, int tokenHash, int requestsPerMinute, Clock clock, Sleeper sleeper) {
    Key {
      Objects.requireNonNull(baseUrl);
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    acquire(chain.call());
    Response response = chain.proceed(chain.request());
    if (response.code() == 429) {
      slowDown(RetryInterceptor.retryAfter(response.header("Retry-After"), clock));
    }
    return response;
  }

  /** Takes one permit for {@code call}, waiting as long as needed or until it is cancelled. */
  void acquire(Call call) throws IOException {
    Duration wait = reserve();
    if (!wait.isZero()) {
      CallWaits.sleep(call, wait, sleeper, "for the rate limiter");
    }
  }

  /**
   * Takes a permit now (the balance may go negative) and says how long the caller must wait for it.
   */
  synchronized Duration reserve() {
    long now = nanos();
    recover(now);
    long from = Math.max(now, heldUntil);
    tokens = Math.min(capacity, tokens + Math.max(0, from - last) * perNano);
    last = Math.max(last, from);
    tokens -= 1;
    long wait = (from - now) + (tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano));
    return Duration.ofNanos(wait);
  }

  /**
   * dbt Cloud refused a request for its rate: halve the rate (not below {@link #MIN_PER_MINUTE}),
   * drop the burst, and hold every request back for {@code retryAfter} when it said so.
   */
  synchronized void slowDown(Duration retryAfter) {
    long now = nanos();
    recover(now);
    perNano = Math.max(MIN_PER_MINUTE / 60e9, perNano / 2);
    slowedPerNano = perNano;
    slowedAt = now;
    tokens = Math.min(tokens, 0);
    if (retryAfter != null && !retryAfter.isNegative()) {
      heldUntil = Math.max(heldUntil, now + retryAfter.toNanos());
    }
  }

  /** The rate now, in requests per minute. */
  synchronized double requestsPerMinute() {
    recover(nanos());
    return perNano * 60e9;
  }

  private void recover(long now) {
    if (perNano >= maxPerNano || slowedAt == 0) {
      return;
    }
    long steps = (now - slowedAt) / RECOVERY_STEP.toNanos();
    perNano = Math.min(maxPerNano, slowedPerNano + steps * maxPerNano / 10);
  }

  private long nanos() {
    Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
