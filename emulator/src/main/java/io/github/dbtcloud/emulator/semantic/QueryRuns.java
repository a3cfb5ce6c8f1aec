package io.github.dbtcloud.emulator.semantic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.semantic.QueryCompiler.Column;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queries made by {@code createQuery}, polled through {@code query}, as
 * https://docs.getdbt.com/docs/dbt-cloud-apis/sl-graphql describes. A query moves one status per
 * poll, so tests see every state without waiting on a clock: PENDING, RUNNING, then COMPILED (the
 * SQL is known) and SUCCESSFUL, or FAILED with the compilation or warehouse error.
 */
final class QueryRuns {

  private static final String FIXED_ARROW = resource("fixed-result.arrow.b64").strip();

  /** Key of the compiled query inside a result map, for {@link #json}; not a GraphQL field. */
  private static final String RESULT = "compiled";

  private final Map<String, Run> runs = new ConcurrentHashMap<>();
  private final Clock clock;

  QueryRuns(Clock clock) {
    this.clock = clock;
  }

  /** One created query and how far it has got. */
  private static final class Run {
    final String id;
    final long environmentId;
    final String dialect;
    final QueryRequest request;
    final QueryCompiler.Compiled compiled;
    final String compileError;
    final List<String> statuses;
    final Instant started;
    Instant ended;
    int polls;

    Run(
        String id,
        long environmentId,
        String dialect,
        QueryRequest request,
        QueryCompiler.Compiled compiled,
        String compileError,
        Instant started) {
      this.id = id;
      this.environmentId = environmentId;
      this.dialect = dialect;
      this.request = request;
      this.started = started;
      this.compiled = compiled;
      this.compileError = compileError;
      if (compileError != null) {
        statuses = List.of("PENDING", "RUNNING", "FAILED");
      } else if (compiled.warehouseError() != null) {
        statuses = List.of("PENDING", "RUNNING", "COMPILED", "FAILED");
      } else {
        statuses = List.of("PENDING", "RUNNING", "COMPILED", "SUCCESSFUL");
      }
    }
  }

  /**
   * Starts a query; a query that does not compile is accepted and fails when polled, as in
   * production.
   */
  String create(long environmentId, String dialect, QueryCompiler compiler, QueryRequest request) {
    QueryCompiler.Compiled compiled = null;
    String error = null;
    try {
      compiled = compiler.compile(request);
    } catch (SemanticLayerError e) {
      error = e.getMessage();
    }
    String id = UUID.randomUUID().toString().replace("-", "");
    runs.put(id, new Run(id, environmentId, dialect, request, compiled, error, clock.instant()));
    return id;
  }

