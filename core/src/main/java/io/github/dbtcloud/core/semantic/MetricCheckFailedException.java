package io.github.dbtcloud.core.semantic;

import io.github.dbtcloud.core.DbtCloudException;

/**
 * The Semantic Layer check found metrics that do not compile or do not exist: the release stops.
 */
public final class MetricCheckFailedException extends DbtCloudException {

  private static final long serialVersionUID = 1L;

  public MetricCheckFailedException(String message) {
    super(message);
  }
}
