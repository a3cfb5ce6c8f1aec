package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.identity.MarkerPlacement;
import io.github.dbtcloud.core.resource.PlanOptions;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the plan parameters that {@code dbt:plan} and {@code dbt:apply} both declare into core's
 * plan options, so both goals plan exactly the same way ({@code PluginDescriptorTest} keeps the two
 * declarations equal).
 */
final class PlanParameters {

  private PlanParameters() {}

  static PlanOptions options(
      String projects,
      String jobs,
      String markerPlacement,
      String rotateSecrets,
      boolean allowEmptyProject) {
    return new PlanOptions(
        list(projects),
        list(jobs),
        placement(markerPlacement),
        list(rotateSecrets),
        allowEmptyProject);
  }

  /**
   * The placement the build asks for, or null (not given) to let the file's {@code
   * ownership.marker} decide.
   */
  static MarkerPlacement placement(String markerPlacement) {
    if (markerPlacement == null || markerPlacement.isBlank()) {
      return null;
    }
    return MarkerPlacement.parse(markerPlacement);
  }

  private static Set<String> list(String csv) {
    if (csv == null || csv.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(csv.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }
}
