package io.github.dbtcloud.core.config;

import java.time.Duration;
import java.util.List;

/**
 * The verification run after apply (design §7): which job to trigger and how to wait for it.
 *
 * @param job a job key from the file, or a numeric job id as text
 * @param project the project key of {@code job}, or null when the key is unique in the file (or an
 *     id)
 * @param cause the run's cause text, or null for the default
 * @param gitBranch branch to check out, or null
 * @param gitSha commit to check out, or null
 * @param schemaOverride schema override, or null
 * @param stepsOverride replacement steps, or empty for the job's own
 * @param threadsOverride threads override, or null
 * @param targetNameOverride target name override, or null
 * @param timeout how long to wait overall
 * @param pollMin shortest wait between polls
 * @param pollMax longest wait between polls
 * @param cancelOnTimeout cancel the run when the timeout passes
 * @param position where the section is declared
 */
public record VerifySpec(
    String job,
    String project,
    String cause,
    String gitBranch,
    String gitSha,
    String schemaOverride,
    List<String> stepsOverride,
    Integer threadsOverride,
    String targetNameOverride,
    Duration timeout,
    Duration pollMin,
    Duration pollMax,
    boolean cancelOnTimeout,
    SourcePosition position) {

  /** Default overall timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(60);

  public VerifySpec {
    stepsOverride = List.copyOf(stepsOverride);
  }

  /** The original form, without a project key. */
  public VerifySpec(
      String job,
      String cause,
      String gitBranch,
      String gitSha,
      String schemaOverride,
      List<String> stepsOverride,
      Integer threadsOverride,
      String targetNameOverride,
      Duration timeout,
      Duration pollMin,
      Duration pollMax,
      boolean cancelOnTimeout,
      SourcePosition position) {
    this(
        job,
        null,
        cause,
        gitBranch,
        gitSha,
        schemaOverride,
        stepsOverride,
        threadsOverride,
        targetNameOverride,
        timeout,
        pollMin,
        pollMax,
        cancelOnTimeout,
        position);
  }
}
