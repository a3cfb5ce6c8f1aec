package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.Durations;
import io.github.dbtcloud.core.apply.ApplyOptions;
import io.github.dbtcloud.core.goal.ApplyGoal;
import io.github.dbtcloud.core.goal.CheckMetricsGoal;
import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.VerifyGoal;
import io.github.dbtcloud.core.lease.LeaseSettings;
import io.github.dbtcloud.core.resource.PlanOptions;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Plans (or checks a saved plan) and applies the changes that make dbt Cloud match the
 * desired-state file.
 */
@Mojo(name = "apply", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class ApplyMojo extends AbstractVerifyingMojo {

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

  /**
   * A plan.json written by {@code dbt:plan} to apply exactly, refused when anything changed since;
   * unset plans anew.
   */
  @Parameter(property = PropertyNames.PLAN_FILE)
  private File planFile;

  /** How many independent changes are sent at the same time. */
  @Parameter(
      property = PropertyNames.PARALLELISM,
      defaultValue = "" + ApplyOptions.DEFAULT_PARALLELISM)
  private int parallelism;

  /**
   * Start no new change after the first failure (by default the changes that do not depend on it go
   * on).
   */
  @Parameter(property = PropertyNames.FAIL_FAST, defaultValue = "false")
  private boolean failFast;

  /**
   * Take the projects' apply lease, so that two applies of one project never write at the same
   * time; {@code false} skips it with a warning.
   */
  @Parameter(property = PropertyNames.LOCK, defaultValue = "true")
  private boolean lock;

  /** How long to wait for another apply's lease before failing, e.g. {@code 5m}, {@code 90s}. */
  @Parameter(property = PropertyNames.LOCK_TIMEOUT, defaultValue = "5m")
  private String lockTimeout;

  /** Skip only {@code dbt:apply} (plan still runs). */
  @Parameter(property = PropertyNames.APPLY_SKIP, defaultValue = "false")
  private boolean applySkip;

  /** The Semantic Layer GraphQL URL; derived from the admin host when unset. */
  @Parameter(property = PropertyNames.SEMANTIC_LAYER_URL)
  private String semanticLayerUrl;

  /** Also run each metric as a one-row query, to prove the warehouse answers. */
  @Parameter(property = PropertyNames.METRICS_QUERY, defaultValue = "false")
  private boolean metricsQuery;

  /** Skip the Semantic Layer check after apply. */
  @Parameter(property = PropertyNames.METRICS_SKIP, defaultValue = "false")
  private boolean metricsSkip;

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
  protected void run(GoalContext context) {
    new ApplyGoal(
            planOptions(),
            new ApplyOptions(parallelism, failFast),
            planFile == null ? null : planFile.toPath(),
            verifySkip ? null : new VerifyGoal(verifySettings()),
            metricsSkip
                ? null
                : new CheckMetricsGoal(
                    MetricsParameters.settings(this, semanticLayerUrl, metricsQuery)),
            leaseSettings())
        .run(context);
  }

  private LeaseSettings leaseSettings() {
    LeaseSettings defaults = lock ? LeaseSettings.defaults() : LeaseSettings.off();
    java.time.Duration wait = Durations.parse(lockTimeout, PropertyNames.LOCK_TIMEOUT);
    return wait == null ? defaults : defaults.withTimeout(wait);
  }

  private PlanOptions planOptions() {
    return PlanParameters.options(
        projects, jobs, markerPlacement, rotateSecrets, allowEmptyProject);
  }
}
