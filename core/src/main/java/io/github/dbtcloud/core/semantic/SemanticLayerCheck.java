package io.github.dbtcloud.core.semantic;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.ClientSettings;
import io.github.dbtcloud.core.api.SemanticLayerClient;
import io.github.dbtcloud.core.api.SemanticLayerUrls;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.SemanticLayerSettings;
import io.github.dbtcloud.core.report.JUnitXmlWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The Semantic Layer check: resolve the environment, reach its Semantic Layer, check the metrics,
 * write the JUnit XML report, and fail with a {@link MetricCheckFailedException} naming every
 * metric that failed or is missing. {@code dbt:check-metrics} runs it on its own, {@code dbt:apply}
 * as its last step.
 */
public final class SemanticLayerCheck {

  private final Console console;
  private final Sleeper sleeper;
  private final Clock clock;

  /**
   * @param console where progress goes
   * @param clock the time queries are measured in
   * @param sleeper how to wait while a query runs
   */
  public SemanticLayerCheck(Console console, Clock clock, Sleeper sleeper) {
    this.console = console;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /**
   * Checks the metrics the settings name.
   *
   * @param admin the Admin API connection settings (the Semantic Layer takes the same token)
   * @param adminClient opens the Admin API, only needed to find an environment by key
   * @param settings the build's settings over the file's section
   * @param reportFile where the JUnit XML goes
   */
  public MetricCheckReport run(
      ClientSettings admin,
      Supplier<AdminClient> adminClient,
      DesiredState desired,
      SemanticLayerSettings settings,
      Path reportFile) {
    SemanticEnvironment environment = SemanticEnvironment.resolve(settings, desired, adminClient);
    URI url =
        settings.url() != null
            ? SemanticLayerUrls.override(settings.url())
            : SemanticLayerUrls.derive(admin.baseUrl());
    MetricCheckReport report;
    try (SemanticLayerClient client = SemanticLayerClient.create(url, admin, console)) {
      report =
          new MetricCheck(client, console, clock, sleeper, settings.queryTimeoutOrDefault())
              .run(environment.id(), environment.label(), settings, settings.runsQueries());
    }
    JUnitXmlWriter.write(report.toTestReport(), reportFile);
    console.info("Semantic Layer report: " + reportFile);
    if (!report.passed()) {
      throw new MetricCheckFailedException(failureMessage(report, settings));
    }
    return report;
  }

  private static String failureMessage(MetricCheckReport report, SemanticLayerSettings spec) {
    StringBuilder out =
        new StringBuilder(
            "Semantic Layer check failed in environment "
                + report.environment()
                + ": "
                + report.summary()
                + " of "
                + report.results().size()
                + " metric(s).");
    for (MetricResult r : report.results()) {
      if (r.failed()) {
        out.append("\n  - ")
            .append(r.metric())
            .append(" ")
            .append(r.outcome())
            .append(": ")
            .append(r.message().strip().replace("\n", "\n      "));
      }
    }
    out.append(
            "\nFix the metric definitions in the dbt project and deploy them to that environment,"
                + " or change semantic_layer.metrics (")
        .append(spec.position())
        .append(").");
    return out.toString();
  }
}
