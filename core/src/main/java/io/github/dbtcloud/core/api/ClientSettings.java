package io.github.dbtcloud.core.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * How to reach dbt Cloud.
 *
 * @param baseUrl the account's admin host, normalised to {@code https://host/} (no {@code /api})
 * @param token the API token
 * @param connectTimeout TCP connect timeout
 * @param readTimeout time to wait for an answer
 * @param userAgent User-Agent header, with the plugin version
 * @param retry how reads and full-object updates are retried
 * @param requestsPerMinute the rate limit shared by every client of the JVM for this host and token
 *     (dbt Cloud allows 5,000 per account)
 * @param sleeper how the client waits (retries, rate limit); tests pass one that does not
 * @param clock the time retries and the rate limit are measured in
 */
public record ClientSettings(
    URI baseUrl,
    ApiToken token,
    Duration connectTimeout,
    Duration readTimeout,
    String userAgent,
    RetryPolicy retry,
    int requestsPerMinute,
    Sleeper sleeper,
    Clock clock) {

  /**
   * 90 % of dbt Cloud's 5,000 per minute: with the limiter's burst of three seconds' worth no
   * sliding minute holds more than 4,725, so a build never trips the account's limit (and its
   * five-minute cooldown) on its own; 429s from the account's other clients slow it down ({@code
   * dbt.rateLimit}).
   */
  public static final int DEFAULT_REQUESTS_PER_MINUTE = 4500;

  /** dbt Cloud's Admin API budget per account (docs/wire-format.md#rate-limits). */
  public static final int ACCOUNT_REQUESTS_PER_MINUTE = 5000;

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  public ClientSettings {
    if (userAgent == null || userAgent.isBlank()) {
      userAgent = "dbt-cloud-core";
    }
    retry = retry == null ? RetryPolicy.DEFAULT : retry;
    sleeper = sleeper == null ? Sleeper.system() : sleeper;
    clock = clock == null ? Clock.systemUTC() : clock;
    if (requestsPerMinute < 1) {
      throw new IllegalArgumentException(
          "requestsPerMinute must be at least 1, was " + requestsPerMinute);
    }
  }

  /** The settings of the first release: timeouts and User-Agent, default retries and rate limit. */
  public ClientSettings(
      URI baseUrl,
      ApiToken token,
      Duration connectTimeout,
      Duration readTimeout,
      String userAgent) {
    this(
        baseUrl,
        token,
        connectTimeout,
        readTimeout,
        userAgent,
        RetryPolicy.DEFAULT,
        DEFAULT_REQUESTS_PER_MINUTE,
        Sleeper.system(),
        Clock.systemUTC());
  }

  /** Settings with the default timeouts (10 s connect, 60 s read), retries and rate limit. */
  public static ClientSettings of(String baseUrl, ApiToken token, String userAgent) {
    return new ClientSettings(
        normalise(baseUrl), token, Duration.ofSeconds(10), Duration.ofSeconds(60), userAgent);
  }

  /** These settings with other timeouts. */
  public ClientSettings withTimeouts(Duration connect, Duration read) {
    return new ClientSettings(
        baseUrl, token, connect, read, userAgent, retry, requestsPerMinute, sleeper, clock);
  }

  /** These settings with another retry policy. */
  public ClientSettings withRetry(RetryPolicy policy) {
    return new ClientSettings(
        baseUrl,
        token,
        connectTimeout,
        readTimeout,
        userAgent,
        policy,
        requestsPerMinute,
        sleeper,
        clock);
  }

  /** These settings with another client-side rate limit. */
  public ClientSettings withRequestsPerMinute(int perMinute) {
    return new ClientSettings(
        baseUrl, token, connectTimeout, readTimeout, userAgent, retry, perMinute, sleeper, clock);
  }

  /**
   * Reads a rate limit as a user writes it ({@code -Ddbt.rateLimit=2500}): a whole number of
   * requests per minute from 1 to 5,000.
   *
   * @param source where the value came from, for the message
   * @throws IllegalArgumentException naming the value, where it came from and the fix
   */
  public static int requestsPerMinute(String text, String source) {
    String value = text == null ? "" : text.strip().replace("_", "").replace(",", "");
    try {
      int perMinute = Integer.parseInt(value);
      if (perMinute >= 1 && perMinute <= ACCOUNT_REQUESTS_PER_MINUTE) {
        return perMinute;
      }
    } catch (NumberFormatException notANumber) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException(
        source
            + ": '"
            + text
            + "' is not a rate limit; give a whole number of requests per minute from 1 to "
            + ACCOUNT_REQUESTS_PER_MINUTE
            + " (dbt Cloud allows "
            + ACCOUNT_REQUESTS_PER_MINUTE
            + " per account; the default is "
            + DEFAULT_REQUESTS_PER_MINUTE
            + "), e.g. -Ddbt.rateLimit=2500 to leave room for the account's other clients");
  }

  /**
   * These settings with another way to wait and tell the time (tests: a fake clock that sleeps
   * instantly).
   */
  public ClientSettings withTime(Sleeper sleeper, Clock clock) {
    return new ClientSettings(
        baseUrl,
        token,
        connectTimeout,
        readTimeout,
        userAgent,
        retry,
        requestsPerMinute,
        sleeper,
        clock);
  }

  /**
   * Turns what a user types ({@code ab123.us1.dbt.com}, {@code https://ab123.us1.dbt.com/api/v2/})
   * into {@code https://ab123.us1.dbt.com/}. Plain http is allowed only on loopback (the emulator).
   */
  public static URI normalise(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException(
          "no dbt Cloud host is configured; set 'account.host' in dbt-cloud.yml"
              + " or -Ddbt.baseUrl=https://<prefix>.<cell>.dbt.com (your account's own URL: Account settings ->"
              + " Access URLs). There is no default host.");
    }
    String s = raw.strip();
    if (!s.contains("://")) {
      s = "https://" + s;
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    for (String suffix : new String[] {"/api/v2", "/api/v3", "/api"}) {
      if (s.toLowerCase(Locale.ROOT).endsWith(suffix)) {
        s = s.substring(0, s.length() - suffix.length());
        break;
      }
    }
    URI uri;
    try {
      uri = URI.create(s + "/");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + raw + "' is not a valid dbt Cloud host URL; use e.g. https://ab123.us1.dbt.com", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException(
          "'" + raw + "' has no host name; use e.g. https://ab123.us1.dbt.com");
    }
    boolean loopback = LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
    if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
      throw new IllegalArgumentException(
          "'"
              + raw
              + "' does not use https; dbt Cloud is only reached over https"
              + " (plain http is allowed only for a local emulator on 127.0.0.1)");
    }
    return uri;
  }
}
