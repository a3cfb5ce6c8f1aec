package io.github.dbtcloud.core.semantic;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the build adds to the file's {@code semantic_layer} section.
 *
 * @param semanticLayerUrl the GraphQL URL, or null to derive it from the admin host
 * @param runQueries also run each metric as a one-row query, to prove the warehouse answers
 * @param reportFile where the JUnit XML goes
 * @param queryTimeout how long one metric's query may take when {@code runQueries} is on
 */
public record MetricCheckOptions(
    String semanticLayerUrl, boolean runQueries, Path reportFile, Duration queryTimeout) {

  /** The report's place under the build's {@code target/dbt}. */
  public static final String REPORT = "semantic-layer/TEST-dbt-metrics.xml";

  /**
   * The defaults for an output directory ({@code target/dbt}): derived URL, compile only, 10 minute
   * queries.
   */
  public static MetricCheckOptions defaults(Path outputDirectory) {
    return new MetricCheckOptions(
        null, false, outputDirectory.resolve(REPORT), Duration.ofMinutes(10));
  }

  public MetricCheckOptions withSemanticLayerUrl(String url) {
    return new MetricCheckOptions(
        url == null || url.isBlank() ? null : url, runQueries, reportFile, queryTimeout);
  }

  public MetricCheckOptions withRunQueries(boolean run) {
    return new MetricCheckOptions(semanticLayerUrl, run, reportFile, queryTimeout);
  }
}
