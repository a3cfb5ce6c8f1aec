package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.api.WireMaps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The v3 routes of job-level environment variable overrides
 * (docs/wire-format.md#environment-variables) in one project.
 *
 * @param api the Admin API
 * @param accountId the account
 * @param projectId the project
 */
public record JobVariableApi(WireApi api, long accountId, long projectId) {

  /**
   * A job's own overrides ({@code environment-variables/job/}); project and environment values are
   * left out.
   */
  public List<JobEnvironmentVariable> list(long jobId) {
    Map<String, Object> data =
        api.get(base() + "job/", Map.of("job_definition_id", String.valueOf(jobId)));
    List<JobEnvironmentVariable> out = new ArrayList<>();
    data.forEach(
        (name, scopes) -> {
          if (scopes instanceof Map<?, ?> m && m.get("job") instanceof Map<?, ?> job) {
            Object value = job.get("value");
            out.add(
                JobEnvironmentVariable.read(
                    accountId,
                    projectId,
                    jobId,
                    name,
                    WireMaps.asLong(job.get("id")),
                    value == null ? null : String.valueOf(value)));
          }
        });
    return out;
  }

  /**
   * Creates an override; sent once. Returns it with the id dbt Cloud gave it (when the answer has
   * one).
   */
  public JobEnvironmentVariable create(JobEnvironmentVariable variable) {
    Map<String, Object> answer = api.create(base(), variable.body());
    Long id = WireMaps.asLong(answer.get("id"));
    return id != null
        ? JobEnvironmentVariable.read(
            accountId, projectId, variable.jobId(), variable.name(), id, variable.value())
        : variable;
  }

  /** Writes an override's new value. */
  public JobEnvironmentVariable update(JobEnvironmentVariable variable) {
    api.update(base() + variable.id() + "/", variable.body());
    return variable;
  }

  private String base() {
    return "api/v3/accounts/" + accountId + "/projects/" + projectId + "/environment-variables/";
  }
}
