package io.github.dbtcloud.emulator.http;

/**
 * One request as the emulator saw it, for test assertions. The Authorization header is kept as its
 * scheme only ({@code Token}, {@code Bearer}), never the credential.
 *
 * @param sequence 1-based arrival order
 * @param method HTTP method
 * @param path request path
 * @param query raw query string, or empty
 * @param body raw request body, or empty
 * @param authScheme scheme of the Authorization header, or empty when absent
 * @param status the HTTP status answered; 0 when the connection was dropped without an answer
 * @param responseBody the body answered, when the journal keeps response bodies; otherwise null
 * @param fault the injected fault that shaped this answer ({@code commit_then_fail}, {@code
 *     status_503}, {@code rate_limited}, ...), or empty for a normal answer
 */
public record JournalEntry(
    long sequence,
    String method,
    String path,
    String query,
    String body,
    String authScheme,
    int status,
    String responseBody,
    String fault) {

  /** Whether this request changed state on the server side (anything but a read). */
  public boolean isWrite() {
    return !method.equals("GET") && !method.equals("HEAD");
  }

  /** Whether a fault rule or the rate limiter shaped this answer. */
  public boolean isFaulted() {
    return !fault.isEmpty();
  }

  /**
   * The same entry without its response body (what the journal keeps once over its byte budget).
   */
  JournalEntry withoutResponseBody() {
    return new JournalEntry(sequence, method, path, query, body, authScheme, status, null, fault);
  }
}
