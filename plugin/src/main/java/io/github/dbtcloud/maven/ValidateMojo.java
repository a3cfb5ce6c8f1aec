package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.ValidateGoal;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Checks the desired-state file offline (syntax, types, references, cron, secrets) and prints what
 * it declares. Needs no token and no network; fails the build listing every problem with its place.
 * With {@code -Ddbt.convert}, also writes a dbt-jobs-as-code file in the plugin's own format beside
 * it (docs/migrating-from-dbt-jobs-as-code.md).
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractDbtMojo {

  /**
   * Convert the dbt-jobs-as-code file being validated to the plugin's own format, written beside it
   * ({@code jobs.yml} gives {@code jobs.dbt-cloud.yml}); the plan on it is the plan on the
   * original.
   */
  @Parameter(property = PropertyNames.CONVERT, defaultValue = "false")
  private boolean convert;

  /** Where {@code dbt.convert} writes; by default beside the original. */
  @Parameter(property = PropertyNames.CONVERT_FILE)
  private File convertFile;

  /** Let {@code dbt.convert} replace an existing file (it is never overwritten otherwise). */
  @Parameter(property = PropertyNames.CONVERT_FORCE, defaultValue = "false")
  private boolean convertForce;

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
    if (convert) {
      new ValidateGoal()
          .convert(context, convertFile == null ? null : convertFile.toPath(), convertForce);
    }
  }
}
