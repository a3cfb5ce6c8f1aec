package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.Target;
import io.github.dbtcloud.core.apply.ApplyCommand;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Plans and then applies the changes that make dbt Cloud match the desired-state file. */
@Mojo(name = "apply", threadSafe = true)
public class ApplyMojo extends AbstractPlanningMojo {

  /** Skip only {@code dbt:apply} (plan still runs). */
  @Parameter(property = PropertyNames.APPLY_SKIP, defaultValue = "false")
  private boolean applySkip;

  @Inject
  public ApplyMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "apply";
  }

  @Override
  protected String skipReason() {
    return applySkip ? PropertyNames.APPLY_SKIP + " = true" : null;
  }

  @Override
  protected void run(Target target, Console console) {
    new ApplyCommand(console).run(target, planOptions());
  }
}
