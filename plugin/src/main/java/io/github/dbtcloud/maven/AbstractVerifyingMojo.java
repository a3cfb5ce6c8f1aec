package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.Durations;
import io.github.dbtcloud.core.config.VerifySettings;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The goals that run the verification job: {@code dbt:verify} on its own and {@code dbt:apply}
 * after a complete apply. Each parameter overrides the same setting of the file's {@code verify:}
 * section; a {@code -D} property overrides the POM (docs/verification.md).
 */
public abstract class AbstractVerifyingMojo extends AbstractDbtMojo {

  /** Skip the verification run. */
  @Parameter(property = PropertyNames.VERIFY_SKIP, defaultValue = "false")
  protected boolean verifySkip;

  /**
   * The job to run: a job key from the file, or a numeric job id (overrides {@code verify.job}).
   */
  @Parameter(property = PropertyNames.VERIFY_JOB)
  private String verifyJob;

  /**
   * The run's cause (at most 255 characters); by default the project, its version and the CI
   * build's link.
   */
  @Parameter(property = PropertyNames.VERIFY_CAUSE)
  private String verifyCause;

  /** The git branch the run checks out. */
  @Parameter(property = PropertyNames.VERIFY_GIT_BRANCH)
  private String verifyGitBranch;

  /** The git commit the run checks out. */
  @Parameter(property = PropertyNames.VERIFY_GIT_SHA)
  private String verifyGitSha;

  /** The schema the run writes to instead of the environment's. */
  @Parameter(property = PropertyNames.VERIFY_SCHEMA_OVERRIDE)
  private String verifySchemaOverride;

  /**
   * dbt commands replacing the job's for this run, separated by {@code ;} (a comma belongs to dbt
   * selectors).
   */
  @Parameter(property = PropertyNames.VERIFY_STEPS_OVERRIDE)
  private String verifyStepsOverride;

  /** Threads for this run. */
  @Parameter(property = PropertyNames.VERIFY_THREADS_OVERRIDE)
  private Integer verifyThreadsOverride;

  /** {@code target.name} for this run. */
  @Parameter(property = PropertyNames.VERIFY_TARGET_NAME_OVERRIDE)
  private String verifyTargetNameOverride;

  /** How long to wait for the run, e.g. {@code 45m} (default 60m). */
  @Parameter(property = PropertyNames.VERIFY_TIMEOUT)
  private String verifyTimeout;

  /** Shortest wait between polls, e.g. {@code 2s} (the default; at least 100ms). */
  @Parameter(property = PropertyNames.VERIFY_POLL_MIN)
  private String verifyPollMin;

  /** Longest wait between polls, e.g. {@code 30s} (the default). */
  @Parameter(property = PropertyNames.VERIFY_POLL_MAX)
  private String verifyPollMax;

  /** Cancel the run when the timeout passes (default true). */
  @Parameter(property = PropertyNames.VERIFY_CANCEL_ON_TIMEOUT)
  private Boolean verifyCancelOnTimeout;

  protected AbstractVerifyingMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  /** The build's verification settings: {@code -D} over the POM; unset ones leave the file's. */
  protected VerifySettings verifySettings() {
    String steps =
        commandLineOver(PropertyNames.VERIFY_STEPS_OVERRIDE, verifyStepsOverride, s -> s);
    return VerifySettings.builder()
        .job(commandLineOver(PropertyNames.VERIFY_JOB, verifyJob, s -> s))
        .cause(commandLineOver(PropertyNames.VERIFY_CAUSE, verifyCause, s -> s))
        .gitBranch(commandLineOver(PropertyNames.VERIFY_GIT_BRANCH, verifyGitBranch, s -> s))
        .gitSha(commandLineOver(PropertyNames.VERIFY_GIT_SHA, verifyGitSha, s -> s))
        .schemaOverride(
            commandLineOver(PropertyNames.VERIFY_SCHEMA_OVERRIDE, verifySchemaOverride, s -> s))
        .stepsOverride(steps(steps))
        .threadsOverride(
            commandLineOver(
                PropertyNames.VERIFY_THREADS_OVERRIDE, verifyThreadsOverride, Integer::valueOf))
        .targetNameOverride(
            commandLineOver(
                PropertyNames.VERIFY_TARGET_NAME_OVERRIDE, verifyTargetNameOverride, s -> s))
        .timeout(
            Durations.parse(
                commandLineOver(PropertyNames.VERIFY_TIMEOUT, verifyTimeout, s -> s),
                PropertyNames.VERIFY_TIMEOUT))
        .pollMin(
            Durations.parse(
                commandLineOver(PropertyNames.VERIFY_POLL_MIN, verifyPollMin, s -> s),
                PropertyNames.VERIFY_POLL_MIN))
        .pollMax(
            Durations.parse(
                commandLineOver(PropertyNames.VERIFY_POLL_MAX, verifyPollMax, s -> s),
                PropertyNames.VERIFY_POLL_MAX))
        .cancelOnTimeout(
            commandLineOver(
                PropertyNames.VERIFY_CANCEL_ON_TIMEOUT, verifyCancelOnTimeout, Boolean::valueOf))
        .build();
  }

  private static List<String> steps(String text) {
    return text == null
        ? null
        : Arrays.stream(text.split("[;\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
