package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.PlanGoal;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.resource.PlanOptions;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows what {@code dbt:apply} would change in dbt Cloud to match the desired-state file, and
 * writes it to {@code plan.json} and {@code plan.md} in the output directory. Changes nothing.
 */
@Mojo(name = "plan", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class PlanMojo extends AbstractDbtMojo {

  /** Project keys to plan, comma-separated; empty plans every project of the file. */
  @Parameter(property = PropertyNames.PROJECTS)
  private String projects;

  /**
   * Job keys to plan ({@code key} or {@code project/key}, {@code *} wildcards), comma-separated;
   * never deletes.
   */
  @Parameter(property = PropertyNames.JOBS)
  private String jobs;

  /**
   * Where job markers are written, {@code description} or {@code name}; overrides the file's {@code
   * ownership.marker}.
   */
  @Parameter(property = PropertyNames.MARKER_PLACEMENT)
  private String markerPlacement;

  /**
   * Secret variables (DBT_ENV_SECRET*) to write again although dbt Cloud has a value,
   * comma-separated.
   */
  @Parameter(property = PropertyNames.ROTATE_SECRETS)
  private String rotateSecrets;

  /** Plan into a project dbt Cloud lists as completely empty (the brake stops otherwise). */
  @Parameter(property = PropertyNames.ALLOW_EMPTY_PROJECT, defaultValue = "false")
  private boolean allowEmptyProject;

  /** Fail the build when the plan is not empty (drift detection on a schedule). */
  @Parameter(property = PropertyNames.FAIL_ON_CHANGES, defaultValue = "false")
  private boolean failOnChanges;

  @Inject
  public PlanMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "plan";
  }

  @Override
  protected void run(GoalContext context) throws MojoFailureException {
    Plan plan = new PlanGoal(planOptions(), true).run(context).plan();
    if (failOnChanges && !plan.isEmpty()) {
      throw new MojoFailureException(
          "dbt Cloud differs from "
              + context.desired().name()
              + " ("
              + plan.summary()
              + (plan.hasDrift() ? " Some of it was changed in dbt Cloud by hand." : "")
              + ") and "
              + PropertyNames.FAIL_ON_CHANGES
              + " = true. Run 'mvn dbt:apply' to converge, or change the file.");
    }
  }

  private PlanOptions planOptions() {
    return PlanParameters.options(
        projects, jobs, markerPlacement, rotateSecrets, allowEmptyProject);
  }
}
