package io.github.dbtcloud.core.config;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.Durations;
import io.github.dbtcloud.core.Target;
import java.util.ArrayList;
import java.util.List;

/** {@code dbt:validate}: load the desired state offline, show its warnings and what it declares. */
public final class ValidateCommand {

  private final Console console;

  public ValidateCommand(Console console) {
    this.console = console;
  }

  /**
   * Loads and checks the files; throws {@link InvalidDesiredStateException} listing every problem.
   */
  public DesiredState run(Target target) {
    DesiredState state;
    try {
      state = target.load(console);
    } catch (InvalidDesiredStateException e) {
      e.warnings().forEach(w -> console.warn(w.toString()));
      throw e;
    }
    summary(state).forEach(console::info);
    return state;
  }

  /** What the file declares, one line per project and section, then the totals. */
  public static List<String> summary(DesiredState state) {
    List<String> lines = new ArrayList<>();
    String files =
        state.files().size() == 1
            ? state.files().get(0).getFileName() + " is"
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
                .map(v -> "job " + v.job() + ", timeout " + Durations.compact(v.timeout()))
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
                            + (s.allMetrics()
                                ? "all metrics"
                                : count(s.metrics().size(), "metric")))
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
