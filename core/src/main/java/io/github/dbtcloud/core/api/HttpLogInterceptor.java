package io.github.dbtcloud.core.api;

import io.github.dbtcloud.core.Console;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Writes one debug line per request and per answer to the console (Maven's {@code -X}), with the
 * Authorization header reduced to its scheme and the token removed from anything else. Bodies are
 * never logged: they may hold environment variable values. Also counts what went on the wire.
 */
final class HttpLogInterceptor implements Interceptor {

  private final Console console;
  private final Redactor redactor;
  private final AtomicInteger sent;

  HttpLogInterceptor(Console console, Redactor redactor, AtomicInteger sent) {
    this.console = console;
    this.redactor = redactor;
    this.sent = sent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    sent.incrementAndGet();
    String target =
        request.method()
            + " "
            + redactor.redact(
                request.url().encodedPath()
                    + (request.url().encodedQuery() == null
                        ? ""
                        : "?" + request.url().encodedQuery()));
    StringBuilder headers = new StringBuilder();
    request
        .headers()
        .forEach(
            h ->
                headers
                    .append(headers.length() == 0 ? "" : ", ")
                    .append(h.getFirst())
                    .append(": ")
                    .append(redactor.redact(Redactor.header(h.getFirst(), h.getSecond()))));
    console.debug("--> " + target + " [" + headers + "]");
    long started = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      console.debug(
          "<-- "
              + response.code()
              + " "
              + target
              + " ("
              + (System.nanoTime() - started) / 1_000_000
              + " ms"
              + (response.header("Retry-After") != null
                  ? ", Retry-After: " + response.header("Retry-After")
                  : "")
              + ")");
      return response;
    } catch (IOException e) {
      console.debug(
          "<-- failed "
              + target
              + " ("
              + (System.nanoTime() - started) / 1_000_000
              + " ms): "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + redactor.redact(e.getMessage())));
      throw e;
    }
  }
}
