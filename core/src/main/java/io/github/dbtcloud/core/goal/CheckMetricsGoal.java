package io.github.dbtcloud.core.goal;

import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.SemanticLayerSettings;
import io.github.dbtcloud.core.semantic.MetricCheckFailedException;
import io.github.dbtcloud.core.semantic.MetricCheckReport;
import io.github.dbtcloud.core.semantic.SemanticLayerCheck;
import java.util.Optional;

/**
 * {@code dbt:check-metrics} (and the last step of {@code dbt:apply}): check that the Semantic Layer
 * serves the metrics of the file's {@code semantic_layer:} section and that each compiles, write
 * the JUnit report, and fail naming every metric that did not.
 */
public final class CheckMetricsGoal {

  private final SemanticLayerSettings build;

  /**
   * @param build what the build sets (the GraphQL URL, whether to run queries)
   */
  public CheckMetricsGoal(SemanticLayerSettings build) {
    this.build = build;
  }

  /** Runs the check the file's {@code semantic_layer:} section describes; without one, fails. */
  public MetricCheckReport run(GoalContext context) {
    DesiredState desired = context.desired();
    if (desired.semanticLayer().isEmpty()) {
      throw new MetricCheckFailedException(
          desired.name()
              + " has no 'semantic_layer:' section, so there is nothing to check. Add"
              + " one, e.g.\n  semantic_layer:\n    environment: prod     # an environment key of"
              + " this file, or an id\n    metrics: all          # or a list of metric names that"
              + " must exist\n    grain: day");
    }
    return check(context, desired.semanticLayer().get());
  }

  /**
   * The apply step: checks when the file has a {@code semantic_layer:} section, else says it skips.
   */
  public Optional<MetricCheckReport> runIfConfigured(GoalContext context) {
    DesiredState desired = context.desired();
    if (desired.semanticLayer().isEmpty()) {
      context
          .console()
          .info(
              "No 'semantic_layer:' section in "
                  + desired.name()
                  + "; skipping the Semantic Layer check.");
      return Optional.empty();
    }
    return Optional.of(check(context, desired.semanticLayer().get()));
  }

  private MetricCheckReport check(GoalContext context, SemanticLayerSettings file) {
    return new SemanticLayerCheck(
            context.console(), context.time().clock(), context.time().sleeper())
        .run(
            context.settings(),
            context::admin,
            context.desired(),
            build.over(file),
            context.build().metricsReport());
  }
}
