package io.github.dbtcloud.core.api;

import io.github.dbtcloud.core.Console;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries a call that may be repeated ({@link Idempotency}) on 408, 429, 5xx and connection errors:
 * after the server's {@code Retry-After} (seconds or an HTTP date) when it sends one, else after a
 * jittered exponential back-off; never past the policy's attempts or total time. A call that may
 * not be repeated (a create) goes out exactly once, whatever happens to it. A call that was
 * cancelled (a goal past its read deadline) is never retried, and a cancel ends its back-off at
 * once.
 */
final class RetryInterceptor implements Interceptor {

  private static final Duration LOUD_WAIT = Duration.ofSeconds(5);

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Console console;

  RetryInterceptor(
      RetryPolicy policy, Sleeper sleeper, Clock clock, DoubleSupplier random, Console console) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
    this.console = console;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request original = chain.request();
    boolean retryable = Idempotency.retryable(original);
    Request request = Idempotency.strip(original);
    String what = request.method() + " " + request.url().encodedPath();
    Instant deadline = clock.instant().plus(policy.maxTotal());
    for (int attempt = 1; ; attempt++) {
      boolean last = !retryable || attempt >= policy.maxAttempts();
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        // OkHttp's "Canceled" is a plain IOException, indistinguishable from a dropped connection
        // but by the call itself.
        if (last || !transient_(e) || chain.call().isCanceled()) {
          throw e;
        }
        Duration wait = policy.backoff(attempt, random.getAsDouble());
        if (!fits(wait, deadline)) {
          throw e;
        }
        pause(chain.call(), wait, what + " failed (" + e.getClass().getSimpleName() + ")", attempt);
        continue;
      }
      if (last || !retriedStatus(response.code())) {
        return response;
      }
      Duration asked = retryAfter(response.header("Retry-After"));
      Duration wait = asked != null ? asked : policy.backoff(attempt, random.getAsDouble());
      if (!fits(wait, deadline)) {
        return response;
      }
      response.close();
      pause(
          chain.call(),
          wait,
          "dbt Cloud answered "
              + response.code()
              + " to "
              + what
              + (asked != null ? " and asked to retry after " + asked.toSeconds() + " s" : ""),
          attempt);
    }
  }

  private void pause(Call call, Duration wait, String why, int attempt) throws IOException {
    String line =
        why
            + "; attempt "
            + (attempt + 1)
            + " of "
            + policy.maxAttempts()
            + " in "
            + wait.toMillis()
            + " ms";
    if (wait.compareTo(LOUD_WAIT) >= 0) {
      console.warn(line);
    } else {
      console.debug(line);
    }
    CallWaits.sleep(call, wait, sleeper, "to retry");
  }

  private boolean fits(Duration wait, Instant deadline) {
    return !clock.instant().plus(wait).isAfter(deadline);
  }

  /** 408, 429 and the 5xx that mean "try again" (501 and 505 will not get better). */
  static boolean retriedStatus(int code) {
    return code == 408 || code == 429 || (code >= 500 && code <= 599 && code != 501 && code != 505);
  }

  /** A wrong host name or a TLS failure will fail the same way again; everything else may pass. */
  private static boolean transient_(IOException e) {
    return !(e instanceof UnknownHostException)
        && !(e instanceof SSLException)
        && !(e instanceof InterruptedIOException
            && !(e instanceof java.net.SocketTimeoutException));
  }

  /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
  Duration retryAfter(String header) {
    return retryAfter(header, clock);
  }

  /**
   * {@code Retry-After} as seconds or as an HTTP date from {@code clock}'s now; null when absent.
   */
  static Duration retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
