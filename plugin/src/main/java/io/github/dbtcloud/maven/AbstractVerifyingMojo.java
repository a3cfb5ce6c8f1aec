package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.Durations;
import io.github.dbtcloud.core.Target;
import io.github.dbtcloud.core.verify.VerifyCommand;
import io.github.dbtcloud.core.verify.VerifyOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The goals that run the verification job (design §7): {@code dbt:verify} on its own and {@code
 * dbt:apply} after a successful apply. Each parameter overrides the same setting of the file's
 * {@code verify:} section.
 */
public abstract class AbstractVerifyingMojo extends AbstractDbtMojo {

  /** Where the JUnit report of the run goes, under {@code outputDirectory}. */
  static final String REPORT = "verification/TEST-dbt-verification.xml";

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

  /**
   * The verification step of {@code dbt:apply}: runs when a job is configured, unless skipped
   * (saying why).
   */
  protected void verifyAfterApply(Target target, Console console) {
    if (verifySkip) {
      console.info(
          "Skipping the verification run because " + PropertyNames.VERIFY_SKIP + " = true");
      return;
    }
    console.info("");
    if (new VerifyCommand(console).runIfConfigured(target, verifyOptions()).isEmpty()) {
      console.info("No verification run: " + file.getName() + " has no 'verify:' section.");
    }
  }

  /** The parameters as core's options; unset ones leave the file's setting in place. */
  protected VerifyOptions verifyOptions() {
    List<String> steps =
        verifyStepsOverride == null
            ? null
            : Arrays.stream(verifyStepsOverride.split("[;\\n]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    return new VerifyOptions(
        verifyJob,
        verifyCause,
        verifyGitBranch,
        verifyGitSha,
        verifySchemaOverride,
        steps,
        verifyThreadsOverride,
        verifyTargetNameOverride,
        Durations.parse(verifyTimeout, PropertyNames.VERIFY_TIMEOUT),
        Durations.parse(verifyPollMin, PropertyNames.VERIFY_POLL_MIN),
        Durations.parse(verifyPollMax, PropertyNames.VERIFY_POLL_MAX),
        verifyCancelOnTimeout,
        project.getGroupId() + ":" + project.getArtifactId() + " " + project.getVersion(),
        reportFile());
  }

  private Path reportFile() {
    return outputDirectory.toPath().resolve(REPORT);
  }
}
