package io.github.dbtcloud.core.remote;

import io.github.dbtcloud.core.DbtCloudFailure;

/** The desired state's scope cannot be read as declared (a project is missing or ambiguous). */
public final class ScopeException extends DbtCloudFailure {

  private static final long serialVersionUID = 1L;

  public ScopeException(String message) {
    super(message);
  }
}
