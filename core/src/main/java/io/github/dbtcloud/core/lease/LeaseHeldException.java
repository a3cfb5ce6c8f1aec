package io.github.dbtcloud.core.lease;

import io.github.dbtcloud.core.DbtCloudException;

/** Another apply held a project's lease for longer than this apply would wait. */
public final class LeaseHeldException extends DbtCloudException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what, where, who holds it, and the fix
   */
  public LeaseHeldException(String message) {
    super(message);
  }
}
