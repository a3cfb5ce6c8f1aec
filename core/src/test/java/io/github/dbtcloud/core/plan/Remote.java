package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.resource.ResourceKind;
import io.github.dbtcloud.core.resource.Snapshot;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.environment.EnvironmentKind;
import io.github.dbtcloud.core.resource.environment.EnvironmentSnapshot;
import io.github.dbtcloud.core.resource.job.Job;
import io.github.dbtcloud.core.resource.job.JobEnvironmentVariable;
import io.github.dbtcloud.core.resource.job.JobKind;
import io.github.dbtcloud.core.resource.job.JobSnapshot;
import io.github.dbtcloud.core.resource.job.JobVariableKind;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariableKind;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What dbt Cloud lists, for plan tests: per project key, the raw listings. {@link #snapshot} sorts
 * them the way the kinds' reads do (environments matched to the file, jobs by marker), so a test
 * plans exactly as a real read would.
 *
 * @param accountId the account
 * @param host the host, for messages
 * @param projects the listings by project key
 */
record Remote(long accountId, String host, Map<String, Listing> projects) {

  /**
   * One project's listings.
   *
   * @param key the project's key in the file
   * @param project the project
   * @param environments its environments
   * @param jobs its jobs
   * @param variables its variables, or null when not read
   * @param overrides job overrides by job id
   */
  record Listing(
      String key,
      Project project,
      List<Environment> environments,
      List<Job> jobs,
      EnvironmentVariables variables,
      Map<Long, List<JobEnvironmentVariable>> overrides) {

    Listing(String key, Project project, List<Environment> environments, List<Job> jobs) {
      this(key, project, environments, jobs, null, Map.of());
    }
  }

  /** The snapshot the kinds would read from these listings for {@code desired}. */
  Snapshot snapshot(DesiredState desired) {
    Map<String, Project> found = new LinkedHashMap<>();
    Map<String, Map<ResourceKind<?>, Object>> parts = new LinkedHashMap<>();
    projects.forEach(
        (key, listing) -> {
          ProjectSpec spec = desired.projects().get(key);
          found.put(key, listing.project());
          Map<ResourceKind<?>, Object> byKind = new LinkedHashMap<>();
          byKind.put(
              EnvironmentKind.INSTANCE,
              new EnvironmentSnapshot(
                  listing.environments(), EnvironmentKind.match(spec, listing.environments())));
          byKind.put(
              JobKind.INSTANCE, JobSnapshot.of(listing.jobs(), desired.ownership().namespace()));
          if (listing.variables() != null) {
            byKind.put(EnvironmentVariableKind.INSTANCE, listing.variables());
          }
          byKind.put(JobVariableKind.INSTANCE, listing.overrides());
          parts.put(key, byKind);
        });
    return new Snapshot(accountId, host, found, parts);
  }
}
