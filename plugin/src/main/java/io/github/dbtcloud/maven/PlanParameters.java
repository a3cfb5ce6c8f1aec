package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.identity.MarkerPlacement;
import io.github.dbtcloud.core.plan.PlanOptions;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the plan parameters that {@code dbt:plan} and {@code dbt:apply} both declare into core's
 * plan options, so both goals plan exactly the same way ({@code PluginDescriptorTest} keeps the
 * two declarations equal).
 */
final class PlanParameters {

  /** The value both goals declare as {@code markerPlacement}'s Maven default. */
  static final String DECLARED_DEFAULT_PLACEMENT = "description";

  private PlanParameters() {}

  static PlanOptions options(String projects, String jobs, String markerPlacement, String rotateSecrets,
      boolean allowEmptyProject) {
    return new PlanOptions(list(projects), list(jobs), placement(markerPlacement), list(rotateSecrets),
        allowEmptyProject);
  }

  /**
   * The placement the build asks for, or null to let the file's {@code ownership.marker} decide. Both
   * goals still declare {@code defaultValue = "description"}, so that value cannot be told from "not
   * given" and counts as not given; {@code name} always overrides the file. Once both declarations
   * drop the default, an explicit {@code description} can override the file too (remove the check).
   */
  static MarkerPlacement placement(String markerPlacement) {
    if (markerPlacement == null || markerPlacement.isBlank()
        || markerPlacement.strip().equalsIgnoreCase(DECLARED_DEFAULT_PLACEMENT)) {
      return null;
    }
    return MarkerPlacement.parse(markerPlacement);
  }

  private static Set<String> list(String csv) {
    if (csv == null || csv.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }
}
