package io.github.dbtcloud.core.config;

import java.util.Set;

/** Cross-references inside a desired state: jobs name environments and other jobs by key. */
final class References {

  private References() {}

  static void check(DesiredState state, Problems problems) {
    for (ProjectSpec project : state.projects().values()) {
      Set<String> envKeys = project.environments().keySet();
      String base = "projects." + project.key();
      for (JobSpec job : project.jobs().values()) {
        String path = base + ".jobs." + job.key();
        if (job.environment() != null && !envKeys.contains(job.environment())) {
          problems.add(job.position(), path + ".environment", "environment '" + job.environment()
              + "' is not declared in project " + project.key() + "; "
              + Suggestions.closest(job.environment(), envKeys).map(s -> "did you mean '" + s + "'? ").orElse("")
              + "declared: " + (envKeys.isEmpty() ? "(none)" : String.join(", ", envKeys)));
        }
      }
    }
  }
}
