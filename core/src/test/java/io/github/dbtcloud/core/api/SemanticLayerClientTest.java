package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SemanticLayerClientTest {

  private static final String TOKEN = "dbtc_secret_sl_token";
  private static final long ENV = 70403103900011L;

  private MockWebServer server;
  private final FakeTime time = new FakeTime();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private SemanticLayerClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    client = client(Duration.ofSeconds(5), 3);
  }

  /**
   * The Admin API's settings (same stack), with {@code attempts} attempts 2 s apart at first, on
   * fake time.
   */
  private SemanticLayerClient client(Duration readTimeout, int attempts) {
    ClientSettings settings =
        ClientSettings.of(server.url("/").toString(), new ApiToken(TOKEN), "test/1")
            .withTimeouts(Duration.ofSeconds(5), readTimeout)
            .withRetry(
                new RetryPolicy(
                    attempts, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(5)))
            .withTime(time, time);
    return SemanticLayerClient.create(
        URI.create(server.url("/api/graphql").toString()), settings, AdminClientTest.capture(log));
  }

  private List<Duration> waits() {
    return time.sleeps();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.shutdown();
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  private static JsonNode body(RecordedRequest request) throws IOException {
    return Databind.MAPPER.readTree(request.getBody().readUtf8());
  }

  @Test
  void postsTheOperationWithABearerTokenAndTheEnvironmentIdAsANumber() throws Exception {
    server.enqueue(
        json(
            "{\"data\":{\"metrics\":[{\"name\":\"revenue\",\"description\":null,\"type\":\"SIMPLE\","
                + "\"dimensions\":[{\"qualifiedName\":\"metric_time\",\"type\":\"TIME\"},"
                + "{\"qualifiedName\":\"customer__region\",\"type\":\"CATEGORICAL\"}]}]}}"));

    List<SemanticLayerMetric> metrics = client.metrics(ENV);

    assertThat(metrics)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.name()).isEqualTo("revenue");
              assertThat(m.description()).isNull();
              assertThat(m.hasTimeDimension("metric_time")).isTrue();
              assertThat(m.hasTimeDimension("customer__region")).isFalse();
            });
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/api/graphql");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    JsonNode sent = body(request);
    assertThat(sent.get("operationName").asText()).isEqualTo("getMetrics");
    assertThat(sent.get("query").asText()).contains("metrics(environmentId: $environmentId)");
    assertThat(sent.at("/variables/environmentId").isIntegralNumber()).isTrue();
    assertThat(sent.at("/variables/environmentId").asLong()).isEqualTo(ENV);
  }

  @Test
  void sendsTheGrainAsTheSdksTimeGranularity() throws Exception {
    server.enqueue(json("{\"data\":{\"compileSql\":{\"sql\":\"SELECT 1\"}}}"));

    String sql =
        client.compileSql(
            ENV,
            new SemanticLayerQuery(
                List.of("revenue"),
                List.of(
                    new SemanticLayerQuery.GroupBy("metric_time", "month"),
                    new SemanticLayerQuery.GroupBy("customer__region", null)),
                null));

    assertThat(sql).isEqualTo("SELECT 1");
    JsonNode variables = body(server.takeRequest()).get("variables");
    assertThat(variables.get("metrics").toString()).isEqualTo("[{\"name\":\"revenue\"}]");
    assertThat(variables.get("groupBy").toString())
        .isEqualTo(
            "[{\"name\":\"metric_time\",\"timeGranularity\":\"month\"},{\"name\":\"customer__region\"}]");
    assertThat(variables.get("limit").isNull()).isTrue();
  }

  @Test
  void turnsTheErrorsEnvelopeOfAnHttp200IntoAnExceptionWithTheServersMessage() {
    server.enqueue(
        json(
            "{\"data\":null,\"errors\":[{\"message\":\"Unable to compile metric `margin`\","
                + "\"locations\":[{\"line\":2,\"column\":3}],\"path\":[\"compileSql\"]},{\"message\":\"second\"}]}"));

    SemanticLayerException e =
        catchThrowableOfType(
            SemanticLayerException.class,
            () ->
                client.compileSql(ENV, new SemanticLayerQuery(List.of("margin"), List.of(), null)));

    assertThat(e.status()).isEqualTo(200);
    assertThat(e.graphQlErrors()).isTrue();
    assertThat(e.notAuthorized()).isFalse();
    assertThat(e.messages()).containsExactly("Unable to compile metric `margin`", "second");
    assertThat(e.operation()).isEqualTo("compileSql");
    assertThat(e.getMessage())
        .contains(
            "refused compileSql for environment " + ENV + ": Unable to compile metric `margin`");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void recognisesTheServicesAuthorisationRefusalWithoutShowingTheToken() {
    server.enqueue(json("{\"data\":null,\"errors\":[{\"message\":\"User is not authorized\"}]}"));

    SemanticLayerException e =
        catchThrowableOfType(SemanticLayerException.class, () -> client.metrics(ENV));

    assertThat(e.notAuthorized()).isTrue();
    assertThat(e.environmentId()).isEqualTo(ENV);
    assertThat(e.getMessage())
        .contains(
            "refused the token for environment " + ENV + " (getMetrics): User is not authorized")
        .contains("Semantic Layer Only")
        .doesNotContain(TOKEN);
    assertThat(e.toString()).doesNotContain(TOKEN);
  }

  @Test
  void retriesA503AndA429HonouringRetryAfter() {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "7"));
    server.enqueue(json("{\"data\":{\"createQuery\":{\"queryId\":\"q1\"}}}"));

    String id = client.createQuery(ENV, new SemanticLayerQuery(List.of("revenue"), List.of(), 1));

    assertThat(id).isEqualTo("q1");
    // the jittered back-off after the 503 (half of 2 s to 2 s), then exactly what Retry-After asked
    assertThat(waits()).hasSize(2);
    assertThat(waits().get(0)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(waits().get(1)).isEqualTo(Duration.ofSeconds(7));
    assertThat(client.requestCount()).isEqualTo(3);
    assertThat(log)
        .anyMatch(
            l ->
                l.startsWith(
                    "WARN dbt Cloud answered 429 to POST /api/graphql and asked to retry"
                        + " after 7 s; attempt 3 of 3"));
  }

  @Test
  void marksItsPostsRetryableOnlyInsideTheClientNeverOnTheWire() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(502));
    server.enqueue(json("{\"data\":{\"metrics\":[]}}"));

    client.metrics(ENV);

    assertThat(server.getRequestCount()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getHeader(Idempotency.HEADER)).isNull();
    }
  }

  @Test
  void itsDebugLogShowsTheSchemeAndNeverTheToken() {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(json("{\"data\":{\"metrics\":[]}}"));

    client.metrics(ENV);

    assertThat(log)
        .anyMatch(
            l ->
                l.startsWith("DEBUG --> POST /api/graphql")
                    && l.contains("Authorization: Bearer [redacted]"));
    assertThat(log).anyMatch(l -> l.startsWith("DEBUG <-- 503 POST /api/graphql"));
    assertThat(log).noneMatch(l -> l.contains(TOKEN));
  }

  @Test
  void keepsToTheClientSideRateLimitAsTheAdminClientDoes() {
    client.close();
    ClientSettings slow =
        ClientSettings.of(server.url("/").toString(), new ApiToken(TOKEN), "test/1")
            .withRequestsPerMinute(20)
            .withTime(time, time);
    client = SemanticLayerClient.create(URI.create(server.url("/api/graphql").toString()), slow);
    for (int i = 0; i < 2; i++) {
      server.enqueue(json("{\"data\":{\"metrics\":[]}}"));
    }

    client.metrics(ENV);
    client.metrics(ENV);

    // 20 a minute: a burst of one, then one every three seconds, as for the Admin API
    assertThat(waits()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void givesUpAfterTheLastAttemptWithTheHttpStatus() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>Bad gateway</html>"));
    }

    SemanticLayerException e =
        catchThrowableOfType(SemanticLayerException.class, () -> client.metrics(ENV));

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.getMessage()).contains("answered HTTP 502").contains("Bad gateway");
    assertThat(server.getRequestCount()).isEqualTo(3);
    // exponential back-off, jittered within the upper half: 1-2 s, then 2-4 s
    assertThat(waits()).hasSize(2);
    assertThat(waits().get(0)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(waits().get(1)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void doesNotRetryARequestTheServerRejectedAsMalformed() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setBody("{\"errors\":[{\"message\":\"bad request\"}]}"));

    SemanticLayerException e =
        catchThrowableOfType(SemanticLayerException.class, () -> client.metrics(ENV));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.messages()).containsExactly("bad request");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void timesOutAndRetriesASilentServerThenReportsNoAnswer() {
    client.close();
    client = client(Duration.ofMillis(200), 2);
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    SemanticLayerException e =
        catchThrowableOfType(SemanticLayerException.class, () -> client.metrics(ENV));

    assertThat(e.answered()).isFalse();
    assertThat(e.getMessage())
        .startsWith("No answer from the Semantic Layer at http://")
        .contains("SocketTimeoutException")
        .contains("dbt.semanticLayerUrl");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void refusesAnAnswerThatIsNotGraphQl() {
    server.enqueue(new MockResponse().setBody("<html>Sign in</html>"));

    SemanticLayerException e =
        catchThrowableOfType(SemanticLayerException.class, () -> client.metrics(ENV));

    assertThat(e.getMessage()).contains("not GraphQL JSON").contains("<html>Sign in</html>");
  }

  @Test
  void readsAPollOfACreatedQuery() throws Exception {
    server.enqueue(
        json(
            "{\"data\":{\"query\":{\"queryId\":\"q1\",\"status\":\"FAILED\",\"sql\":null,"
                + "\"error\":\"warehouse said no\",\"totalPages\":null}}}"));

    SemanticLayerQueryResult result = client.query(ENV, "q1");

    assertThat(result.finished()).isTrue();
    assertThat(result.succeeded()).isFalse();
    assertThat(result.error()).isEqualTo("warehouse said no");
    JsonNode variables = body(server.takeRequest()).get("variables");
    assertThat(variables.get("queryId").asText()).isEqualTo("q1");
    assertThat(variables.get("pageNum").asInt()).isEqualTo(1);
  }
}
