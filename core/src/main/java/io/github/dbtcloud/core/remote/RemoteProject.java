package io.github.dbtcloud.core.remote;

import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.EnvironmentVariables;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.JobEnvironmentVariable;
import io.github.dbtcloud.core.api.Project;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What dbt Cloud holds for one project in scope.
 *
 * @param key the project's local key in the desired state
 * @param project the project
 * @param environments its active environments
 * @param jobs its active jobs, managed or not
 * @param environmentVariables its variables, or null when the file declares none (not read)
 * @param jobVariables job-level overrides by job id, for the managed jobs whose overrides the file
 *     sets
 */
public record RemoteProject(
    String key,
    Project project,
    List<Environment> environments,
    List<Job> jobs,
    EnvironmentVariables environmentVariables,
    Map<Long, List<JobEnvironmentVariable>> jobVariables) {

  public RemoteProject {
    environments = List.copyOf(environments);
    jobs = List.copyOf(jobs);
    Map<Long, List<JobEnvironmentVariable>> copy = new LinkedHashMap<>();
    jobVariables.forEach((id, vars) -> copy.put(id, List.copyOf(vars)));
    jobVariables = Collections.unmodifiableMap(copy);
  }

  /** A project read without environment variables. */
  public RemoteProject(
      String key, Project project, List<Environment> environments, List<Job> jobs) {
    this(key, project, environments, jobs, null, Map.of());
  }

  /** Whether dbt Cloud listed nothing at all in this project. */
  public boolean listsNothing() {
    return environments.isEmpty() && jobs.isEmpty();
  }
}
