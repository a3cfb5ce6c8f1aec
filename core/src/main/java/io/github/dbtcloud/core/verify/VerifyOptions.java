package io.github.dbtcloud.core.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the build says about the verification run, over the file's {@code verify:} section: each
 * non-null value wins over the file's. Plus what only the build knows (its name for the default
 * cause, where the JUnit report goes).
 *
 * @param job a job key from the file or a numeric job id, or null
 * @param cause the run's cause, or null
 * @param gitBranch branch to check out, or null
 * @param gitSha commit to check out, or null
 * @param schemaOverride schema override, or null
 * @param stepsOverride commands replacing the job's, or null
 * @param threadsOverride threads override, or null
 * @param targetNameOverride {@code target.name} override, or null
 * @param timeout overall wait, or null
 * @param pollMin shortest wait between polls, or null
 * @param pollMax longest wait between polls, or null
 * @param cancelOnTimeout whether to cancel the run on timeout, or null
 * @param buildLabel the build's name for the default cause, e.g. {@code com.acme:analytics 1.4.0}
 * @param reportFile where the JUnit XML goes
 */
public record VerifyOptions(
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
    Boolean cancelOnTimeout,
    String buildLabel,
    Path reportFile) {

  public VerifyOptions {
    stepsOverride = stepsOverride == null ? null : List.copyOf(stepsOverride);
  }

  /**
   * Nothing from the build but its label and the report file: the file's {@code verify:} decides.
   */
  public static VerifyOptions fromFileOnly(String buildLabel, Path reportFile) {
    return new VerifyOptions(
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        buildLabel,
        reportFile);
  }

  /** These options with another job. */
  public VerifyOptions withJob(String otherJob) {
    return new VerifyOptions(
        otherJob,
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
        buildLabel,
        reportFile);
  }

  /** These options with other timing. */
  public VerifyOptions withTiming(Duration overall, Duration min, Duration max, Boolean cancel) {
    return new VerifyOptions(
        job,
        cause,
        gitBranch,
        gitSha,
        schemaOverride,
        stepsOverride,
        threadsOverride,
        targetNameOverride,
        overall,
        min,
        max,
        cancel,
        buildLabel,
        reportFile);
  }
}
