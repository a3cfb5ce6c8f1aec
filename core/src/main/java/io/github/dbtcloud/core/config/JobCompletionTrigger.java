package io.github.dbtcloud.core.config;

import java.util.List;

/**
 * Run this job when another job finishes with one of the statuses. The other job is named by its
 * key in this file ({@code job}, optionally in another {@code project} of the file), or by id for a
 * job the file does not manage ({@code jobId} and {@code projectId}).
 *
 * @param job the other job's key in this file, or null when {@code jobId} is used
 * @param project the other job's project key, or null for the same project
 * @param jobId the other job's id when it is not in this file, or null
 * @param projectId the project id of {@code jobId}, or null
 * @param statuses {@code success}, {@code error}, {@code canceled}
 * @param position where the trigger is declared
 */
public record JobCompletionTrigger(
    String job,
    String project,
    Long jobId,
    Long projectId,
    List<String> statuses,
    SourcePosition position) {

  /** Run-status names and the codes dbt Cloud uses for them (10 success, 20 error, 30 canceled). */
  public static final List<String> STATUSES = List.of("success", "error", "canceled");

  public JobCompletionTrigger {
    statuses = List.copyOf(statuses);
  }

  /** No trigger at all: an explicit {@code null} in a dbt-jobs-as-code file removes it. */
  public static JobCompletionTrigger none(SourcePosition position) {
    return new JobCompletionTrigger(null, null, null, null, List.of(), position);
  }

  /** Whether this removes the trigger rather than setting one. */
  public boolean isNone() {
    return job == null && jobId == null;
  }

  /** A trigger on a job of this file, by key. */
  public JobCompletionTrigger(
      String job, String project, List<String> statuses, SourcePosition position) {
    this(job, project, null, null, statuses, position);
  }
}
