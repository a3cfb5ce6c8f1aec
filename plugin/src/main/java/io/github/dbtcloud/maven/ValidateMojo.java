package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.ValidateGoal;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Checks the desired-state file offline (syntax, types, references, cron, secrets) and prints what
 * it declares. Needs no token and no network; fails the build listing every problem with its place.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractDbtMojo {

  @Inject
  public ValidateMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "validate";
  }

  @Override
  protected boolean needsToken() {
    return false;
  }

  @Override
  protected void run(GoalContext context) {
    new ValidateGoal().run(context);
  }
}
