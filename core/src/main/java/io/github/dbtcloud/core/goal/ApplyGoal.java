package io.github.dbtcloud.core.goal;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.apply.Applier;
import io.github.dbtcloud.core.apply.ApplyOptions;
import io.github.dbtcloud.core.apply.ApplyResult;
import io.github.dbtcloud.core.apply.StopSignal;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.plan.PlanFile;
import io.github.dbtcloud.core.plan.Planner;
import io.github.dbtcloud.core.resource.PlanOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code dbt:apply}: plan (or check a saved plan), print the plan, apply it, and print exactly what
 * was done; then, when the apply is complete, the verification run and the Semantic Layer check. A
 * change that fails skips what depends on it, the rest completes, and the build fails with the list
 * of what was done, failed and skipped; applying again finishes the job.
 */
public final class ApplyGoal {

  private final PlanOptions options;
  private final ApplyOptions apply;
  private final Path planFile;
  private final VerifyGoal verify;
  private final CheckMetricsGoal metrics;

  /**
   * @param options the build's plan selection and options (with a saved plan only the secrets to
   *     rotate and the empty-project permission count, the rest is the saved plan's)
   * @param apply parallelism and fail-fast
   * @param planFile a plan.json to apply exactly, or null to plan and apply in one go
   * @param verify the verification step, or null to skip it
   * @param metrics the Semantic Layer check step, or null to skip it
   */
  public ApplyGoal(
      PlanOptions options,
      ApplyOptions apply,
      Path planFile,
      VerifyGoal verify,
      CheckMetricsGoal metrics) {
    this.options = options;
    this.apply = apply;
    this.planFile = planFile;
    this.verify = verify;
    this.metrics = metrics;
  }

  /**
   * Applies, then verifies and checks the metrics when they are configured.
   *
   * @throws io.github.dbtcloud.core.apply.ApplyIncompleteException when a change failed or the
   *     build was stopped
   */
  public ApplyResult run(GoalContext context) {
    Console console = context.console();
    Plan plan = planFile != null ? savedPlan(context) : planNow(context);
    ApplyResult result;
    if (plan.isEmpty()) {
      result = new ApplyResult(0, 0, 0, 0, Duration.ZERO, java.util.List.of());
      console.info(result.summary() + " " + result.cost());
    } else {
      console.info("");
      result =
          new Applier(context.admin(), console, context.time().sleeper(), apply, new StopSignal())
              .applyUntilStopped(plan, context.time().hooks());
    }
    if (verify == null) {
      console.info("Skipping the verification run because dbt.verify.skip = true");
    } else {
      console.info("");
      if (verify.runIfConfigured(context).isEmpty()) {
        console.info(
            "No verification run: " + context.desired().name() + " has no 'verify:' section.");
      }
    }
    if (metrics == null) {
      console.info("Skipping the Semantic Layer check because dbt.metrics.skip = true");
    } else {
      metrics.runIfConfigured(context);
    }
    return result;
  }

  private Plan planNow(GoalContext context) {
    Planner.Planned planned = context.plan(options);
    PlanGoal.show(context, planned);
    return planned.plan();
  }

  private Plan savedPlan(GoalContext context) {
    PlanFile saved = PlanFile.read(planFile);
    Console console = context.console();
    console.info("Applying the saved plan " + planFile + " (made " + saved.createdAt() + ")");
    saved.requireSameDesiredState(planFile, context.desired(), context.admin().baseUrl());
    PlanOptions savedOptions = saved.options(options);
    Planner.Planned now = context.plan(savedOptions);
    saved.requireSameObjects(
        planFile,
        PlanFile.of(
            now.plan(),
            now.snapshot(),
            context.desired(),
            savedOptions,
            context.build().userAgent(),
            context.time().clock().instant()));
    console.info("Every object is as the saved plan found it; applying it:");
    PlanGoal.show(context, now);
    return now.plan();
  }
}
