package io.github.dbtcloud.core.semantic;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.Target;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.ClientSettings;
import io.github.dbtcloud.core.api.RetryPolicy;
import io.github.dbtcloud.core.api.SemanticLayerClient;
import io.github.dbtcloud.core.api.SemanticLayerUrls;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.SemanticLayerSpec;
import io.github.dbtcloud.core.report.JUnitXmlWriter;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code dbt:check-metrics} (and the last step of {@code dbt:apply}): resolve the environment,
 * reach its Semantic Layer, check the metrics, write the JUnit XML report, and fail with a {@link
 * MetricCheckFailure} naming every metric that failed or is missing.
 */
public final class CheckMetricsCommand {

  private final Console console;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;

  /** A command with the default retries, sleeping for real. */
  public CheckMetricsCommand(Console console) {
    this(console, RetryPolicy.DEFAULT, Sleeper.system(), Clock.systemUTC());
  }

  /**
   * A command with the caller's retry policy, sleeper and clock; the HTTP retries, the rate limit
   * and the query polling all wait on them (tests pass a fake pair and wait for nothing).
   */
  public CheckMetricsCommand(Console console, RetryPolicy retry, Sleeper sleeper, Clock clock) {
    this.console = console;
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /**
   * Runs the check the file's {@code semantic_layer:} section describes; without one, that is an
   * error.
   */
  public MetricCheckReport run(Target target, MetricCheckOptions options) {
    DesiredState desired = target.load();
    SemanticLayerSpec spec =
        desired
            .semanticLayer()
            .orElseThrow(
                () ->
                    new MetricCheckFailure(
                        target.desiredFile().getFileName()
                            + " has no 'semantic_layer:' section, so there is nothing to check. Add"
                            + " one, e.g.\n  semantic_layer:\n    environment: prod     # an environment key of this file, or an id\n"
                            + "    metrics: all          # or a list of metric names that must exist\n    grain: day"));
    return check(target, desired, spec, options);
  }

  /**
   * The apply step: checks when the file has a {@code semantic_layer:} section, else says it skips.
   */
  public Optional<MetricCheckReport> runIfConfigured(Target target, MetricCheckOptions options) {
    DesiredState desired = target.load();
    if (desired.semanticLayer().isEmpty()) {
      console.info(
          "No 'semantic_layer:' section in "
              + target.desiredFile().getFileName()
              + "; skipping the Semantic Layer check.");
      return Optional.empty();
    }
    return Optional.of(check(target, desired, desired.semanticLayer().get(), options));
  }

  private MetricCheckReport check(
      Target target, DesiredState desired, SemanticLayerSpec spec, MetricCheckOptions options) {
    ClientSettings settings = target.settings(desired).withRetry(retry).withTime(sleeper, clock);
    List<AdminClient> opened = new ArrayList<>(1);
    SemanticEnvironment environment;
    try {
      environment =
          SemanticEnvironment.resolve(
              spec,
              desired,
              () -> {
                AdminClient admin = AdminClient.create(settings, console);
                opened.add(admin);
                return admin;
              });
    } finally {
      opened.forEach(AdminClient::close);
    }
    URI url =
        options.semanticLayerUrl() != null
            ? SemanticLayerUrls.override(options.semanticLayerUrl())
            : SemanticLayerUrls.derive(settings.baseUrl());
    MetricCheckReport report;
    try (SemanticLayerClient client = SemanticLayerClient.create(url, settings, console)) {
      report =
          new MetricCheck(client, console, sleeper, clock, options.queryTimeout())
              .run(environment.id(), environment.label(), spec, options.runQueries());
    }
    JUnitXmlWriter.write(report.toTestReport(), options.reportFile());
    console.info("Semantic Layer report: " + options.reportFile());
    if (!report.passed()) {
      throw new MetricCheckFailure(failureMessage(report, spec));
    }
    return report;
  }

  private static String failureMessage(MetricCheckReport report, SemanticLayerSpec spec) {
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
            "\nFix the metric definitions in the dbt project and deploy them to that environment, or change"
                + " semantic_layer.metrics (")
        .append(spec.position())
        .append(").");
    return out.toString();
  }
}
