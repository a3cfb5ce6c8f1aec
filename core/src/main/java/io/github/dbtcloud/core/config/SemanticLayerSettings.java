package io.github.dbtcloud.core.config;

import java.time.Duration;
import java.util.List;

/**
 * The Semantic Layer check: the metrics that must exist and compile, and how to reach and query
 * them. One record for the concept wherever it is set: the file's {@code semantic_layer:} section
 * gives what to check, the build (POM parameters, {@code -D}) how to reach it and whether to run
 * queries, and {@link #over} layers them (the build over the file); null fields are left to the
 * layer below, then to the defaults. See docs/semantic-layer.md.
 *
 * @param environment an environment key from the file, or a numeric environment id as text
 * @param project the project key of {@code environment}, or null when the key is unique in the file
 *     (or an id)
 * @param allMetrics check every metric the environment serves ({@code metrics: all})
 * @param metrics metrics that must exist (and are checked), when not {@code all}
 * @param groupBy group-by names for compilation, default {@code metric_time}
 * @param grain time grain for {@code metric_time}, e.g. {@code day}
 * @param dimensions extra dimensions to group by
 * @param parallelism how many metrics to compile at once
 * @param url the GraphQL URL, or null to derive it from the admin host
 * @param runQueries also run each metric as a one-row query, to prove the warehouse answers
 * @param queryTimeout how long one metric's query may take when {@code runQueries} is on
 * @param position where the file's section is declared, or null
 */
public record SemanticLayerSettings(
    String environment,
    String project,
    Boolean allMetrics,
    List<String> metrics,
    List<String> groupBy,
    String grain,
    List<String> dimensions,
    Integer parallelism,
    String url,
    Boolean runQueries,
    Duration queryTimeout,
    SourcePosition position) {

  /** Default wait for one metric's query. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofMinutes(10);

  public SemanticLayerSettings {
    metrics = metrics == null ? null : List.copyOf(metrics);
    groupBy = groupBy == null ? null : List.copyOf(groupBy);
    dimensions = dimensions == null ? null : List.copyOf(dimensions);
    url = url == null || url.isBlank() ? null : url.strip();
  }

  /**
   * What the build adds: the GraphQL URL (null to derive it) and whether to run queries (null to
   * leave it to the layer below).
   */
  public static SemanticLayerSettings fromBuild(String url, Boolean runQueries) {
    return new SemanticLayerSettings(
        null, null, null, null, null, null, null, null, url, runQueries, null, null);
  }

  /** These settings over {@code below}: each field set here wins. */
  public SemanticLayerSettings over(SemanticLayerSettings below) {
    boolean ownEnvironment = environment != null;
    return new SemanticLayerSettings(
        ownEnvironment ? environment : below.environment,
        ownEnvironment ? project : below.project,
        first(allMetrics, below.allMetrics),
        first(metrics, below.metrics),
        first(groupBy, below.groupBy),
        first(grain, below.grain),
        first(dimensions, below.dimensions),
        first(parallelism, below.parallelism),
        first(url, below.url),
        first(runQueries, below.runQueries),
        first(queryTimeout, below.queryTimeout),
        ownEnvironment ? position : below.position);
  }

  /** Whether every served metric is checked. */
  public boolean checksAllMetrics() {
    return allMetrics == null || allMetrics;
  }

  /** The metrics that must exist, when not all. */
  public List<String> metricsOrNone() {
    return metrics == null ? List.of() : metrics;
  }

  /** The group-by names, {@code metric_time} by default. */
  public List<String> groupByOrDefault() {
    return groupBy == null ? List.of("metric_time") : groupBy;
  }

  /** The time grain, {@code day} by default. */
  public String grainOrDefault() {
    return grain == null ? "day" : grain;
  }

  /** The extra dimensions. */
  public List<String> dimensionsOrNone() {
    return dimensions == null ? List.of() : dimensions;
  }

  /** How many metrics to compile at once, 4 by default. */
  public int parallelismOrDefault() {
    return parallelism == null ? 4 : parallelism;
  }

  /** Whether to run each metric as a query. */
  public boolean runsQueries() {
    return runQueries != null && runQueries;
  }

  /** How long one query may take. */
  public Duration queryTimeoutOrDefault() {
    return first(queryTimeout, DEFAULT_QUERY_TIMEOUT);
  }

  private static <T> T first(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
