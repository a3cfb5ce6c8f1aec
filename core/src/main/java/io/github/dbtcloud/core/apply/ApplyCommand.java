package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.Target;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.plan.PlanCommand;
import io.github.dbtcloud.core.plan.PlanOptions;
import io.github.dbtcloud.core.plan.Planner;
import io.github.dbtcloud.core.verify.ShutdownHooks;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code dbt:apply}: plan (or check a saved plan), print the plan, apply it, and print exactly what
 * was done. A change that fails skips what depends on it, the rest completes, and the build fails
 * with the list of what was done, failed and skipped; applying again finishes the job. Ctrl-C
 * starts nothing new, lets the requests in flight finish (for at most {@link #GRACE}), and prints
 * the same account.
 */
public final class ApplyCommand {

  /** How long a stopping JVM waits for the changes in flight and the summary. */
  static final Duration GRACE = Duration.ofSeconds(30);

  private final Console console;
  private final Sleeper sleeper;
  private final Clock clock;
  private final ShutdownHooks hooks;

  /** A command on the real clock, stopping on Ctrl-C. */
  public ApplyCommand(Console console) {
    this(console, Sleeper.system(), Clock.systemUTC(), ShutdownHooks.runtime());
  }

  /**
   * A command with its own way to wait (retries, rate limits) and its own shutdown hooks (tests).
   */
  public ApplyCommand(Console console, Sleeper sleeper, Clock clock, ShutdownHooks hooks) {
    this.console = console;
    this.sleeper = sleeper;
    this.clock = clock;
    this.hooks = hooks;
  }

  /** Plans, applies, and returns what was done. */
  public ApplyResult run(Target target) {
    return run(target, PlanOptions.defaults());
  }

  /**
   * Plans with the build's plan options (selection, marker placement, secrets to rotate), then
   * applies.
   */
  public ApplyResult run(Target target, PlanOptions options) {
    return run(new ApplyRequest(target, options, ApplyOptions.defaults(), null));
  }

  /**
   * Applies the request's saved plan after checking it is not stale, or plans and applies in one
   * go.
   *
   * @throws ApplyFailure when a change failed or the build was stopped (what was done is in it)
   */
  public ApplyResult run(ApplyRequest request) {
    Target target = request.target();
    DesiredState desired = target.load(console);
    try (AdminClient client =
        AdminClient.create(target.settings(desired).withTime(sleeper, clock), console)) {
      PlanCommand planner = new PlanCommand(console);
      Plan plan;
      if (request.planFile() != null) {
        plan = savedPlan(request, desired, client, planner);
      } else {
        plan = planner.read(desired, client, request.options()).plan();
        planner.show(plan, target);
      }
      if (plan.isEmpty()) {
        ApplyResult nothing = new ApplyResult(0, 0, 0, 0, Duration.ZERO);
        console.info(nothing.summary() + " " + nothing.cost());
        return nothing;
      }
      console.info("");
      return applyStoppably(plan, new AdminWrites(client, desired.account().id()), request.apply());
    }
  }

  private Plan savedPlan(
      ApplyRequest request, DesiredState desired, AdminClient client, PlanCommand planner) {
    SavedPlan saved = SavedPlan.read(request.planFile());
    console.info(
        "Applying the saved plan " + request.planFile() + " (made " + saved.createdAt() + ")");
    SavedPlanCheck.requireSameFile(saved, desired, client.baseUrl());
    PlanOptions options = SavedPlanCheck.options(saved, request.options());
    Planner.Planned now = planner.read(desired, client, options);
    SavedPlanCheck.requireSameObjects(saved, desired, now, options, request.target().userAgent());
    console.info("Every object is as the saved plan found it; applying it:");
    planner.show(now.plan(), request.target());
    return now.plan();
  }

  private ApplyResult applyStoppably(Plan plan, DbtCloudWrites api, ApplyOptions options) {
    StopSignal stop = new StopSignal();
    CountDownLatch reported = new CountDownLatch(1);
    Runnable unregister =
        hooks.register(
            () -> {
              stop.request("the build was interrupted");
              try {
                // the JVM ends when this hook returns: give the requests in flight, and the
                // summary, time to finish
                reported.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    try {
      ApplyResult result = new Applier(api, console, options, stop, sleeper).apply(plan);
      ApplyReport.print(result, stop, console);
      if (!result.complete()) {
        throw new ApplyFailure(ApplyReport.failureMessage(result, stop), result);
      }
      return result;
    } finally {
      reported.countDown();
      unregister.run();
    }
  }
}
