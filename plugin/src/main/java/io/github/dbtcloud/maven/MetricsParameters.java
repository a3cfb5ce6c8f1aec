package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.config.SemanticLayerSettings;

/**
 * Turns the Semantic Layer parameters that {@code dbt:check-metrics} and {@code dbt:apply} both
 * declare into core's settings, {@code -D} over the POM, so both goals check the same way.
 */
final class MetricsParameters {

  private MetricsParameters() {}

  static SemanticLayerSettings settings(
      AbstractDbtMojo mojo, String semanticLayerUrl, boolean metricsQuery) {
    return SemanticLayerSettings.fromBuild(
        mojo.commandLineOver(PropertyNames.SEMANTIC_LAYER_URL, semanticLayerUrl, s -> s),
        mojo.commandLineOver(PropertyNames.METRICS_QUERY, metricsQuery, Boolean::valueOf));
  }
}
