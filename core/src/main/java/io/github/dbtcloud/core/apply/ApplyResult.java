package io.github.dbtcloud.core.apply;

import java.time.Duration;

/**
 * What an apply did.
 *
 * @param added objects created
 * @param changed objects updated
 * @param destroyed objects deleted
 * @param requests HTTP requests sent, reads included
 * @param elapsed wall-clock time
 */
public record ApplyResult(int added, int changed, int destroyed, int requests, Duration elapsed) {

  /** {@code Apply complete! Resources: 2 added, 1 changed, 0 destroyed.} */
  public String summary() {
    return "Apply complete! Resources: " + added + " added, " + changed + " changed, " + destroyed + " destroyed.";
  }
}
