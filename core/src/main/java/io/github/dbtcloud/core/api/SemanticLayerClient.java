package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.core.Console;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The one door to the Semantic Layer GraphQL API (docs/wire-format.md#semantic-layer): {@code POST}
 * of {@code {query, variables, operationName}} with {@code Authorization: Bearer}, the environment
 * as the {@code environmentId} argument, and the {@code errors[]} envelope (sent with HTTP 200)
 * turned into a {@link SemanticLayerException} carrying the server's messages. It runs on the same
 * {@link HttpStack} as the Admin API: the settings' retry policy, rate limit, timeouts and redacted
 * debug log. Every operation it sends may be repeated (a second {@code createQuery} only makes an
 * unused query), so each POST is marked retryable.
 */
public final class SemanticLayerClient implements AutoCloseable {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private static final String METRICS =
      """
      query getMetrics($environmentId: BigInt!) {
        metrics(environmentId: $environmentId) {
          name
          description
          type
          dimensions { qualifiedName type }
        }
      }""";

  private static final String QUERY_ARGUMENTS =
      "($environmentId: BigInt!, $metrics: [MetricInput!],"
          + " $groupBy: [GroupByInput!], $limit: Int) {\n  %s(environmentId: $environmentId, metrics: $metrics,"
          + " groupBy: $groupBy, limit: $limit) { %s }\n}";

  private static final String COMPILE_SQL =
      "mutation compileSql" + QUERY_ARGUMENTS.formatted("compileSql", "sql");

  private static final String CREATE_QUERY =
      "mutation createQuery" + QUERY_ARGUMENTS.formatted("createQuery", "queryId");

  private static final String QUERY =
      """
      query getQueryResults($environmentId: BigInt!, $queryId: String!, $pageNum: Int!) {
        query(environmentId: $environmentId, queryId: $queryId, pageNum: $pageNum) {
          queryId
          status
          sql
          error
          totalPages
        }
      }""";

  private final URI url;
  private final OkHttpClient http;
  private final Redactor redactor;
  private final AtomicInteger requests = new AtomicInteger();

  private SemanticLayerClient(URI url, ClientSettings settings, Console console) {
    this.url = url;
    this.redactor = new Redactor(settings.token());
    this.http =
        HttpStack.build(settings, console, "Bearer", HttpStack.limiter(settings), requests, url);
  }

  /**
   * A client for the Semantic Layer at {@code url}, with the token, timeouts and retries of {@code
   * settings}.
   */
  public static SemanticLayerClient create(URI url, ClientSettings settings) {
    return new SemanticLayerClient(url, settings, Console.silent());
  }

  /** The same, with HTTP traces (token redacted) at the console's debug level. */
  public static SemanticLayerClient create(URI url, ClientSettings settings, Console console) {
    return new SemanticLayerClient(url, settings, console);
  }

  /** The GraphQL endpoint. */
  public URI url() {
    return url;
  }

  /** Requests sent so far, retries included. */
  public int requestCount() {
    return requests.get();
  }

  /** Every metric the environment's Semantic Layer serves. */
  public List<SemanticLayerMetric> metrics(long environmentId) {
    JsonNode data = execute("getMetrics", METRICS, variables(environmentId));
    List<SemanticLayerMetric> out = new ArrayList<>();
    for (JsonNode m : data.path("metrics")) {
      List<SemanticLayerMetric.Dimension> dimensions = new ArrayList<>();
      for (JsonNode d : m.path("dimensions")) {
        dimensions.add(
            new SemanticLayerMetric.Dimension(
                d.path("qualifiedName").asText(), d.path("type").asText()));
      }
      out.add(
          new SemanticLayerMetric(
              m.path("name").asText(),
              m.path("type").asText(),
              m.path("description").isTextual() ? m.get("description").asText() : null,
              dimensions));
    }
    return out;
  }

  /** The SQL the query would send to the warehouse; the check for "the metric compiles". */
  public String compileSql(long environmentId, SemanticLayerQuery query) {
    return execute("compileSql", COMPILE_SQL, queryVariables(environmentId, query))
        .path("compileSql")
        .path("sql")
        .asText();
  }

  /** Starts a query on the warehouse; poll it with {@link #query}. */
  public String createQuery(long environmentId, SemanticLayerQuery query) {
    return execute("createQuery", CREATE_QUERY, queryVariables(environmentId, query))
        .path("createQuery")
        .path("queryId")
        .asText();
  }

  /** One poll of a created query (first page). */
  public SemanticLayerQueryResult query(long environmentId, String queryId) {
    ObjectNode variables = variables(environmentId);
    variables.put("queryId", queryId);
    variables.put("pageNum", 1);
    JsonNode q = execute("getQueryResults", QUERY, variables).path("query");
    return new SemanticLayerQueryResult(
        q.path("queryId").asText(queryId),
        q.path("status").asText(),
        text(q, "sql"),
        text(q, "error"),
        q.path("totalPages").isIntegralNumber() ? q.get("totalPages").asInt() : null);
  }

  private static ObjectNode variables(long environmentId) {
    ObjectNode variables = Databind.MAPPER.createObjectNode();
    variables.put("environmentId", environmentId);
    return variables;
  }

  private static ObjectNode queryVariables(long environmentId, SemanticLayerQuery query) {
    ObjectNode variables = variables(environmentId);
    ArrayNode metrics = variables.putArray("metrics");
    query.metrics().forEach(name -> metrics.addObject().put("name", name));
    ArrayNode groupBy = variables.putArray("groupBy");
    for (SemanticLayerQuery.GroupBy g : query.groupBy()) {
      ObjectNode item = groupBy.addObject().put("name", g.name());
      if (g.grain() != null) {
        // the SDK's field, checked against the live schema; the docs' older `grain` is an enum (F8)
        item.put("timeGranularity", g.grain());
      }
    }
    if (query.limit() == null) {
      variables.putNull("limit");
    } else {
      variables.put("limit", query.limit());
    }
    return variables;
  }

  private JsonNode execute(String operation, String document, ObjectNode variables) {
    long environmentId = variables.path("environmentId").asLong();
    ObjectNode body = Databind.MAPPER.createObjectNode();
    body.put("query", document);
    body.set("variables", variables);
    body.put("operationName", operation);
    // a GraphQL POST reads (or makes a throwaway query): safe to send again, unlike an Admin API
    // create
    Request request =
        new Request.Builder()
            .url(url.toString())
            .header(Idempotency.HEADER, "true")
            .post(RequestBody.create(body.toString(), JSON))
            .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      String text = responseBody == null ? "" : responseBody.string();
      JsonNode json = parse(text);
      if (!response.isSuccessful()) {
        List<String> messages = messages(json);
        throw failure(
            response.code(),
            environmentId,
            operation,
            messages.isEmpty()
                ? List.of(text.isBlank() ? response.message() : abbreviate(text))
                : messages);
      }
      if (json == null || !json.isObject()) {
        throw failure(
            response.code(),
            environmentId,
            operation,
            List.of("the answer is not GraphQL JSON: " + abbreviate(text)));
      }
      List<String> messages = messages(json);
      if (!messages.isEmpty()) {
        throw failure(response.code(), environmentId, operation, messages);
      }
      JsonNode data = json.path("data");
      if (!data.isObject()) {
        throw failure(
            response.code(),
            environmentId,
            operation,
            List.of("the answer has neither data nor errors: " + abbreviate(text)));
      }
      return data;
    } catch (IOException e) {
      String why =
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      throw new SemanticLayerException(
          0, url.toString(), environmentId, operation, List.of(redactor.redact(why)), e);
    }
  }

  private SemanticLayerException failure(
      int status, long environmentId, String operation, List<String> messages) {
    return new SemanticLayerException(
        status,
        url.toString(),
        environmentId,
        operation,
        messages.stream().map(redactor::redact).toList(),
        null);
  }

  /** {@code errors[*].message}, in order. */
  private static List<String> messages(JsonNode json) {
    List<String> out = new ArrayList<>();
    if (json != null) {
      for (JsonNode e : json.path("errors")) {
        out.add(e.path("message").asText(e.toString()));
      }
    }
    return out;
  }

  private static JsonNode parse(String text) {
    try {
      return text.isBlank() ? null : Databind.MAPPER.readTree(text);
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).isTextual() ? node.get(field).asText() : null;
  }

  private static String abbreviate(String text) {
    String oneLine = text.strip();
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
