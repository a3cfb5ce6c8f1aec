package io.github.dbtcloud.emulator.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the seed's {@code semantic_layer:} section into the state: for each environment, the SQL
 * dialect and the metrics its Semantic Layer serves, each with its dimensions, entities and, for a
 * metric seeded as broken, the error text its compilation fails with.
 *
 * <pre>
 * semantic_layer:
 *   environments:
 *     - environment_id: 70403103900011
 *       dialect: snowflake
 *       metrics:
 *         - name: revenue
 *           type: simple
 *           description: Sum of order totals
 *           time_granularities: [day, week, month, quarter, year]   # metric_time; [] for none
 *           dimensions:
 *             - { name: customer__region, type: categorical }
 *           entities: [{ name: customer, type: foreign }]
 *           filter: "{{ Dimension('order__status') }} = 'completed'"   # Metric.filter
 *         - name: margin
 *           error: "..."          # compileSql and createQuery fail with this text
 *       saved_queries:
 *         - name: revenue_by_region
 *           description: Revenue per region
 *           metrics: [revenue]
 *           group_by: [customer__region, {name: metric_time, grain: month}]
 *           where: ["{{ Dimension('customer__region') }} = 'EMEA'"]
 *           exports: [{name: revenue_export, schema: analytics, export_as: table}]
 * </pre>
 */
public final class SemanticLayerSeed {

  /** The granularities {@code metric_time} offers when the seed does not say. */
  static final List<String> DEFAULT_GRANULARITIES =
      List.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR");

  /**
   * What a broken metric without its own text fails with: the shape of a MetricFlow resolution
   * error.
   */
  static final String DEFAULT_BROKEN_ERROR =
      "Got error(s) during query resolution.\n\nError #1:\n  Message:\n\n"
          + "    The measure referenced by this metric could not be resolved in the semantic manifest.\n";

  private static final Set<String> METRIC_TYPES =
      Set.of("SIMPLE", "RATIO", "CUMULATIVE", "DERIVED", "CONVERSION");
  private static final Set<String> ENTITY_TYPES = Set.of("FOREIGN", "NATURAL", "PRIMARY", "UNIQUE");
  private static final Set<String> AGGREGATIONS =
      Set.of(
          "SUM",
          "MIN",
          "MAX",
          "COUNT_DISTINCT",
          "SUM_BOOLEAN",
          "AVERAGE",
          "PERCENTILE",
          "MEDIAN",
          "COUNT");
  private static final Set<String> GRANULARITIES =
      Set.of(
          "NANOSECOND",
          "MICROSECOND",
          "MILLISECOND",
          "SECOND",
          "MINUTE",
          "HOUR",
          "DAY",
          "WEEK",
          "MONTH",
          "QUARTER",
          "YEAR");
  private static final Set<String> DIALECTS =
      Set.of(
          "SNOWFLAKE",
          "BIGQUERY",
          "POSTGRES",
          "REDSHIFT",
          "DATABRICKS",
          "APACHE_SPARK",
          "DATABRICKS_SPARK",
          "TRINO",
          "ATHENA",
          "FABRIC",
          "SYNAPSE",
          "TERADATA");

  private SemanticLayerSeed() {}

  /**
   * Adds the {@code semantic_layer:} section of a seed; environments must already be in the state.
   */
  public static void load(JsonNode section, EmulatorState state) {
    for (JsonNode env : section.path("environments")) {
      long environmentId = env.path("environment_id").asLong(0);
      if (environmentId == 0
          || state.table(EmulatorState.ENVIRONMENTS).get(environmentId).isEmpty()) {
        throw new IllegalArgumentException(
            "seed semantic_layer environment "
                + env.path("environment_id")
                + " is not an environment of the seed; add it under environments: first");
      }
      ObjectNode row =
          SemanticCatalog.emptyRow(environmentId, dialect(env.path("dialect").asText("snowflake")));
      for (JsonNode metric : env.path("metrics")) {
        SemanticCatalog.put(row, metric(metric));
      }
      ArrayNode saved = (ArrayNode) row.get("saved_queries");
      for (JsonNode query : env.path("saved_queries")) {
        saved.add(savedQuery(query, row));
      }
      state.table(EmulatorState.SEMANTIC_LAYER).put(row);
    }
  }

  /** Checks and normalises one metric definition (seed or Java API) into its stored form. */
  static ObjectNode metric(JsonNode in) {
    String name = required(in, "name", "metric");
    String where = "metric '" + name + "'";
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("name", name);
    m.put("type", oneOf(in.path("type").asText("simple"), METRIC_TYPES, where + " type"));
    m.set("description", text(in, "description"));
    m.set("label", text(in, "label"));
    m.put("model", in.path("model").asText("analytics.fct_" + name));
    m.put("requires_metric_time", in.path("requires_metric_time").asBoolean(false));
    m.set(
        "time_granularities",
        granularities(in.path("time_granularities"), DEFAULT_GRANULARITIES, where));
    JsonNode measureIn = in.path("measure");
    ObjectNode measure = m.putObject("measure");
    measure.put("name", measureIn.path("name").asText(name));
    measure.put(
        "agg", oneOf(measureIn.path("agg").asText("sum"), AGGREGATIONS, where + " measure agg"));
    measure.put("expr", measureIn.path("expr").asText(name));
    measure.set("agg_time_dimension", text(measureIn, "agg_time_dimension"));
    ArrayNode dimensions = m.putArray("dimensions");
    for (JsonNode d : in.path("dimensions")) {
      dimensions.add(dimension(d, where));
    }
    ArrayNode entities = m.putArray("entities");
    for (JsonNode e : in.path("entities")) {
      ObjectNode entity = entities.addObject();
      entity.put("name", required(e, "name", where + " entity"));
      entity.put(
          "type", oneOf(e.path("type").asText("foreign"), ENTITY_TYPES, where + " entity type"));
      entity.set("description", text(e, "description"));
      entity.set("role", text(e, "role"));
      entity.put("expr", e.path("expr").asText(entity.get("name").asText() + "_id"));
    }
    String error = in.path("error").isTextual() ? in.get("error").asText() : null;
    if (error == null && in.path("broken").asBoolean(false)) {
      error = DEFAULT_BROKEN_ERROR;
    }
    m.put("error", error);
    m.set("query_error", text(in, "query_error"));
    m.set("filter", text(in, "filter"));
    return m;
  }

