package io.github.dbtcloud.core.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A scripted Semantic Layer (and the one admin list the check reads) behind MockWebServer: core's
 * tests cannot use the emulator, which must stay independent of core.
 */
final class FakeSemanticLayer extends Dispatcher {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Map<String, List<String>> timeDimensions = new LinkedHashMap<>();
  final Map<String, String> brokenMetrics = new ConcurrentHashMap<>();
  final Map<String, String> failingQueries = new ConcurrentHashMap<>();
  final List<JsonNode> compiled = Collections.synchronizedList(new ArrayList<>());
  final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
  volatile boolean refuseToken;
  volatile String environmentsJson = "[]";
  final List<String> adminPaths = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  volatile java.util.concurrent.CyclicBarrier compileBarrier;

  /**
   * Adds a metric with {@code metric_time}, a categorical dimension and the given extra time
   * dimensions.
   */
  FakeSemanticLayer metric(String name, String... extraTimeDimensions) {
    timeDimensions.put(name, List.of(extraTimeDimensions));
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      if (request.getPath().startsWith("/api/v3/")) {
        adminPaths.add(request.getPath());
        return json(
            "{\"status\":{\"code\":200,\"is_success\":true,\"user_message\":\"Success!\","
                + "\"developer_message\":\"\"},\"data\":"
                + environmentsJson
                + ",\"extra\":{\"pagination\":{\"count\":"
                + JSON.readTree(environmentsJson).size()
                + ",\"total_count\":"
                + JSON.readTree(environmentsJson).size()
                + "}}}");
      }
      JsonNode body = JSON.readTree(request.getBody().readUtf8());
      if (refuseToken) {
        return errors("User is not authorized");
      }
      String operation = body.path("operationName").asText();
      JsonNode variables = body.path("variables");
      switch (operation) {
        case "getMetrics":
          return json("{\"data\":{\"metrics\":" + metrics() + "}}");
        case "compileSql":
          return compile(variables);
        case "createQuery":
          String metric = variables.at("/metrics/0/name").asText();
          return json("{\"data\":{\"createQuery\":{\"queryId\":\"q-" + metric + "\"}}}");
        case "getQueryResults":
          return poll(variables.path("queryId").asText());
        default:
          return errors("unexpected operation " + operation);
      }
    } catch (Exception e) {
      return new MockResponse().setResponseCode(500).setBody(e.toString());
    }
  }

  private MockResponse compile(JsonNode variables) throws Exception {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      if (compileBarrier != null) {
        compileBarrier.await(10, java.util.concurrent.TimeUnit.SECONDS);
      }
      compiled.add(variables);
      String metric = variables.at("/metrics/0/name").asText();
      String error = brokenMetrics.get(metric);
      if (error != null) {
        return errors(error);
      }
      return json(
          "{\"data\":{\"compileSql\":{\"sql\":\"SELECT SUM(x) AS " + metric + " FROM t\"}}}");
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private MockResponse poll(String queryId) {
    int n = polls.computeIfAbsent(queryId, k -> new AtomicInteger()).incrementAndGet();
    String metric = queryId.substring(2);
    ObjectNode q = JSON.createObjectNode().put("queryId", queryId);
    if (n < 3) {
      q.put("status", n == 1 ? "PENDING" : "RUNNING")
          .putNull("sql")
          .putNull("error")
          .putNull("totalPages");
    } else if (failingQueries.containsKey(metric)) {
      q.put("status", "FAILED")
          .put("sql", "SELECT 1")
          .put("error", failingQueries.get(metric))
          .putNull("totalPages");
    } else {
      q.put("status", "SUCCESSFUL").put("sql", "SELECT 1").putNull("error").put("totalPages", 1);
    }
    ObjectNode out = JSON.createObjectNode();
    out.putObject("data").set("query", q);
    return json(out.toString());
  }

  private String metrics() {
    ArrayNode out = JSON.createArrayNode();
    timeDimensions.forEach(
        (name, times) -> {
          ObjectNode m =
              out.addObject().put("name", name).put("type", "SIMPLE").putNull("description");
          ArrayNode dims = m.putArray("dimensions");
          dims.addObject().put("qualifiedName", "metric_time").put("type", "TIME");
          dims.addObject().put("qualifiedName", "customer__region").put("type", "CATEGORICAL");
          times.forEach(t -> dims.addObject().put("qualifiedName", t).put("type", "TIME"));
        });
    return out.toString();
  }

  private static MockResponse errors(String message) {
    ObjectNode out = JSON.createObjectNode();
    out.putNull("data");
    out.putArray("errors").addObject().put("message", message);
    return json(out.toString());
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }
}
