package io.github.dbtcloud.it;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.core.apply.ApplyOptions;
import io.github.dbtcloud.core.apply.ApplyResult;
import io.github.dbtcloud.core.config.DesiredFiles;
import io.github.dbtcloud.core.goal.ApplyGoal;
import io.github.dbtcloud.core.goal.Build;
import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.PlanGoal;
import io.github.dbtcloud.core.goal.Time;
import io.github.dbtcloud.core.lease.LeaseSettings;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.resource.PlanOptions;
import java.nio.file.Path;
import java.util.Map;

/** Core's goals driven as the plugin drives them, against an emulator, for the Java ITs. */
final class Goals {

  private Goals() {}

  /** A build of one file against {@code url}, writing plan files to {@code out}. */
  static Build build(Path file, String url, String token, Path out) {
    return new Build(
        DesiredFiles.of(file),
        Map.of(),
        Map.of(),
        url,
        new ApiToken(token),
        "dbt-maven-plugin/it",
        "io.github.dbtcloud:it 1",
        out,
        out.resolve("verification/TEST-dbt-verification.xml"),
        out.resolve("semantic-layer/TEST-dbt-metrics.xml"));
  }

  /** {@code dbt:plan}: plans, prints, writes plan.json and plan.md. */
  static Plan plan(Build build, Console console) {
    try (GoalContext context = GoalContext.open(build, console, Time.system())) {
      return new PlanGoal(PlanOptions.defaults(), true).run(context).plan();
    }
  }

  /** {@code dbt:apply} without the verification run and the Semantic Layer check. */
  static ApplyResult apply(Build build, Console console, Time time, ApplyOptions options) {
    return apply(build, console, time, options, LeaseSettings.defaults());
  }

  /** {@code dbt:apply -Ddbt.planFile=...}: applies a saved plan exactly, or refuses it. */
  static ApplyResult applySaved(Build build, Console console, Path planFile) {
    try (GoalContext context = GoalContext.open(build, console, Time.system())) {
      return new ApplyGoal(PlanOptions.defaults(), ApplyOptions.defaults(), planFile, null, null)
          .run(context);
    }
  }

  /** {@code dbt:apply} as above, with the lease's settings. */
  static ApplyResult apply(
      Build build, Console console, Time time, ApplyOptions options, LeaseSettings lease) {
    try (GoalContext context = GoalContext.open(build, console, time)) {
      return new ApplyGoal(PlanOptions.defaults(), options, null, null, null, lease).run(context);
    }
  }
}
