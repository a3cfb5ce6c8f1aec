package io.github.dbtcloud.core.apply;

import java.time.Duration;
import java.util.List;

/**
 * What an apply did.
 *
 * @param added objects created
 * @param changed objects updated
 * @param destroyed objects deleted
 * @param requests HTTP requests sent, reads included
 * @param elapsed wall-clock time
 * @param outcomes every planned change, in apply order: done (with the id), failed (with the API's
 *     message) or skipped (with the reason)
 */
public record ApplyResult(
    int added,
    int changed,
    int destroyed,
    int requests,
    Duration elapsed,
    List<StepOutcome> outcomes) {

  public ApplyResult {
    outcomes = List.copyOf(outcomes);
  }

  /** A result without per-change outcomes (nothing to apply). */
  public ApplyResult(int added, int changed, int destroyed, int requests, Duration elapsed) {
    this(added, changed, destroyed, requests, elapsed, List.of());
  }

  /** Whether every planned change was done. */
  public boolean complete() {
    return outcomes.stream().allMatch(o -> o instanceof StepOutcome.Done);
  }

  /** The changes that failed. */
  public List<StepOutcome.Failed> failed() {
    return outcomes.stream()
        .filter(o -> o instanceof StepOutcome.Failed)
        .map(o -> (StepOutcome.Failed) o)
        .toList();
  }

  /** The changes that were not attempted. */
  public List<StepOutcome.Skipped> skipped() {
    return outcomes.stream()
        .filter(o -> o instanceof StepOutcome.Skipped)
        .map(o -> (StepOutcome.Skipped) o)
        .toList();
  }

  /** The changes that were done. */
  public List<StepOutcome.Done> done() {
    return outcomes.stream()
        .filter(o -> o instanceof StepOutcome.Done)
        .map(o -> (StepOutcome.Done) o)
        .toList();
  }

  /** {@code 2 added, 1 changed, 0 destroyed} */
  public String resources() {
    return added + " added, " + changed + " changed, " + destroyed + " destroyed";
  }

  /** {@code Apply complete! Resources: 2 added, 1 changed, 0 destroyed.} */
  public String summary() {
    return "Apply complete! Resources: " + resources() + ".";
  }

  /** {@code (1.2 s, 14 requests)} */
  public String cost() {
    return "("
        + String.format(java.util.Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0)
        + " s, "
        + requests
        + " request"
        + (requests == 1 ? "" : "s")
        + ")";
  }
}
