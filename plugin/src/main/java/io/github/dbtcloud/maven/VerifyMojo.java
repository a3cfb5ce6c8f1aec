package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.VerifyGoal;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Runs the verification job in dbt Cloud, follows it in the log, and fails the build unless it
 * succeeds.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class VerifyMojo extends AbstractVerifyingMojo {

  @Inject
  public VerifyMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "verify";
  }

  @Override
  protected String skipReason() {
    return verifySkip ? PropertyNames.VERIFY_SKIP + " = true" : null;
  }

  @Override
  protected void run(GoalContext context) {
    new VerifyGoal(verifySettings()).run(context);
  }
}
