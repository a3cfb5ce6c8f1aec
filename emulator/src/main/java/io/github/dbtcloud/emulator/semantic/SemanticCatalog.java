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
    return row;
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
    out.put("queryableGranularities", granularities);
    out.put("queryableTimeGranularities", lower(granularities));
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
