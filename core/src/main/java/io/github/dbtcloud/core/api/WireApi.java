package io.github.dbtcloud.core.api;

import java.util.List;
import java.util.Map;

/**
 * The Admin API's calls on wire objects, as resource kinds read and write them: a path (relative to
 * the host, with its trailing slash, e.g. {@code api/v2/accounts/1/jobs/}), a query, a body. Every
 * answer's envelope is unwrapped to its {@code data}; every refusal is a {@link
 * DbtCloudApiException} naming the call. {@link AdminClient} is the real one; tests fake it.
 */
public interface WireApi {

  /** The host, e.g. {@code https://ab123.us1.dbt.com/} (for messages). */
  String baseUrl();

  /** Requests sent so far, retries included. */
  int requestCount();

  /** {@code GET} of one object (or an object-shaped view), retried. */
  Map<String, Object> get(String path, Map<String, String> query);

  /**
   * {@code GET} of a whole listing in 100-item pages ({@code limit}, {@code offset} and {@code
   * order_by} are added), retried; a listing that changes while it is read is read again.
   */
  List<Map<String, Object>> list(String path, Map<String, String> query);

  /**
   * {@link #list(String, Map)} of a listing expected to hold about {@code expected} objects (an
   * account in step with its file holds what the file declares): the client may ask for the pages
   * that many objects fill together with the first, instead of waiting for the first to give the
   * total. The answer is the same; a wrong guess costs requests for pages past the end (empty) or a
   * second round trip for pages past the guess.
   */
  default List<Map<String, Object>> list(String path, Map<String, String> query, int expected) {
    return list(path, query);
  }

  /**
   * {@code POST} of a new object: sent exactly once, never retried (a lost answer may be a create).
   */
  Map<String, Object> create(String path, Map<String, Object> body);

  /** {@code POST} of a whole object to its own URL (dbt Cloud's full-object update), retried. */
  Map<String, Object> update(String path, Map<String, Object> body);

  /** {@code PUT}, retried. */
  Map<String, Object> replace(String path, Map<String, Object> body);

  /** {@code DELETE}, retried. */
  void delete(String path);

  /**
   * A hint that listings about to be read will need about this many pages after their first ones:
   * the client may get ready for them (start the threads that read them) while the first pages are
   * on their way. It changes no request; a wrong guess costs only idle threads.
   */
  default void expectPages(int pages) {}
}
