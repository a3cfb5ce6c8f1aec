package io.github.dbtcloud.emulator.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.semantic.SemanticCatalog.GroupByItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves a query against an environment's metrics the way MetricFlow does (unknown metrics and
 * group-by items are refused with its "Got error(s) during query resolution" report and
 * suggestions; a metric seeded as broken fails with its own text) and writes the SQL it would send.
 */
final class QueryCompiler {

  private static final Pattern JINJA_REFERENCE =
      Pattern.compile("\\{\\{\\s*(Dimension|TimeDimension|Entity)\\(\\s*'([^']+)'[^}]*\\}\\}");

  /** One output column of a compiled query. */
  record Column(String name, Kind kind, String granularity) {

    /** What a column holds. */
    enum Kind {
      TIME,
      CATEGORICAL,
      METRIC
    }
  }

  /**
   * A query that compiled.
   *
   * @param sql the SQL that would be sent to the warehouse
   * @param columns the result columns, group-by items first
   * @param warehouseError set when the warehouse would refuse the SQL (seeded {@code query_error})
   * @param limit the row limit, or null
   */
  record Compiled(String sql, List<Column> columns, String warehouseError, Integer limit) {}

  private final ObjectNode environment;

  QueryCompiler(ObjectNode environment) {
    this.environment = environment;
  }

  /**
   * A saved query's metrics, group-by items and filters, with the caller's own filters, ordering
   * and limit (a saved query fixes what it selects, not how it is read).
   */
  private static QueryRequest expand(ObjectNode saved, QueryRequest asked) {
    List<String> metrics = SemanticCatalog.strings(saved.get("metrics"));
    List<QueryRequest.GroupBy> groupBy = new ArrayList<>();
    for (JsonNode g : saved.get("group_by")) {
      groupBy.add(
          new QueryRequest.GroupBy(
              g.get("name").asText(),
              g.path("grain").asText(null),
              null,
              g.path("date_part").asText(null)));
    }
    List<String> where = new ArrayList<>(SemanticCatalog.strings(saved.get("where")));
    where.addAll(asked.where());
    return new QueryRequest(null, metrics, groupBy, where, asked.orderBy(), asked.limit());
  }

