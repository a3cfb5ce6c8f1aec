package io.github.dbtcloud.core.api;

import java.util.List;

/**
 * What {@code compileSql} and {@code createQuery} are asked for: metrics, group-by items and an
 * optional row limit.
 *
 * @param metrics metric names
 * @param groupBy group-by items
 * @param limit the row limit, or null for none
 */
public record SemanticLayerQuery(List<String> metrics, List<GroupBy> groupBy, Integer limit) {

  public SemanticLayerQuery {
    metrics = List.copyOf(metrics);
    groupBy = List.copyOf(groupBy);
  }

  /**
   * One group-by item.
   *
   * @param name e.g. {@code metric_time} or {@code customer__region}
   * @param grain the time granularity (e.g. {@code day}, or a custom one), or null
   */
  public record GroupBy(String name, String grain) {}

  /** The same query with a row limit. */
  public SemanticLayerQuery withLimit(Integer rows) {
    return new SemanticLayerQuery(metrics, groupBy, rows);
  }
}
