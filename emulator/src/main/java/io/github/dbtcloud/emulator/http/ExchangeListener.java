package io.github.dbtcloud.emulator.http;

/**
 * Observes every exchange the emulator answers, with its response body, whatever the journal keeps.
 * Register one with {@code DbtCloudEmulator.Builder.listener}, or for every emulator in a JVM
 * through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/io.github.dbtcloud.emulator.http.ExchangeListener}): that is how the emulator's
 * contract tests check every answer of every test against the OpenAPI specs.
 */
@FunctionalInterface
public interface ExchangeListener {

  /**
   * Called on the server thread after the answer is sent (or the connection dropped).
   *
   * @param exchange the request and answer; {@link JournalEntry#responseBody()} is always filled
   * @param contentType the answer's Content-Type, or empty
   */
  void exchanged(JournalEntry exchange, String contentType);
}
