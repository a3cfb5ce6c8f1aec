package io.github.dbtcloud.core.goal;

import io.github.dbtcloud.core.Durations;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.ProjectSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dbt:validate}: the desired state, loaded offline (the context has shown its warnings and
 * refused an invalid file), and a summary of what it declares.
 */
public final class ValidateGoal {

  /** Prints what the file declares; returns the state. */
  public DesiredState run(GoalContext context) {
    summary(context.desired()).forEach(context.console()::info);
    return context.desired();
  }

  /** What the file declares, one line per project and section, then the totals. */
  public static List<String> summary(DesiredState state) {
    List<String> lines = new ArrayList<>();
    String files =
        state.files().size() == 1
            ? state.name() + " is"
            : state.files().size()
                + " files ("
                + String.join(
                    ", ", state.files().stream().map(f -> String.valueOf(f.getFileName())).toList())
                + ") are";
    lines.add(
        files
            + " valid: version "
            + state.version()
            + ", account "
            + state.account().id()
            + (state.warnings().isEmpty() ? "" : ", " + count(state.warnings().size(), "warning"))
            + ".");
    for (ProjectSpec p : state.projects().values()) {
      lines.add(
          "  project "
              + p.describe()
              + ": "
              + count(p.environments().size(), "environment")
              + list(p.environments().keySet())
              + ", "
              + count(p.jobs().size(), "job")
              + list(p.jobs().keySet())
              + ", "
              + count(p.envVars().size(), "env var")
              + list(p.envVars().keySet()));
    }
    lines.add(
        "  verify: "
            + state
                .verify()
                .map(v -> "job " + v.job() + ", timeout " + Durations.compact(v.timeoutOrDefault()))
                .orElse("not configured"));
    lines.add(
        "  semantic_layer: "
            + state
                .semanticLayer()
                .map(
                    s ->
                        "environment "
                            + s.environment()
                            + ", "
                            + (s.checksAllMetrics()
                                ? "all metrics"
                                : count(s.metricsOrNone().size(), "metric")))
                .orElse("not configured"));
    lines.add(
        "Summary: "
            + count(state.projects().size(), "project")
            + ", "
            + count(state.environmentCount(), "environment")
            + ", "
            + count(state.jobCount(), "job")
            + ", "
            + count(state.envVarCount(), "env var")
            + "; verify "
            + (state.verify().isPresent() ? "configured" : "not configured")
            + ", semantic layer "
            + (state.semanticLayer().isPresent() ? "configured" : "not configured")
            + ".");
    return lines;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String list(java.util.Collection<String> keys) {
    return keys.isEmpty() ? "" : " (" + String.join(", ", keys) + ")";
  }
}
