package io.github.dbtcloud.core.api;

/**
 * One poll of a query created with {@code createQuery} (docs/wire-format.md#semantic-layer).
 *
 * @param queryId the query id
 * @param status PENDING, RUNNING, COMPILED, SUCCESSFUL or FAILED (kept as text: new values may
 *     appear)
 * @param sql the SQL once compiled, or null
 * @param error why it failed, or null
 * @param totalPages result pages once successful, or null
 */
public record SemanticLayerQueryResult(
    String queryId, String status, String sql, String error, Integer totalPages) {

  /** Whether polling can stop. */
  public boolean finished() {
    return succeeded() || "FAILED".equals(status);
  }

  public boolean succeeded() {
    return "SUCCESSFUL".equals(status);
  }
}
