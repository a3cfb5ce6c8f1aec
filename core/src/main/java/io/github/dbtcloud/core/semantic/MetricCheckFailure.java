package io.github.dbtcloud.core.semantic;

import io.github.dbtcloud.core.DbtCloudFailure;

/**
 * The Semantic Layer check found metrics that do not compile or do not exist: the release stops.
 */
public final class MetricCheckFailure extends DbtCloudFailure {

  private static final long serialVersionUID = 1L;

  public MetricCheckFailure(String message) {
    super(message);
  }
}
