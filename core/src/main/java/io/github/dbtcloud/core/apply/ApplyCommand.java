package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.Target;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.plan.PlanCommand;
import io.github.dbtcloud.core.plan.PlanOptions;

/** {@code dbt:apply}: plan, print the plan, apply it, and print what was done. */
public final class ApplyCommand {

  private final Console console;

  public ApplyCommand(Console console) {
    this.console = console;
  }

  /** Plans, applies, and returns what was done. */
  public ApplyResult run(Target target) {
    return run(target, PlanOptions.defaults());
  }

  /** Plans with the build's plan options (selection, marker placement, secrets to rotate), then applies. */
  public ApplyResult run(Target target, PlanOptions options) {
    DesiredState desired = target.load(console);
    try (AdminClient client = target.connect(desired, console)) {
      Plan plan = new PlanCommand(console).planAndShow(desired, client, target, options, null);
      if (plan.isEmpty()) {
        return new ApplyResult(0, 0, 0, client.requestCount(), java.time.Duration.ZERO);
      }
      console.info("");
      ApplyResult result = new Applier(client, console).apply(plan);
      console.info("");
      console.info(result.summary() + " (" + result.requests() + " requests, "
          + result.elapsed().toMillis() + " ms)");
      return result;
    }
  }
}
