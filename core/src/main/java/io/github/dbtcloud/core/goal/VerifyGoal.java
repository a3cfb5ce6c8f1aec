package io.github.dbtcloud.core.goal;

import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.VerifySettings;
import io.github.dbtcloud.core.verify.Verification;
import io.github.dbtcloud.core.verify.VerificationFailedException;
import io.github.dbtcloud.core.verify.VerifyResult;
import java.util.Optional;

/**
 * {@code dbt:verify} (and the verification step of {@code dbt:apply}): trigger the job the build's
 * settings over the file's {@code verify:} section name, follow the run, write the JUnit report,
 * and fail unless it succeeds.
 */
public final class VerifyGoal {

  private final VerifySettings build;

  /**
   * @param build what the build sets (POM, {@code -D}); unset fields leave the file's in place
   */
  public VerifyGoal(VerifySettings build) {
    this.build = build;
  }

  /** Runs the verification; fails when neither the file nor the build names a job. */
  public VerifyResult run(GoalContext context) {
    DesiredState desired = context.desired();
    return runIfConfigured(context)
        .orElseThrow(
            () ->
                new VerificationFailedException(
                    VerificationFailedException.Kind.CONFIGURATION,
                    "Nothing to verify: "
                        + desired.name()
                        + " has no 'verify:' section and no job was given. Add to "
                        + desired.name()
                        + ":\n  verify:\n    job: <a job key from the file>\nor pass"
                        + " -Ddbt.verify.job=<job key or id>."));
  }

  /**
   * Runs the verification when the file or the build names a job; empty (nothing sent) otherwise.
   */
  public Optional<VerifyResult> runIfConfigured(GoalContext context) {
    DesiredState desired = context.desired();
    VerifySettings settings = build.over(desired.verify().orElse(VerifySettings.none()));
    if (!settings.namesJob()) {
      return Optional.empty();
    }
    Time time = context.time();
    return Optional.of(
        new Verification(context.console(), time.clock(), time.sleeper(), time.hooks())
            .run(
                context.admin(),
                desired,
                settings,
                context.build().label(),
                context.build().environment(),
                context.build().verificationReport()));
  }
}
