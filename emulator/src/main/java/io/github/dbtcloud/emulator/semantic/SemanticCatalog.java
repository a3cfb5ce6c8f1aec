package io.github.dbtcloud.emulator.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One environment's Semantic Layer as stored in the state ({@code semantic_layer} table, one row
 * per environment id), and its answers in the GraphQL shape (camelCase maps that graphql-java
 * reads).
 */
final class SemanticCatalog {

  /** The time dimension every metric with an aggregation time dimension can be grouped by. */
  static final String METRIC_TIME = "metric_time";

  private SemanticCatalog() {}

  /** A group-by item a metric offers: {@code metric_time}, a dimension, or an entity. */
  record GroupByItem(String name, boolean time, List<String> granularities, String expr) {}

  static ObjectNode emptyRow(long environmentId, String dialect) {
    ObjectNode row = Json.MAPPER.createObjectNode();
    row.put("id", environmentId);
    row.put("dialect", dialect);
    row.putArray("metrics");
    row.putArray("saved_queries");
    return row;
  }

  static List<ObjectNode> savedQueries(ObjectNode row) {
    List<ObjectNode> out = new ArrayList<>();
    row.path("saved_queries").forEach(q -> out.add((ObjectNode) q));
    return out;
  }

  static Optional<ObjectNode> savedQuery(ObjectNode row, String name) {
    return savedQueries(row).stream().filter(q -> q.get("name").asText().equals(name)).findFirst();
  }

  /** Adds or replaces (by name, keeping its place) a metric in an environment's row. */
  static void put(ObjectNode row, ObjectNode metric) {
    ArrayNode metrics = (ArrayNode) row.get("metrics");
    for (int i = 0; i < metrics.size(); i++) {
      if (metrics.get(i).get("name").asText().equals(metric.get("name").asText())) {
        metrics.set(i, metric);
        return;
      }
    }
    metrics.add(metric);
  }

  static List<ObjectNode> metrics(ObjectNode row) {
    List<ObjectNode> out = new ArrayList<>();
    row.get("metrics").forEach(m -> out.add((ObjectNode) m));
    return out;
  }

  static Optional<ObjectNode> metric(ObjectNode row, String name) {
    return metrics(row).stream().filter(m -> m.get("name").asText().equals(name)).findFirst();
  }

  /** {@code customer__region} -> {@code region}. */
  static String shortName(String qualified) {
    int i = qualified.lastIndexOf("__");
    return i < 0 ? qualified : qualified.substring(i + 2);
  }

  /** Everything a metric can be grouped by, keyed by the name a query uses. */
  static Map<String, GroupByItem> groupByItems(ObjectNode metric) {
    Map<String, GroupByItem> items = new LinkedHashMap<>();
    List<String> metricTime = strings(metric.get("time_granularities"));
    if (!metricTime.isEmpty()) {
      String expr = metric.at("/measure/agg_time_dimension").asText(METRIC_TIME);
      items.put(
          METRIC_TIME,
          new GroupByItem(METRIC_TIME, true, metricTime, expr.isEmpty() ? METRIC_TIME : expr));
    }
    for (JsonNode d : metric.get("dimensions")) {
      boolean time = d.get("type").asText().equals("TIME");
      items.put(
          d.get("name").asText(),
          new GroupByItem(
              d.get("name").asText(),
              time,
              strings(d.get("time_granularities")),
              d.get("expr").asText()));
    }
    for (JsonNode e : metric.get("entities")) {
      items.put(
          e.get("name").asText(),
          new GroupByItem(e.get("name").asText(), false, List.of(), e.get("expr").asText()));
    }
    return items;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  // ---- GraphQL answers ----------------------------------------------------------------------

  static Map<String, Object> metricOut(ObjectNode m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", m.get("name").asText());
    out.put("description", textOrNull(m, "description"));
    out.put("type", m.get("type").asText());
    out.put("label", textOrNull(m, "label"));
    out.put("requiresMetricTime", m.get("requires_metric_time").asBoolean());
    List<String> granularities = strings(m.get("time_granularities"));
    out.put("queryableGranularities", granularities);
    out.put("queryableTimeGranularities", lower(granularities));
    Map<String, Object> measure = measureOut(m.get("measure"));
    Map<String, Object> typeParams = new LinkedHashMap<>();
    typeParams.put("measure", Map.of("name", measure.get("name")));
    typeParams.put("inputMeasures", List.of(Map.of("name", measure.get("name"))));
    typeParams.put("expr", null);
    out.put("typeParams", typeParams);
    out.put("filter", whereFilter(textOrNull(m, "filter")));
    out.put("dimensions", dimensionsOut(m));
    out.put("measures", List.of(measure));
    List<Map<String, Object>> entities = new ArrayList<>();
    m.get("entities").forEach(e -> entities.add(entityOut(e)));
    out.put("entities", entities);
    return out;
  }

  /** The metric's dimensions as the API lists them: {@code metric_time} first when it has one. */
  static List<Map<String, Object>> dimensionsOut(ObjectNode m) {
    List<Map<String, Object>> out = new ArrayList<>();
    List<String> metricTime = strings(m.get("time_granularities"));
    if (!metricTime.isEmpty()) {
      out.add(
          dimension(
              METRIC_TIME,
              "TIME",
              "The time dimension of the metric, aligned across its measures.",
              null,
              false,
              null,
              metricTime));
    }
    for (JsonNode d : m.get("dimensions")) {
      out.add(
          dimension(
              d.get("name").asText(),
              d.get("type").asText(),
              textOrNull(d, "description"),
              textOrNull(d, "label"),
              d.get("is_partition").asBoolean(),
              textOrNull(d, "expr"),
              strings(d.get("time_granularities"))));
    }
    return out;
  }

  private static Map<String, Object> dimension(
      String qualified,
      String type,
      String description,
      String label,
      boolean partition,
      String expr,
      List<String> granularities) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", shortName(qualified));
    out.put("qualifiedName", qualified);
    out.put("description", description);
    out.put("type", type);
    out.put("label", label);
    out.put("isPartition", partition);
    out.put("expr", expr);
    out.put(
        "typeParams",
        type.equals("TIME") && !granularities.isEmpty()
            ? Map.of("timeGranularity", granularities.get(0))
            : null);
    out.put("queryableGranularities", granularities);
    out.put("queryableTimeGranularities", lower(granularities));
    out.put(TYPE, "Dimension");
    return out;
  }