  /** Compiles {@code request}, or throws {@link SemanticLayerError} with the service's message. */
  Compiled compile(QueryRequest asked) {
    QueryRequest request = asked;
    if (asked.savedQuery() != null) {
      if (!asked.metrics().isEmpty() || !asked.groupBy().isEmpty()) {
        throw new SemanticLayerError("savedQuery cannot be combined with metrics or groupBy.");
      }
      ObjectNode saved =
          SemanticCatalog.savedQuery(environment, asked.savedQuery())
              .orElseThrow(
                  () ->
                      new SemanticLayerError(
                          "Saved query `"
                              + asked.savedQuery()
                              + "` does not exist in this environment."));
      request = expand(saved, asked);
    }
    if (request.metrics().isEmpty() && request.groupBy().isEmpty()) {
      throw new SemanticLayerError("Either metrics or groupBy must be provided.");
    }
    if (request.limit() != null && request.limit() < 0) {
      throw new SemanticLayerError(
          "limit must be a non-negative integer, got " + request.limit() + ".");
    }
    List<ObjectNode> metrics = resolveMetrics(request.metrics());
    String location = "[Resolve Query(" + pyList(request.metrics()) + ")]";
    for (ObjectNode m : metrics) {
      if (m.hasNonNull("error")) {
        throw new SemanticLayerError(m.get("error").asText());
      }
    }
    Map<String, GroupByItem> available = available(metrics);
    String subject =
        request.metrics().isEmpty()
            ? "a distinct values query without metrics"
            : "Query(" + pyList(request.metrics()) + ")";
    List<Column> columns = new ArrayList<>();
    List<String> selects = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<Issue> issues = new ArrayList<>();
    for (QueryRequest.GroupBy g : request.groupBy()) {
      GroupByItem item = available.get(g.name());
      String granularity = g.granularity();
      if (item != null
          && granularity != null
          && g.grain() != null
          && g.timeGranularity() != null
          && !g.grain().equalsIgnoreCase(g.timeGranularity())) {
        throw new SemanticLayerError(
            "GroupByInput for `"
                + g.name()
                + "` sets grain "
                + g.grain()
                + " and timeGranularity '"
                + g.timeGranularity()
                + "'; set only one.");
      }
      if (item == null
          || (granularity != null && !item.granularities().contains(granularity))
          || (granularity != null && !item.time())) {
        String input =
            granularity == null ? g.name() : g.name() + "__" + granularity.toLowerCase(Locale.ROOT);
        issues.add(
            new Issue(
                "The given input does not match any of the available group-by-items for\n"
                    + subject
                    + ". Common issues are:\n\n  * Incorrect names.\n  * No valid join paths exist from the measure to the"
                    + " group-by-item.",
                suggestions(input, itemNames(available)),
                input));
        continue;
      }
      if (item.time()) {
        String grain = granularity != null ? granularity : item.granularities().get(0);
        String alias =
            g.datePart() != null
                ? g.name() + "__extract_" + g.datePart().toLowerCase(Locale.ROOT)
                : g.name() + "__" + grain.toLowerCase(Locale.ROOT);
        String expr =
            g.datePart() != null
                ? "EXTRACT(" + g.datePart() + " FROM " + item.expr() + ")"
                : truncate(grain, item.expr());
        selects.add(expr + " AS " + alias);
        groups.add(expr);
        columns.add(new Column(alias, Column.Kind.TIME, grain));
      } else {
        selects.add(item.expr() + " AS " + g.name());
        groups.add(item.expr());
        columns.add(new Column(g.name(), Column.Kind.CATEGORICAL, null));
      }
    }
    List<String> filters = new ArrayList<>();
    for (String sql : request.where()) {
      if (sql == null || sql.isBlank()) {
        throw new SemanticLayerError("WhereInput.sql must not be empty.");
      }
      filters.add(renderWhere(sql, available, subject, issues));
    }
    if (!issues.isEmpty()) {
      throw new SemanticLayerError(report(issues, location));
    }
    for (ObjectNode m : metrics) {
      JsonNode measure = m.get("measure");
      selects.add(
          aggregate(measure.get("agg").asText(), measure.get("expr").asText())
              + " AS "
              + m.get("name").asText());
      columns.add(new Column(m.get("name").asText(), Column.Kind.METRIC, null));
    }
    List<String> orders = orderBy(request, columns);
    String model =
        metrics.isEmpty() ? "analytics.dim_values" : metrics.get(0).get("model").asText();
    StringBuilder sql =
        new StringBuilder("SELECT\n  ")
            .append(String.join("\n  , ", selects))
            .append("\nFROM ")
            .append(model)
            .append(" ")
            .append(alias(model))
            .append("_src_10000");
    if (!filters.isEmpty()) {
      sql.append("\nWHERE ").append(String.join("\n  AND ", filters));
    }
    if (!groups.isEmpty() && !metrics.isEmpty()) {
      sql.append("\nGROUP BY\n  ").append(String.join("\n  , ", groups));
    }
    if (!orders.isEmpty()) {
      sql.append("\nORDER BY ").append(String.join(", ", orders));
    }
    if (request.limit() != null) {
      sql.append("\nLIMIT ").append(request.limit());
    }
    String warehouseError =
        metrics.stream()
            .filter(m -> m.hasNonNull("query_error"))
            .map(m -> m.get("query_error").asText())
            .findFirst()
            .orElse(null);
    return new Compiled(sql.toString(), columns, warehouseError, request.limit());
  }

  private List<ObjectNode> resolveMetrics(List<String> names) {
    List<ObjectNode> found = new ArrayList<>();
    List<Issue> issues = new ArrayList<>();
    List<String> known =
        SemanticCatalog.metrics(environment).stream().map(m -> m.get("name").asText()).toList();
    for (String name : names) {
      SemanticCatalog.metric(environment, name)
          .ifPresentOrElse(
              found::add,
              () ->
                  issues.add(
                      new Issue(
                          "The given input does not exactly match any known metrics.",
                          suggestions(name, known),
                          name)));
    }
    if (!issues.isEmpty()) {
      throw new SemanticLayerError(report(issues, "[Resolve Query(" + pyList(names) + ")]"));
    }
    return found;
  }

  /** Items every metric of the query offers (or, without metrics, any metric offers). */
  private Map<String, GroupByItem> available(List<ObjectNode> metrics) {
    Map<String, GroupByItem> out = new LinkedHashMap<>();
    if (metrics.isEmpty()) {
      SemanticCatalog.metrics(environment)
          .forEach(m -> SemanticCatalog.groupByItems(m).forEach(out::putIfAbsent));
      return out;
    }
    out.putAll(SemanticCatalog.groupByItems(metrics.get(0)));
    for (ObjectNode m : metrics.subList(1, metrics.size())) {
      out.keySet().retainAll(SemanticCatalog.groupByItems(m).keySet());
    }
    return out;
  }

  private static List<String> itemNames(Map<String, GroupByItem> available) {
    List<String> names = new ArrayList<>();
    for (GroupByItem item : available.values()) {
      if (item.time()) {
        item.granularities()
            .forEach(g -> names.add(item.name() + "__" + g.toLowerCase(Locale.ROOT)));
      } else {
        names.add(item.name());
      }
    }
    return names;
  }

