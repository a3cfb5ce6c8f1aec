package io.github.dbtcloud.core.remote;

import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.Project;
import java.util.List;

/**
 * What dbt Cloud holds for one project in scope.
 *
 * @param key the project's local key in the desired state
 * @param project the project
 * @param environments its active environments
 * @param jobs its active jobs, managed or not
 */
public record RemoteProject(String key, Project project, List<Environment> environments, List<Job> jobs) {

  public RemoteProject {
    environments = List.copyOf(environments);
    jobs = List.copyOf(jobs);
  }
}
