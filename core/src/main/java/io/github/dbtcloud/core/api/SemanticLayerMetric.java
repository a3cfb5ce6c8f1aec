package io.github.dbtcloud.core.api;

import java.util.List;

/**
 * A metric as the Semantic Layer lists it ({@code metrics(environmentId)},
 * docs/wire-format.md#semantic-layer). Enum-like fields stay strings so that a value the server
 * adds later does not break the check.
 *
 * @param name the metric name
 * @param type e.g. {@code SIMPLE}, {@code RATIO}
 * @param description the description, or null
 * @param dimensions what it can be grouped by ({@code metric_time} included when it has one)
 */
public record SemanticLayerMetric(
    String name, String type, String description, List<Dimension> dimensions) {

  public SemanticLayerMetric {
    dimensions = List.copyOf(dimensions);
  }

  /**
   * A dimension of a metric.
   *
   * @param qualifiedName the name a query groups by, e.g. {@code customer__region}
   * @param type {@code CATEGORICAL} or {@code TIME}
   */
  public record Dimension(String qualifiedName, String type) {

    /** Whether a time granularity applies to it. */
    public boolean isTime() {
      return "TIME".equals(type);
    }
  }

  /** Whether the metric offers {@code name} as a time dimension. */
  public boolean hasTimeDimension(String name) {
    return dimensions.stream().anyMatch(d -> d.qualifiedName().equals(name) && d.isTime());
  }
}
