package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.DbtCloudException;

/**
 * The plan would delete or replace more managed objects than the file allows, or was made from a
 * project dbt Cloud shows as empty: both usually mean the listing was wrong (wrong host, token or
 * permissions), not that the file wants it. The message says what, where, and how to go on.
 */
public final class BrakeException extends DbtCloudException {

  private static final long serialVersionUID = 1L;

  public BrakeException(String message) {
    super(message);
  }
}