  /**
   * {@code queryRecords}: the queries made in an environment, newest first, each with its status as
   * of its last poll ({@code QueryRecord}; the emulator records Semantic Layer queries only).
   */
  List<Map<String, Object>> records(long environmentId) {
    List<Run> mine = new ArrayList<>();
    runs.values().stream()
        .filter(r -> r.environmentId == environmentId)
        .sorted(
            java.util.Comparator.comparing((Run r) -> r.started)
                .thenComparing(r -> r.id)
                .reversed())
        .forEach(mine::add);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Run run : mine) {
      String status;
      Instant ended;
      synchronized (run) {
        status = run.statuses.get(Math.max(0, Math.min(run.polls, run.statuses.size()) - 1));
        ended = run.ended;
      }
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("queryId", run.id);
      record.put("status", status);
      record.put("startTime", run.started.toString());
      record.put("endTime", ended == null ? null : ended.toString());
      record.put("connectionDetails", null);
      record.put("sqlDialect", run.dialect);
      record.put("connectionSchema", null);
      record.put(
          "error",
          status.equals("FAILED")
              ? (run.compileError != null ? run.compileError : run.compiled.warehouseError())
              : null);
      record.put("queryDetails", details(run.request));
      out.add(record);
    }
    return out;
  }

  /** {@code SemanticLayerQueryDetails} of a query as it was asked. */
  private static Map<String, Object> details(QueryRequest request) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("type", request.savedQuery() != null ? "SAVED_QUERY" : "METRICS");
    List<Map<String, Object>> metrics = new ArrayList<>();
    request.metrics().forEach(m -> metrics.add(Map.of("name", m)));
    params.put("metrics", metrics);
    List<Map<String, Object>> groupBy = new ArrayList<>();
    request.groupBy().forEach(g -> groupBy.add(groupBy(g)));
    params.put("groupBy", groupBy);
    params.put("limit", request.limit());
    List<Map<String, Object>> where = new ArrayList<>();
    request.where().forEach(w -> where.add(Map.of("sql", w)));
    params.put("where", where);
    List<Map<String, Object>> orderBy = new ArrayList<>();
    for (QueryRequest.OrderBy o : request.orderBy()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("metric", o.metric() == null ? null : Map.of("name", o.metric()));
      item.put("groupBy", o.groupBy() == null ? null : groupBy(o.groupBy()));
      item.put("descending", o.descending());
      orderBy.add(item);
    }
    params.put("orderBy", orderBy);
    params.put("savedQuery", request.savedQuery());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(SemanticCatalog.TYPE, "SemanticLayerQueryDetails");
    details.put("params", params);
    return details;
  }

  private static Map<String, Object> groupBy(QueryRequest.GroupBy g) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", g.name());
    out.put("grain", g.grain() == null ? null : g.grain().toUpperCase(Locale.ROOT));
    out.put("timeGranularity", g.timeGranularity());
    out.put("datePart", g.datePart());
    return out;
  }

  /** The query's state at this poll, advancing it one step. */
  Map<String, Object> poll(long environmentId, String queryId, int pageNum) {
    Run run = runs.get(queryId);
    if (run == null || run.environmentId != environmentId) {
      throw new SemanticLayerError("Query with id " + queryId + " does not exist.");
    }
    String status;
    synchronized (run) {
      status = run.statuses.get(Math.min(run.polls, run.statuses.size() - 1));
      run.polls++;
      if ((status.equals("SUCCESSFUL") || status.equals("FAILED")) && run.ended == null) {
        run.ended = clock.instant();
      }
    }
    boolean compiled =
        !status.equals("PENDING") && !status.equals("RUNNING") && run.compiled != null;
    boolean successful = status.equals("SUCCESSFUL");
    if (successful && pageNum != 1) {
      throw new SemanticLayerError("Page " + pageNum + " does not exist; the query has 1 page(s).");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("queryId", queryId);
    out.put("status", status);
    out.put("sql", compiled ? run.compiled.sql() : null);
    out.put(
        "error",
        status.equals("FAILED")
            ? (run.compileError != null ? run.compileError : run.compiled.warehouseError())
            : null);
    out.put("totalPages", successful ? 1 : null);
    out.put("arrowResult", successful ? FIXED_ARROW : null);
    out.put(RESULT, successful ? run.compiled : null);
    return out;
  }

  /** A few made-up rows in the shape of the query's columns (at most {@code limit}). */
  private static List<Map<String, Object>> rows(QueryCompiler.Compiled compiled) {
    int count = compiled.limit() == null ? 3 : Math.min(compiled.limit(), 3);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (Column c : compiled.columns()) {
        if (c.kind() == Column.Kind.TIME) {
          row.put(
              c.name(), LocalDate.of(2024, 1, 1).plus(i, unit(c.granularity())) + "T00:00:00.000");
        } else if (c.kind() == Column.Kind.CATEGORICAL) {
          row.put(c.name(), c.name() + "_" + (i + 1));
        } else {
          row.put(c.name(), 100.0 * (i + 1) + c.name().length());
        }
      }
      rows.add(row);
    }
    return rows;
  }

  private static ChronoUnit unit(String granularity) {
    switch (granularity) {
      case "YEAR":
        return ChronoUnit.YEARS;
      case "QUARTER":
      case "MONTH":
        return ChronoUnit.MONTHS;
      case "WEEK":
        return ChronoUnit.WEEKS;
      default:
        return ChronoUnit.DAYS;
    }
  }

  /**
   * {@code jsonResult}: the rows as pandas' {@code DataFrame.to_json(orient=...)} writes them,
   * base64-encoded unless {@code encoded: false} (the docs' {@code jsonResult}).
   */
  static String json(Map<String, Object> result, String orient, boolean encoded) {
    QueryCompiler.Compiled compiled = (QueryCompiler.Compiled) result.get(RESULT);
    if (compiled == null) {
      return null;
    }
    List<Map<String, Object>> rows = rows(compiled);
    List<String> columns = compiled.columns().stream().map(Column::name).toList();
    Object doc;
    switch (orient.toUpperCase(Locale.ROOT)) {
      case "RECORDS":
        doc = rows;
        break;
      case "VALUES":
        doc = rows.stream().map(r -> new ArrayList<>(r.values())).toList();
        break;
      case "SPLIT":
        {
          Map<String, Object> split = new LinkedHashMap<>();
          split.put("columns", columns);
          split.put("index", indexes(rows.size()));
          split.put("data", rows.stream().map(r -> new ArrayList<>(r.values())).toList());
          doc = split;
          break;
        }
      case "INDEX":
        {
          Map<String, Object> byIndex = new LinkedHashMap<>();
          for (int i = 0; i < rows.size(); i++) {
            byIndex.put(Integer.toString(i), rows.get(i));
          }
          doc = byIndex;
          break;
        }
      case "COLUMNS":
        {
          Map<String, Object> byColumn = new LinkedHashMap<>();
          for (String c : columns) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
              values.put(Integer.toString(i), rows.get(i).get(c));
            }
            byColumn.put(c, values);
          }
          doc = byColumn;
          break;
        }
      default:
        doc = table(rows, compiled.columns());
    }
    try {
      String text = Json.MAPPER.writeValueAsString(doc);
      return encoded
          ? Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
          : text;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode table(List<Map<String, Object>> rows, List<Column> columns) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    ObjectNode schema = doc.putObject("schema");
    ArrayNode fields = schema.putArray("fields");
    fields.addObject().put("name", "index").put("type", "integer");
    for (Column c : columns) {
      String type =
          c.kind() == Column.Kind.METRIC
              ? "number"
              : c.kind() == Column.Kind.TIME ? "datetime" : "string";
      fields.addObject().put("name", c.name()).put("type", type);
    }
    schema.putArray("primaryKey").add("index");
    schema.put("pandas_version", "1.4.0");
    ArrayNode data = doc.putArray("data");
    for (int i = 0; i < rows.size(); i++) {
      ObjectNode row = data.addObject();
      row.put("index", i);
      rows.get(i).forEach((k, v) -> row.set(k, Json.MAPPER.valueToTree(v)));
    }
    return doc;
  }

  private static List<Integer> indexes(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  private static String resource(String name) {
    try (InputStream in = QueryRuns.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
