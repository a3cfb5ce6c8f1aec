package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.identity.MarkerPlacement;
import io.github.dbtcloud.core.plan.PlanOptions;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** The parameters of every goal that plans (plan, apply), so both plan exactly the same way. */
public abstract class AbstractPlanningMojo extends AbstractDbtMojo {

  /** Project keys to plan, comma-separated; empty plans every project of the file. */
  @Parameter(property = PropertyNames.PROJECTS)
  protected String projects;

  /** Job keys to plan ({@code key} or {@code project/key}, {@code *} wildcards), comma-separated; never deletes. */
  @Parameter(property = PropertyNames.JOBS)
  protected String jobs;

  /** Where job markers are written: {@code description} (default) or {@code name}. */
  @Parameter(property = PropertyNames.MARKER_PLACEMENT, defaultValue = "description")
  protected String markerPlacement;

  /** Secret variables (DBT_ENV_SECRET*) to write again although dbt Cloud has a value, comma-separated. */
  @Parameter(property = PropertyNames.ROTATE_SECRETS)
  protected String rotateSecrets;

  /** Plan into a project dbt Cloud lists as completely empty (the brake stops otherwise). */
  @Parameter(property = PropertyNames.ALLOW_EMPTY_PROJECT, defaultValue = "false")
  protected boolean allowEmptyProject;

  protected AbstractPlanningMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  /** The parameters as core's plan options. */
  protected PlanOptions planOptions() {
    return new PlanOptions(list(projects), list(jobs), MarkerPlacement.parse(markerPlacement), list(rotateSecrets),
        allowEmptyProject);
  }

  private static Set<String> list(String csv) {
    if (csv == null || csv.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }
}
