package io.github.dbtcloud.core.semantic;

import java.time.Duration;

/**
 * How one metric fared.
 *
 * @param metric the metric name
 * @param outcome OK, FAILED or MISSING
 * @param message the server's error (FAILED), why it is missing (MISSING), or a short note (OK)
 * @param sql the compiled SQL, or null
 * @param elapsed time spent on it
 */
public record MetricResult(
    String metric, Outcome outcome, String message, String sql, Duration elapsed) {

  /** The verdict on one metric. */
  public enum Outcome {
    /** It compiled (and, when asked, its query ran). */
    OK,
    /** The Semantic Layer refused to compile it, or its query failed. */
    FAILED,
    /** The file expects it, but the Semantic Layer does not serve it. */
    MISSING
  }

  /** Whether this metric fails the check. */
  public boolean failed() {
    return outcome != Outcome.OK;
  }
}