  /** Checks and normalises one saved query; its metrics must be metrics of the environment. */
  static ObjectNode savedQuery(JsonNode in, ObjectNode row) {
    String name = required(in, "name", "saved query");
    String where = "saved query '" + name + "'";
    ObjectNode q = Json.MAPPER.createObjectNode();
    q.put("name", name);
    q.set("description", text(in, "description"));
    q.set("label", text(in, "label"));
    ArrayNode metrics = q.putArray("metrics");
    for (JsonNode m : in.path("metrics")) {
      String metric = m.isObject() ? m.path("name").asText() : m.asText();
      if (SemanticCatalog.metric(row, metric).isEmpty()) {
        throw new IllegalArgumentException(
            "seed "
                + where
                + ": metric '"
                + metric
                + "' is not a metric of environment "
                + row.get("id").asLong()
                + "; add it under metrics: first");
      }
      metrics.add(metric);
    }
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("seed " + where + " needs at least one metric");
    }
    ArrayNode groupBy = q.putArray("group_by");
    for (JsonNode g : in.path("group_by")) {
      ObjectNode item = groupBy.addObject();
      item.put("name", g.isObject() ? required(g, "name", where + " group_by") : g.asText());
      if (g.hasNonNull("grain")) {
        item.put("grain", oneOf(g.get("grain").asText(), GRANULARITIES, where + " grain"));
      }
      if (g.hasNonNull("date_part")) {
        item.put("date_part", g.get("date_part").asText().toUpperCase(Locale.ROOT));
      }
    }
    ArrayNode filters = q.putArray("where");
    JsonNode whereIn = in.path("where");
    if (whereIn.isTextual()) {
      filters.add(whereIn.asText());
    } else {
      whereIn.forEach(w -> filters.add(w.asText()));
    }
    ArrayNode exports = q.putArray("exports");
    for (JsonNode e : in.path("exports")) {
      ObjectNode export = exports.addObject();
      export.put("name", required(e, "name", where + " export"));
      export.set("alias", text(e, "alias"));
      export.set("schema", text(e, "schema"));
      export.put(
          "export_as",
          oneOf(
              e.path("export_as").asText("table"), Set.of("TABLE", "VIEW"), where + " export_as"));
    }
    return q;
  }

  private static ObjectNode dimension(JsonNode d, String where) {
    String name = required(d, "name", where + " dimension");
    if (name.equals(SemanticCatalog.METRIC_TIME)) {
      throw new IllegalArgumentException(
          where + ": metric_time is implicit; set time_granularities on the metric");
    }
    String type =
        oneOf(
            d.path("type").asText("categorical"),
            Set.of("CATEGORICAL", "TIME"),
            where + " dimension type");
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("name", name);
    out.put("type", type);
    out.set("description", text(d, "description"));
    out.set("label", text(d, "label"));
    out.put("expr", d.path("expr").asText(SemanticCatalog.shortName(name)));
    out.put("is_partition", d.path("is_partition").asBoolean(false));
    out.set(
        "time_granularities",
        type.equals("TIME")
            ? granularities(
                d.path("time_granularities"), DEFAULT_GRANULARITIES, where + " dimension " + name)
            : Json.MAPPER.createArrayNode());
    return out;
  }

  private static ArrayNode granularities(JsonNode in, List<String> fallback, String where) {
    Set<String> values = new LinkedHashSet<>();
    if (in.isMissingNode() || in.isNull()) {
      values.addAll(fallback);
    } else {
      for (JsonNode g : in) {
        values.add(oneOf(g.asText(), GRANULARITIES, where + " time granularity"));
      }
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    values.forEach(out::add);
    return out;
  }

  static String dialect(String raw) {
    return oneOf(raw, DIALECTS, "semantic_layer dialect");
  }

  private static String oneOf(String raw, Set<String> allowed, String what) {
    String value = raw.toUpperCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(
          "seed " + what + " '" + raw + "' is not one of " + new java.util.TreeSet<>(allowed));
    }
    return value;
  }

  private static String required(JsonNode in, String field, String what) {
    JsonNode v = in.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException("seed " + what + " needs a '" + field + "': " + in);
    }
    return v.asText();
  }

  private static JsonNode text(JsonNode in, String field) {
    JsonNode v = in.path(field);
    return v.isTextual() ? v : Json.MAPPER.nullNode();
  }
}
