package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.DbtCloudFailure;

/**
 * An apply that did not do every planned change: some failed (and their dependents were skipped),
 * or the build was stopped. The message lists what failed and what was skipped; what was done stays
 * done, and applying again finishes the job.
 */
public final class ApplyFailure extends DbtCloudFailure {

  private static final long serialVersionUID = 1L;

  private final transient ApplyResult result;

  public ApplyFailure(String message, ApplyResult result) {
    super(message);
    this.result = result;
  }

  /** What the apply did before it stopped. */
  public ApplyResult result() {
    return result;
  }
}
