package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.Console;

/**
 * The account an apply leaves: the Terraform-style summary line and, when not everything was done,
 * each change's outcome.
 */
final class ApplySummary {

  private static final String AGAIN =
      "What was done stays done: fix the cause, then run dbt:apply again; it plans"
          + " only what is left.";

  private ApplySummary() {}

  static void print(ApplyResult result, StopSignal stop, Console console) {
    console.info("");
    if (result.complete()) {
      console.info(result.summary() + " " + result.cost());
      return;
    }
    console.warn(
        headline(result, stop) + " Resources: " + result.resources() + ". " + result.cost());
    for (StepOutcome o : result.outcomes()) {
      if (o instanceof StepOutcome.Done d) {
        console.info("  done     " + d.id() + ": " + d.detail());
      } else if (o instanceof StepOutcome.Failed f) {
        console.warn("  FAILED   " + f.id() + ": " + f.message());
      } else if (o instanceof StepOutcome.Skipped s) {
        console.warn("  skipped  " + s.id() + ": " + s.reason());
      }
    }
    console.info(AGAIN);
  }

  /** The build failure's message: what failed (with dbt Cloud's message) and what was skipped. */
  static String failureMessage(ApplyResult result, StopSignal stop) {
    StringBuilder out = new StringBuilder(headline(result, stop));
    result
        .failed()
        .forEach(f -> out.append("\n  failed: ").append(f.id()).append(": ").append(f.message()));
    if (!result.skipped().isEmpty()) {
      out.append("\n  skipped: ")
          .append(String.join(", ", result.skipped().stream().map(StepOutcome::id).toList()));
    }
    out.append("\n").append(AGAIN);
    return out.toString();
  }

  private static String headline(ApplyResult result, StopSignal stop) {
    String counts =
        result.done().size()
            + " done, "
            + result.failed().size()
            + " failed, "
            + result.skipped().size()
            + " skipped.";
    return (stop.requested() ? "Apply interrupted (" + stop.reason() + "): " : "Apply incomplete: ")
        + counts;
  }
}
