package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.DbtCloudException;

/**
 * An apply that did not do every planned change: some failed (and their dependents were skipped),
 * or the build was stopped. The message lists what failed and what was skipped; what was done stays
 * done, and applying again finishes the job.
 */
public final class ApplyIncompleteException extends DbtCloudException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what was done, what failed (with dbt Cloud's message) and what was skipped
   */
  public ApplyIncompleteException(String message) {
    super(message);
  }
}
