package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.DbtCloudException;

/** A saved plan that no longer describes the desired state or the account: nothing is written. */
public final class StalePlanException extends DbtCloudException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what changed, and how to go on
   */
  public StalePlanException(String message) {
    super(message);
  }
}
