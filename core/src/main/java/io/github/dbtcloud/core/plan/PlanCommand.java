package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.Target;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.config.DesiredState;

/** {@code dbt:plan}: load the file, read dbt Cloud, diff, and show the plan. */
public final class PlanCommand {

  private final Console console;

  public PlanCommand(Console console) {
    this.console = console;
  }

  /** Plans and prints; returns the plan so callers can decide (fail on changes, apply). */
  public Plan run(Target target) {
    DesiredState desired = target.load(console);
    try (AdminClient client = target.connect(desired)) {
      return planAndShow(desired, client, target);
    }
  }

  /** Plans with an open client and prints the plan; shared with apply, which plans first. */
  public Plan planAndShow(DesiredState desired, AdminClient client, Target target) {
    Plan plan = new Planner(client).plan(desired);
    new TextPlanRenderer(target.desiredFile().getFileName().toString()).render(plan).forEach(console::info);
    return plan;
  }
}
