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
 * @param status the HTTP status answered
 */
public record JournalEntry(
    long sequence, String method, String path, String query, String body, String authScheme, int status) {

  /** Whether this request changed state on the server side (anything but a read). */
  public boolean isWrite() {
    return !method.equals("GET") && !method.equals("HEAD");
  }
}
