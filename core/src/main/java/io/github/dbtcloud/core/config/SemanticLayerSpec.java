package io.github.dbtcloud.core.config;

import java.util.List;

/**
 * The Semantic Layer check (design §7): the metrics that must exist and compile.
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
 * @param position where the section is declared
 */
public record SemanticLayerSpec(
    String environment,
    String project,
    boolean allMetrics,
    List<String> metrics,
    List<String> groupBy,
    String grain,
    List<String> dimensions,
    int parallelism,
    SourcePosition position) {

  public SemanticLayerSpec {
    metrics = List.copyOf(metrics);
    groupBy = List.copyOf(groupBy);
    dimensions = List.copyOf(dimensions);
  }

  /** The original form, without a project key. */
  public SemanticLayerSpec(
      String environment,
      boolean allMetrics,
      List<String> metrics,
      List<String> groupBy,
      String grain,
      List<String> dimensions,
      int parallelism,
      SourcePosition position) {
    this(environment, null, allMetrics, metrics, groupBy, grain, dimensions, parallelism, position);
  }
}
