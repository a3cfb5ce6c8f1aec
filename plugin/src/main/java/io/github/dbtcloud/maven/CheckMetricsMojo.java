package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.goal.CheckMetricsGoal;
import io.github.dbtcloud.core.goal.GoalContext;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Checks that the Semantic Layer serves the metrics of the file's {@code semantic_layer:} section
 * and that each compiles; writes {@code semantic-layer/TEST-dbt-metrics.xml}. Changes nothing.
 */
@Mojo(name = "check-metrics", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class CheckMetricsMojo extends AbstractDbtMojo {

  /** The Semantic Layer GraphQL URL; derived from the admin host when unset. */
  @Parameter(property = PropertyNames.SEMANTIC_LAYER_URL)
  private String semanticLayerUrl;

  /** Also run each metric as a one-row query, to prove the warehouse answers. */
  @Parameter(property = PropertyNames.METRICS_QUERY, defaultValue = "false")
  private boolean metricsQuery;

  /** Skip the Semantic Layer check. */
  @Parameter(property = PropertyNames.METRICS_SKIP, defaultValue = "false")
  private boolean metricsSkip;

  @Inject
  public CheckMetricsMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "check-metrics";
  }

  @Override
  protected String skipReason() {
    return metricsSkip ? PropertyNames.METRICS_SKIP + " = true" : null;
  }

  @Override
  protected void run(GoalContext context) {
    new CheckMetricsGoal(MetricsParameters.settings(this, semanticLayerUrl, metricsQuery))
        .run(context);
  }
}
