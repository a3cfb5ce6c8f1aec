package io.github.dbtcloud.core.config;

import java.time.Duration;
import java.util.List;

/**
 * The verification run after apply: which job to trigger and how to wait for it. One record for the
 * concept wherever it is set: the file's {@code verify:} section, the POM's parameters and {@code
 * -D} properties each give one, and {@link #over} layers them (the build over the file); every null
 * field is left to the layer below, and finally to the defaults. See docs/verification.md for the
 * order.
 *
 * @param job a job key from the file ({@code project/key} from the build), or a numeric job id
 * @param project the project key of {@code job}, or null when the key is unique in the file (or an
 *     id)
 * @param cause the run's cause text, or null for the default
 * @param gitBranch branch to check out, or null
 * @param gitSha commit to check out, or null
 * @param schemaOverride schema override, or null
 * @param stepsOverride replacement steps (empty for the job's own), or null when not set
 * @param threadsOverride threads override, or null
 * @param targetNameOverride target name override, or null
 * @param timeout how long to wait overall, or null
 * @param pollMin shortest wait between polls, or null
 * @param pollMax longest wait between polls, or null
 * @param cancelOnTimeout cancel the run when the timeout passes, or null
 * @param position where the file's section is declared, or null when there is none
 * @param jobPosition where the file names the job, or null when the build named it
 */
public record VerifySettings(
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
    Boolean cancelOnTimeout,
    SourcePosition position,
    SourcePosition jobPosition) {

  /** Default overall timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(60);

  /** Default shortest wait between polls. */
  public static final Duration DEFAULT_POLL_MIN = Duration.ofSeconds(2);

  /** Default longest wait between polls. */
  public static final Duration DEFAULT_POLL_MAX = Duration.ofSeconds(30);

  public VerifySettings {
    stepsOverride = stepsOverride == null ? null : List.copyOf(stepsOverride);
  }

  /** Nothing set. */
  public static VerifySettings none() {
    return builder().build();
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * These settings over {@code below}: each field set here wins, the others come from below. The
   * job and its project go together: a job named here is looked up with this layer's project.
   * Positions are where the file says things, so they come from whichever layer has them.
   */
  public VerifySettings over(VerifySettings below) {
    boolean ownJob = job != null;
    return new VerifySettings(
        ownJob ? job : below.job,
        ownJob ? project : below.project,
        first(cause, below.cause),
        first(gitBranch, below.gitBranch),
        first(gitSha, below.gitSha),
        first(schemaOverride, below.schemaOverride),
        first(stepsOverride, below.stepsOverride),
        first(threadsOverride, below.threadsOverride),
        first(targetNameOverride, below.targetNameOverride),
        first(timeout, below.timeout),
        first(pollMin, below.pollMin),
        first(pollMax, below.pollMax),
        first(cancelOnTimeout, below.cancelOnTimeout),
        first(position, below.position),
        ownJob ? jobPosition : below.jobPosition);
  }

  /** Whether a job to verify is named. */
  public boolean namesJob() {
    return job != null && !job.isBlank();
  }

  /** The overall timeout, or the default. */
  public Duration timeoutOrDefault() {
    return first(timeout, DEFAULT_TIMEOUT);
  }

  private static <T> T first(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /** Builds settings field by field; unset fields stay null. */
  public static final class Builder {
    private String job;
    private String project;
    private String cause;
    private String gitBranch;
    private String gitSha;
    private String schemaOverride;
    private List<String> stepsOverride;
    private Integer threadsOverride;
    private String targetNameOverride;
    private Duration timeout;
    private Duration pollMin;
    private Duration pollMax;
    private Boolean cancelOnTimeout;
    private SourcePosition position;
    private SourcePosition jobPosition;

    private Builder() {}

    /** The job: a key ({@code project/key} allowed) or an id. */
    public Builder job(String value) {
      job = value;
      return this;
    }

    /** The job's project key. */
    public Builder project(String value) {
      project = value;
      return this;
    }

    /** The run's cause. */
    public Builder cause(String value) {
      cause = value;
      return this;
    }

    /** The branch to check out. */
    public Builder gitBranch(String value) {
      gitBranch = value;
      return this;
    }

    /** The commit to check out. */
    public Builder gitSha(String value) {
      gitSha = value;
      return this;
    }

    /** The schema override. */
    public Builder schemaOverride(String value) {
      schemaOverride = value;
      return this;
    }

    /** The steps replacing the job's. */
    public Builder stepsOverride(List<String> value) {
      stepsOverride = value;
      return this;
    }

    /** The threads override. */
    public Builder threadsOverride(Integer value) {
      threadsOverride = value;
      return this;
    }

    /** The target name override. */
    public Builder targetNameOverride(String value) {
      targetNameOverride = value;
      return this;
    }

    /** The overall timeout. */
    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    /** The shortest wait between polls. */
    public Builder pollMin(Duration value) {
      pollMin = value;
      return this;
    }

    /** The longest wait between polls. */
    public Builder pollMax(Duration value) {
      pollMax = value;
      return this;
    }

    /** Whether to cancel the run on timeout. */
    public Builder cancelOnTimeout(Boolean value) {
      cancelOnTimeout = value;
      return this;
    }

    /** Where the settings are declared in the file. */
    public Builder position(SourcePosition value) {
      position = value;
      return this;
    }

    /** Where the file names the job. */
    public Builder jobPosition(SourcePosition value) {
      jobPosition = value;
      return this;
    }

    /** The settings. */
    public VerifySettings build() {
      return new VerifySettings(
          job,
          project,
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
          position,
          jobPosition);
    }
  }
}
