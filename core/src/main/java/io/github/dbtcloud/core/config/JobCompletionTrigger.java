package io.github.dbtcloud.core.config;

import java.util.List;

/**
 * Run this job when another job finishes with one of the statuses.
 *
 * @param job the other job's key (in this file)
 * @param project the other job's project key, or null for the same project
 * @param statuses {@code success}, {@code error}, {@code canceled}
 * @param position where the trigger is declared
 */
public record JobCompletionTrigger(String job, String project, List<String> statuses, SourcePosition position) {

  public JobCompletionTrigger {
    statuses = List.copyOf(statuses);
  }
}
