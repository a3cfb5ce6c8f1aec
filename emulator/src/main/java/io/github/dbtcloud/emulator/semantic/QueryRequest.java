package io.github.dbtcloud.emulator.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments {@code compileSql} and {@code createQuery} share, decoded from graphql-java's
 * argument maps.
 *
 * @param savedQuery a saved query name, or null
 * @param metrics metric names (aliases are accepted and ignored)
 * @param groupBy group-by items
 * @param where Jinja-templated SQL filters
 * @param orderBy order-by items
 * @param limit row limit, or null
 */
record QueryRequest(
    String savedQuery,
    List<String> metrics,
    List<GroupBy> groupBy,
    List<String> where,
    List<OrderBy> orderBy,
    Integer limit) {

  /**
   * One {@code GroupByInput}: {@code grain} is the docs' enum, {@code timeGranularity} the SDK's
   * string; both are accepted.
   */
  record GroupBy(String name, String grain, String timeGranularity, String datePart) {

    /** The granularity asked for, upper case, or null. */
    String granularity() {
      String g = grain != null ? grain : timeGranularity;
      return g == null ? null : g.toUpperCase(Locale.ROOT);
    }
  }

  /** One {@code OrderByInput}: exactly one of {@code metric} and {@code groupBy} is set. */
  record OrderBy(String metric, GroupBy groupBy, boolean descending) {}

  @SuppressWarnings("unchecked")
  static QueryRequest from(Map<String, Object> args) {
    List<String> metrics = new ArrayList<>();
    for (Map<String, Object> m : list(args.get("metrics"))) {
      metrics.add((String) m.get("name"));
    }
    List<GroupBy> groupBy = new ArrayList<>();
    for (Map<String, Object> g : list(args.get("groupBy"))) {
      groupBy.add(groupBy(g));
    }
    List<String> where = new ArrayList<>();
    for (Map<String, Object> w : list(args.get("where"))) {
      where.add((String) w.get("sql"));
    }
    List<OrderBy> orderBy = new ArrayList<>();
    for (Map<String, Object> o : list(args.get("orderBy"))) {
      Map<String, Object> metric = (Map<String, Object>) o.get("metric");
      Map<String, Object> group = (Map<String, Object>) o.get("groupBy");
      orderBy.add(
          new OrderBy(
              metric == null ? null : (String) metric.get("name"),
              group == null ? null : groupBy(group),
              Boolean.TRUE.equals(o.get("descending"))));
    }
    return new QueryRequest(
        (String) args.get("savedQuery"),
        metrics,
        groupBy,
        where,
        orderBy,
        (Integer) args.get("limit"));
  }

  private static GroupBy groupBy(Map<String, Object> g) {
    return new GroupBy(
        (String) g.get("name"),
        (String) g.get("grain"),
        (String) g.get("timeGranularity"),
        (String) g.get("datePart"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }
}
