package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.core.apply.ApplyOptions;
import io.github.dbtcloud.core.config.DesiredFiles;
import io.github.dbtcloud.core.goal.ApplyGoal;
import io.github.dbtcloud.core.goal.Build;
import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.PlanGoal;
import io.github.dbtcloud.core.goal.Time;
import io.github.dbtcloud.core.resource.PlanOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A goal as the mojos run it, called by {@link ColdPlanClassesTest} through reflection so that it
 * can run in a class loader of its own and be asked afterwards which classes it loaded.
 */
public final class ColdPlan {

  private ColdPlan() {}

  /** Plans {@code dir/dbt-cloud.yml} against {@code url}; returns what the plan printed. */
  public static String plan(String url, String token, String dir) {
    StringBuilder out = new StringBuilder();
    try (GoalContext context = GoalContext.open(build(url, token, dir), into(out), Time.system())) {
      new PlanGoal(PlanOptions.defaults(), true).run(context);
    }
    return out.toString();
  }

  /** Applies {@code dir/dbt-cloud.yml} to {@code url}, with no verification. */
  public static void apply(String url, String token, String dir) {
    try (GoalContext context =
        GoalContext.open(build(url, token, dir), Console.silent(), Time.system())) {
      new ApplyGoal(PlanOptions.defaults(), ApplyOptions.defaults(), null, null, null).run(context);
    }
  }

  private static Build build(String url, String token, String dir) {
    Path base = Path.of(dir);
    Path out = base.resolve("target/dbt");
    return new Build(
        new DesiredFiles(base, List.of("dbt-cloud.yml")),
        Map.of(),
        Map.of(),
        url,
        new ApiToken(token),
        "dbt-maven-plugin-test",
        "io.github.dbtcloud:cold-plan 1",
        out,
        out.resolve("TEST-dbt-verification.xml"),
        out.resolve("TEST-dbt-metrics.xml"));
  }

  private static Console into(StringBuilder out) {
    return new Console() {
      @Override
      public void info(String line) {
        out.append(line).append('\n');
      }

      @Override
      public void warn(String line) {
        out.append("WARN ").append(line).append('\n');
      }

      @Override
      public void debug(String line) {}
    };
  }
}