  private static String renderWhere(
      String sql, Map<String, GroupByItem> available, String subject, List<Issue> issues) {
    Matcher m = JINJA_REFERENCE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      GroupByItem item = available.get(m.group(2));
      if (item == null) {
        String input = m.group(1) + "('" + m.group(2) + "')";
        issues.add(
            new Issue(
                "The given input does not match any of the available group-by-items for\n"
                    + subject
                    + ".",
                suggestions(m.group(2), itemNames(available)),
                input));
        m.appendReplacement(out, "");
      } else {
        m.appendReplacement(out, Matcher.quoteReplacement(item.expr()));
      }
    }
    m.appendTail(out);
    return out.toString();
  }

  private static List<String> orderBy(QueryRequest request, List<Column> columns) {
    List<String> out = new ArrayList<>();
    for (QueryRequest.OrderBy o : request.orderBy()) {
      if ((o.metric() == null) == (o.groupBy() == null)) {
        throw new SemanticLayerError("OrderByInput must set exactly one of metric or groupBy.");
      }
      String column;
      if (o.metric() != null) {
        if (!request.metrics().contains(o.metric())) {
          throw new SemanticLayerError(
              "Invalid order by item: metric `"
                  + o.metric()
                  + "` is not one of the query's metrics "
                  + pyList(request.metrics())
                  + ".");
        }
        column = o.metric();
      } else {
        column =
            columns.stream()
                .filter(c -> c.kind() != Column.Kind.METRIC)
                .filter(
                    c ->
                        c.name().equals(o.groupBy().name())
                            || (c.kind() == Column.Kind.TIME
                                && c.name().startsWith(o.groupBy().name() + "__")
                                && (o.groupBy().granularity() == null
                                    || o.groupBy().granularity().equals(c.granularity()))))
                .map(Column::name)
                .findFirst()
                .orElseThrow(
                    () ->
                        new SemanticLayerError(
                            "Invalid order by item: group by `"
                                + o.groupBy().name()
                                + "` is not one of the query's group-by items."));
      }
      out.add(column + (o.descending() ? " DESC" : ""));
    }
    return out;
  }

  private String truncate(String grain, String expr) {
    String g = grain.toLowerCase(Locale.ROOT);
    return environment.get("dialect").asText().equals("BIGQUERY")
        ? "DATETIME_TRUNC(" + expr + ", " + grain + ")"
        : "DATE_TRUNC('" + g + "', " + expr + ")";
  }

  private static String aggregate(String agg, String expr) {
    switch (agg) {
      case "COUNT_DISTINCT":
        return "COUNT(DISTINCT " + expr + ")";
      case "SUM_BOOLEAN":
        return "SUM(CASE WHEN " + expr + " THEN 1 ELSE 0 END)";
      case "AVERAGE":
        return "AVG(" + expr + ")";
      case "MEDIAN":
        return "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " + expr + ")";
      case "PERCENTILE":
        return "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY " + expr + ")";
      default:
        return agg + "(" + expr + ")";
    }
  }

  private static String alias(String model) {
    return model.substring(model.lastIndexOf('.') + 1);
  }

  /** One problem in MetricFlow's resolution report. */
  private record Issue(String message, List<String> suggestions, String input) {}

  /**
   * The layout of MetricFlow's query-resolution error (what the service passes through as the
   * message).
   */
  private static String report(List<Issue> issues, String location) {
    StringBuilder out = new StringBuilder("Got error(s) during query resolution.\n");
    for (int i = 0; i < issues.size(); i++) {
      Issue issue = issues.get(i);
      out.append("\nError #").append(i + 1).append(":\n  Message:\n\n");
      issue.message().lines().forEach(l -> out.append(l.isEmpty() ? "" : "    " + l).append('\n'));
      if (!issue.suggestions().isEmpty()) {
        out.append("\n    Suggestions:\n      [\n");
        issue.suggestions().forEach(s -> out.append("        '").append(s).append("',\n"));
        out.append("      ]\n");
      }
      out.append("\n  Query Input:\n\n    ")
          .append(issue.input())
          .append("\n\n  Issue Location:\n\n    ")
          .append(location)
          .append('\n');
    }
    return out.toString();
  }

  /** Up to six candidates, closest first (MetricFlow also ranks by similarity). */
  private static List<String> suggestions(String input, List<String> candidates) {
    return candidates.stream()
        .sorted(
            Comparator.comparingInt(
                    (String c) ->
                        distance(input.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT)))
                .thenComparing(c -> c))
        .limit(6)
        .toList();
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String pyList(List<String> names) {
    return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ", "[", "]"));
  }
}
