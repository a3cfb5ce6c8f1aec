package io.github.dbtcloud.core.api;

import io.github.dbtcloud.core.Console;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/**
 * The one place an OkHttp client is put together, so that every dbt Cloud client of this package
 * (Admin API, runs, Semantic Layer) has the same timeouts, retries, rate limit, headers and
 * redacted debug log. Interceptors run outermost first: a retry goes through the limiter and the
 * log again.
 */
final class HttpStack {

  private HttpStack() {}

  /**
   * @param authScheme {@code Token} for the Admin API, {@code Bearer} for the Semantic Layer
   * @param limiter the rate limiter, shared when several clients count against one account
   * @param sent counts requests that went on the wire, retries included
   * @param host the URL the client talks to: a plain {@code http} one (the emulator) gets a client
   *     without TLS, whose set-up (security providers, trust store) would cost a fifth of a second
   *     of every goal for nothing
   */
  static OkHttpClient build(
      ClientSettings settings,
      Console console,
      String authScheme,
      RateLimiter limiter,
      AtomicInteger sent,
      URI host) {
    Redactor redactor = new Redactor(settings.token());
    String authorization = authScheme + " " + settings.token().value();
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    if ("http".equalsIgnoreCase(host.getScheme())) {
      builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    return builder
        .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(callTimeout(settings).toMillis(), TimeUnit.MILLISECONDS)
        // OkHttp would otherwise silently resend a request, a create included, on some connection
        // failures.
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .eventListener(CallWaits.LISTENER)
        .addInterceptor(AnswerBodies::boundErrorBody)
        .addInterceptor(
            new RetryInterceptor(
                settings.retry(),
                settings.sleeper(),
                settings.clock(),
                () -> ThreadLocalRandom.current().nextDouble(),
                console))
        .addInterceptor(limiter)
        .addInterceptor(
            chain ->
                chain.proceed(
                    chain
                        .request()
                        .newBuilder()
                        .header("Authorization", authorization)
                        .header("Accept", "application/json")
                        .header("User-Agent", settings.userAgent())
                        .build()))
        .addInterceptor(new HttpLogInterceptor(console, redactor, sent))
        .build();
  }

  /**
   * The deadline of one call, its retries and the reading of its body included (OkHttp's call
   * timeout): the retry policy's total time, and at least one connect and one read timeout, so that
   * a server that drips a byte now and then cannot hold a call for ever.
   */
  static java.time.Duration callTimeout(ClientSettings settings) {
    java.time.Duration oneTry = settings.connectTimeout().plus(settings.readTimeout());
    java.time.Duration total = settings.retry().maxTotal();
    return total.compareTo(oneTry) > 0 ? total : oneTry;
  }

  /** The limiter at the settings' rate, shared by every client of the same host and token. */
  static RateLimiter limiter(ClientSettings settings) {
    return RateLimiter.shared(settings);
  }
}
