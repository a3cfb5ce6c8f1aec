package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.api.WireApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The v2 job routes (jobs have no v3 routes; docs/wire-format.md#api-versions) on one account.
 *
 * @param api the Admin API
 * @param accountId the account
 */
public record JobApi(WireApi api, long accountId) {

  /** Active jobs of one project. */
  public List<Job> list(long projectId) {
    return list(projectId, 0);
  }

  /**
   * Active jobs of one project, expected to be about {@code expected} (the file's): their pages are
   * asked for at once ({@link WireApi#list(String, Map, int)}).
   */
  public List<Job> list(long projectId, int expected) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("project_id", String.valueOf(projectId));
    List<Job> out = new ArrayList<>();
    api.list(jobs(), query, expected).forEach(j -> out.add(new Job(j)));
    return out;
  }

  /** One job. */
  public Job get(long id) {
    return new Job(api.get(job(id), Map.of()));
  }

  /** Sent once: never retried, since a lost answer does not mean it was not created. */
  public Job create(Job job) {
    return new Job(api.create(jobs(), job.body()));
  }

  /** Full-object update (a POST, not a PATCH: docs/wire-format.md#full-object-updates). */
  public Job update(Job job) {
    return new Job(api.update(job(job.id()), job.body()));
  }

  /**
   * Soft-deletes a job; dbt Cloud answers 200 with the job or 204 without a body
   * (docs/wire-format.md#soft-delete).
   */
  public void delete(long id) {
    api.delete(job(id));
  }

  private String jobs() {
    return "api/v2/accounts/" + accountId + "/jobs/";
  }

  private String job(long id) {
    return jobs() + id + "/";
  }
}
