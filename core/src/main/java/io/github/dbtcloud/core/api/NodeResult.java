package io.github.dbtcloud.core.api;

/**
 * One node's result in a step's {@code run_results.json} (docs/wire-format.md#artifacts).
 *
 * @param uniqueId e.g. {@code model.jaffle_shop.orders}
 * @param status success, error, fail, skip, warn or pass
 * @param message dbt's message (the database error, the failing test's count), or empty
 */
public record NodeResult(String uniqueId, String status, String message) {

  /** Whether the node failed the build: an errored model or a failed test. */
  public boolean failed() {
    return status.equals("error") || status.equals("fail");
  }
}
