package io.github.dbtcloud.core.goal;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.lease.ApplyLease;
import io.github.dbtcloud.core.lease.LeaseApi;
import io.github.dbtcloud.core.remote.Projects;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code dbt:unlock}: clears the apply lease of the file's projects, whoever holds it, saying who
 * did. For a lease left behind by an apply that was killed; clearing the lease of an apply that is
 * still running lets another one write at the same time.
 */
public final class UnlockGoal {

  private final Set<String> projects;

  /**
   * @param projects the project keys to unlock, or empty for every project of the file
   */
  public UnlockGoal(Set<String> projects) {
    this.projects = Set.copyOf(projects);
  }

  /** Clears the leases; returns how many there were. */
  public int run(GoalContext context) {
    Console console = context.console();
    long account = context.desired().account().id();
    int cleared = 0;
    Map<String, io.github.dbtcloud.core.api.Project> found =
        new Projects(context.admin())
            .find(
                account,
                context.desired().projects().values().stream()
                    .filter(p -> projects.isEmpty() || projects.contains(p.key()))
                    .toList());
    for (ProjectSpec spec : context.desired().projects().values()) {
      if (!found.containsKey(spec.key())) {
        continue;
      }
      long id = found.get(spec.key()).id();
      Optional<String> held = ApplyLease.clear(context.admin(), account, id);
      if (held.isPresent()) {
        cleared++;
        console.info(
            "project "
                + spec.key()
                + " (id "
                + id
                + "): cleared the apply lease held by "
                + held.get()
                + ".");
      } else {
        console.info(
            "project "
                + spec.key()
                + " (id "
                + id
                + "): no apply lease ("
                + LeaseApi.VARIABLE
                + ") to clear.");
      }
    }
    if (cleared > 0) {
      console.warn(
          "If the apply that held a lease is still running, another apply can now write to the"
              + " same project at the same time; run dbt:plan once it has finished.");
    }
    return cleared;
  }
}