  /** Key of a map's GraphQL type, for the unions' type resolver; not a GraphQL field. */
  static final String TYPE = "_type";

  /** A {@code WhereFilter} for a Jinja-templated filter, or null. */
  static Map<String, Object> whereFilter(String template) {
    return template == null ? null : Map.of("whereSqlTemplate", template);
  }

  /** A saved query as the API answers it ({@code SavedQuery}). */
  static Map<String, Object> savedQueryOut(JsonNode q) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", q.get("name").asText());
    out.put("description", textOrNull(q, "description"));
    out.put("label", textOrNull(q, "label"));
    Map<String, Object> params = new LinkedHashMap<>();
    List<Map<String, Object>> metrics = new ArrayList<>();
    q.get("metrics").forEach(m -> metrics.add(Map.of("name", m.asText())));
    params.put("metrics", metrics);
    List<Map<String, Object>> groupBy = new ArrayList<>();
    for (JsonNode g : q.get("group_by")) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("name", g.get("name").asText());
      String grain = textOrNull(g, "grain");
      item.put("grain", grain);
      item.put("timeGranularity", grain == null ? null : grain.toLowerCase(Locale.ROOT));
      item.put("datePart", textOrNull(g, "date_part"));
      groupBy.add(item);
    }
    params.put("groupBy", groupBy);
    List<String> where = strings(q.get("where"));
    params.put("where", where.isEmpty() ? null : whereFilter(String.join(" AND ", where)));
    out.put("queryParams", params);
    List<Map<String, Object>> exports = new ArrayList<>();
    for (JsonNode e : q.get("exports")) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("alias", textOrNull(e, "alias"));
      config.put("schema", textOrNull(e, "schema"));
      config.put("exportAs", e.get("export_as").asText());
      exports.add(Map.of("name", e.get("name").asText(), "config", config));
    }
    out.put("exports", exports);
    return out;
  }

  static Map<String, Object> measureOut(JsonNode measure) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", measure.get("name").asText());
    out.put("aggTimeDimension", textOrNull(measure, "agg_time_dimension"));
    out.put("agg", measure.get("agg").asText());
    out.put("expr", textOrNull(measure, "expr"));
    return out;
  }

  static Map<String, Object> entityOut(JsonNode e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", e.get("name").asText());
    out.put("description", textOrNull(e, "description"));
    out.put("type", e.get("type").asText());
    out.put("role", textOrNull(e, "role"));
    out.put("expr", textOrNull(e, "expr"));
    out.put(TYPE, "Entity");
    return out;
  }

  private static List<String> lower(List<String> granularities) {
    return granularities.stream().map(g -> g.toLowerCase(Locale.ROOT)).toList();
  }

  private static String textOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
