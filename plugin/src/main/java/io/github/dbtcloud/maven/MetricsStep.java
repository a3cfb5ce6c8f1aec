package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.Target;
import io.github.dbtcloud.core.semantic.CheckMetricsCommand;
import io.github.dbtcloud.core.semantic.MetricCheckOptions;
import java.io.File;

/**
 * The Semantic Layer check as {@code dbt:check-metrics} and the metrics step of {@code dbt:apply}
 * run it.
 */
final class MetricsStep {

  private MetricsStep() {}

  static MetricCheckOptions options(
      File outputDirectory, String semanticLayerUrl, boolean runQueries) {
    return MetricCheckOptions.defaults(outputDirectory.toPath())
        .withSemanticLayerUrl(semanticLayerUrl)
        .withRunQueries(runQueries);
  }

  /**
   * The apply step: runs when the file has a {@code semantic_layer:} section, unless skipped
   * (saying why).
   */
  static void afterApply(
      Target target,
      Console console,
      boolean skip,
      File outputDirectory,
      String semanticLayerUrl,
      boolean runQueries) {
    if (skip) {
      console.info(
          "Skipping the Semantic Layer check because " + PropertyNames.METRICS_SKIP + " = true");
      return;
    }
    new CheckMetricsCommand(console)
        .runIfConfigured(target, options(outputDirectory, semanticLayerUrl, runQueries));
  }
}
