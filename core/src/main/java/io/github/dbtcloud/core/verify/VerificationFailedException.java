package io.github.dbtcloud.core.verify;

import io.github.dbtcloud.core.DbtCloudException;

/**
 * The verification did not prove the configuration runs: the run failed, was cancelled, timed out,
 * or could not start.
 */
public final class VerificationFailedException extends DbtCloudException {

  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Kind {
    /** The run ended in error. */
    FAILED,
    /** Someone or something other than this build cancelled the run. */
    CANCELLED_ELSEWHERE,
    /** The run did not finish within the timeout. */
    TIMED_OUT,
    /** The build was interrupted (Ctrl-C) while waiting. */
    INTERRUPTED,
    /** The job to run cannot be found or the settings are wrong. */
    CONFIGURATION
  }

  private final Kind kind;

  public VerificationFailedException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** Why the verification failed. */
  public Kind kind() {
    return kind;
  }
}
