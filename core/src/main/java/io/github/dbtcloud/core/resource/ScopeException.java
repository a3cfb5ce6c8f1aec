package io.github.dbtcloud.core.resource;

import io.github.dbtcloud.core.DbtCloudException;

/**
 * The desired state's scope cannot be read as declared: a project is missing, ambiguous, hidden
 * from the token, or dbt Cloud's listings of it do not hold together. No plan is made from it.
 */
public final class ScopeException extends DbtCloudException {

  private static final long serialVersionUID = 1L;

  public ScopeException(String message) {
    super(message);
  }

  public ScopeException(String message, Throwable cause) {
    super(message, cause);
  }
}
