package io.github.dbtcloud.core.api;

import java.util.Locale;
import java.util.Set;
import okhttp3.Request;

/**
 * Which calls may be sent again after a failure. Reads are safe to repeat; so are full-object
 * updates (a POST to an object's own URL writes the same whole object twice). A create (a POST to a
 * collection) is not: the first attempt may have created the object before the connection broke. So
 * a POST is retried only when its Retrofit method says so with {@link #RETRYABLE}.
 */
final class Idempotency {

  /** The per-call flag, as a Retrofit {@code @Headers} entry; removed before the request leaves. */
  static final String HEADER = "X-Dbt-Client-Retryable";

  /** {@code @Headers(Idempotency.RETRYABLE)} on a Retrofit method marks it safe to resend. */
  static final String RETRYABLE = HEADER + ": true";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

  private Idempotency() {}

  /** Whether this request may be sent again after a failure. */
  static boolean retryable(Request request) {
    return SAFE_METHODS.contains(request.method().toUpperCase(Locale.ROOT))
        || "true".equalsIgnoreCase(request.header(HEADER));
  }

  /** The request as it goes on the wire, without the client-side flag. */
  static Request strip(Request request) {
    return request.header(HEADER) == null
        ? request
        : request.newBuilder().removeHeader(HEADER).build();
  }
}
