package io.github.dbtcloud.emulator.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SemanticLayerApiTest {

  private static final long PROD = 70403103900011L;
  private static final long STAGING = 70403103900012L;
  private static final long OTHER_ACCOUNT_ENV = 70403103900111L;

  /**
   * The SDK's metric fragment (lazy=False), with the nested dimension, measure and entity
   * fragments.
   */
  private static final String GET_METRICS =
      """
      query getMetrics($environmentId: BigInt!) {
        metrics(environmentId: $environmentId) { ...fragmentMetric }
      }
      fragment fragmentDimension on Dimension {
        name qualifiedName description type label isPartition expr queryableGranularities queryableTimeGranularities
      }
      fragment fragmentMeasure on Measure { name aggTimeDimension agg expr }
      fragment fragmentEntity on Entity { name description type role expr }
      fragment fragmentMetric on Metric {
        name description type queryableGranularities queryableTimeGranularities label requiresMetricTime
        dimensions { ...fragmentDimension } measures { ...fragmentMeasure } entities { ...fragmentEntity }
      }
      """;

  /** The SDK's compileSql document, trailing commas included. */
  private static final String COMPILE_SQL =
      """
      mutation compileSql(
          $environmentId: BigInt!,
          $savedQuery: String,
          $metrics: [MetricInput!],
          $groupBy: [GroupByInput!],
          $where: [WhereInput!],
          $orderBy: [OrderByInput!],
          $limit: Int,
          $readCache: Boolean,
      ) {
          compileSql(
              environmentId: $environmentId,
              savedQuery: $savedQuery,
              metrics: $metrics,
              groupBy: $groupBy,
              where: $where,
              orderBy: $orderBy,
              limit: $limit,
              readCache: $readCache,
          ) {
              sql
          }
      }
      """;

  private static final String CREATE_QUERY =
      COMPILE_SQL.replace("compileSql", "createQuery").replace("sql\n", "queryId\n");

  private static final String POLL =
      """
      query getQueryResults($environmentId: BigInt!, $queryId: String!, $pageNum: Int!) {
        query(environmentId: $environmentId, queryId: $queryId, pageNum: $pageNum) {
          queryId status sql error totalPages arrowResult jsonResult(encoded: false)
        }
      }
      """;

  private DbtCloudEmulator emulator;
  private GraphQlHttp sdk;

  @BeforeEach
  void start() throws IOException {
    emulator = DbtCloudEmulator.builder().seedText(seed()).start();
    sdk = new GraphQlHttp(emulator, "authorization", "bearer dbtc_sl_token");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  static String seed() throws IOException {
    try (InputStream in = SemanticLayerApiTest.class.getResourceAsStream("semantic-seed.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, Object> vars(Object... pairs) {
    Map<String, Object> out = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], pairs[i + 1]);
    }
    return out;
  }

  private static List<Map<String, Object>> metrics(String... names) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String n : names) {
      out.add(Map.of("name", n));
    }
    return out;
  }

  private GraphQlHttp.Answer compile(Map<String, Object> variables) {
    Map<String, Object> all =
        vars(
            "environmentId",
            PROD,
            "savedQuery",
            null,
            "where",
            null,
            "orderBy",
            null,
            "limit",
            null,
            "readCache",
            true,
            "groupBy",
            null);
    all.putAll(variables);
    return sdk.post(COMPILE_SQL, all);
  }

  @Test
  void listsMetricsWithTheSdksFullFragment() {
    GraphQlHttp.Answer answer = sdk.post(GET_METRICS, vars("environmentId", PROD));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.error()).isNull();
    JsonNode metrics = answer.data().get("metrics");
    assertThat(metrics.findValuesAsText("name"))
        .contains("revenue", "order_count", "margin", "refunds");
    JsonNode revenue = metrics.get(0);
    assertThat(revenue.get("type").asText()).isEqualTo("SIMPLE");
    assertThat(revenue.get("queryableGranularities")).hasSize(5);
    assertThat(revenue.get("queryableTimeGranularities").get(0).asText()).isEqualTo("day");
    assertThat(revenue.at("/dimensions/0/qualifiedName").asText()).isEqualTo("metric_time");
    assertThat(revenue.at("/dimensions/1/name").asText()).isEqualTo("region");
    assertThat(revenue.at("/dimensions/1/qualifiedName").asText()).isEqualTo("customer__region");
    assertThat(revenue.at("/dimensions/2/queryableGranularities").toString())
        .isEqualTo("[\"DAY\",\"MONTH\"]");
    assertThat(revenue.at("/measures/0/agg").asText()).isEqualTo("SUM");
    assertThat(revenue.at("/measures/0/aggTimeDimension").asText()).isEqualTo("ordered_at");
    assertThat(revenue.at("/entities/0/type").asText()).isEqualTo("FOREIGN");
  }

  @Test
  void acceptsTheEnvironmentIdAsAStringAsTheDocsWriteIt() {
    GraphQlHttp.Answer asVariable =
        sdk.post(GET_METRICS, vars("environmentId", Long.toString(PROD)));
    GraphQlHttp.Answer asLiteral =
        sdk.post("{ metrics(environmentId: \"" + PROD + "\") { name } }", Map.of());

    assertThat(asVariable.error()).isNull();
    assertThat(asLiteral.data().get("metrics")).hasSize(4);
  }

  @Test
  void refusesAnEnvironmentIdThatIsNotANumber() {
    GraphQlHttp.Answer answer = sdk.post(GET_METRICS, vars("environmentId", "prod"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.error()).contains("environmentId").contains("BigInt");
  }

  @Test
  void acceptsTheBearerSchemeInAnyCase() {
    GraphQlHttp docs = new GraphQlHttp(emulator, "Authorization", "Bearer dbtc_sl_token");

    assertThat(docs.post(GET_METRICS, vars("environmentId", PROD)).error()).isNull();
    assertThat(emulator.journal())
        .allSatisfy(e -> assertThat(e.toString()).doesNotContain("dbtc_sl_token"));
  }

  @Test
  void answersAnUnknownTokenWithUserIsNotAuthorizedAndHttp200() {
    GraphQlHttp.Answer answer =
        new GraphQlHttp(emulator, "Authorization", "Bearer nope")
            .post(GET_METRICS, vars("environmentId", PROD));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.error()).isEqualTo("User is not authorized");
    assertThat(answer.body().get("data").isNull()).isTrue();
  }

  @Test
  void answersAMissingTokenOrTheAdminTokenSchemeWithUserIsNotAuthorized() {
    assertThat(
            new GraphQlHttp(emulator, null, null)
                .post(GET_METRICS, vars("environmentId", PROD))
                .error())
        .isEqualTo("User is not authorized");
    assertThat(
            new GraphQlHttp(emulator, "Authorization", "Token dbtc_sl_token")
                .post(GET_METRICS, vars("environmentId", PROD))
                .error())
        .isEqualTo("User is not authorized");
  }

  @Test
  void answersAnotherAccountsEnvironmentWithUserIsNotAuthorized() {
    GraphQlHttp.Answer answer = sdk.post(GET_METRICS, vars("environmentId", OTHER_ACCOUNT_ENV));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.error()).isEqualTo("User is not authorized");
    assertThat(answer.body().at("/errors/0/path/0").asText()).isEqualTo("metrics");
  }

  @Test
  void saysSoWhenTheEnvironmentHasNoSemanticLayer() {
    assertThat(sdk.post(GET_METRICS, vars("environmentId", STAGING)).error())
        .isEqualTo("The Semantic Layer is not configured for environment " + STAGING + ".");
  }

  @Test
  void compilesAMetricGroupedByMetricTimeAtTheSdksTimeGranularity() {
    GraphQlHttp.Answer answer =
        compile(
            vars(
                "metrics",
                metrics("revenue"),
                "groupBy",
                List.of(Map.of("name", "metric_time", "timeGranularity", "month"))));

    assertThat(answer.error()).isNull();
    assertThat(answer.data().at("/compileSql/sql").asText())
        .contains("DATE_TRUNC('month', ordered_at) AS metric_time__month")
        .contains("SUM(order_total) AS revenue")
        .contains("GROUP BY");
  }

  @Test
  void acceptsTheDocsGrainEnumToo() {
    GraphQlHttp.Answer answer =
        sdk.post(
            "mutation { compileSql(environmentId: "
                + PROD
                + ", metrics: [{name: \"revenue\"}], groupBy: [{name: \"metric_time\", grain: MONTH},"
                + " {name: \"customer__region\"}]) { sql } }",
            Map.of());

    assertThat(answer.data().at("/compileSql/sql").asText())
        .contains("metric_time__month")
        .contains("customer__region");
  }

  @Test
  void refusesAGrainAndATimeGranularityThatDisagree() {
    GraphQlHttp.Answer answer =
        compile(
            vars(
                "metrics",
                metrics("revenue"),
                "groupBy",
                List.of(
                    Map.of("name", "metric_time", "grain", "MONTH", "timeGranularity", "day"))));

    assertThat(answer.error()).contains("set only one");
  }

  @Test
  void failsABrokenMetricWithItsSeededErrorInTheErrorsEnvelope() {
    GraphQlHttp.Answer answer =
        compile(
            vars("metrics", metrics("margin"), "groupBy", List.of(Map.of("name", "metric_time"))));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("data").isNull()).isTrue();
    assertThat(answer.error())
        .isEqualTo(
            "Unable to compile metric `margin`: measure `gross_margin` is not defined in any semantic model.");
  }

  @Test
  void refusesAnUnknownMetricWithMetricFlowsReportAndSuggestions() {
    GraphQlHttp.Answer answer = compile(vars("metrics", metrics("revenu")));

    assertThat(answer.error())
        .startsWith("Got error(s) during query resolution.")
        .contains("The given input does not exactly match any known metrics.")
        .contains("'revenue',")
        .contains("Query Input:\n\n    revenu");
  }

  @Test
  void refusesAGroupByItemTheMetricDoesNotHave() {
    GraphQlHttp.Answer answer =
        compile(
            vars(
                "metrics",
                metrics("order_count"),
                "groupBy",
                List.of(Map.of("name", "customer__regoin"))));

    assertThat(answer.error())
        .contains(
            "does not match any of the available group-by-items for\n    Query(['order_count'])")
        .contains("'customer__region',");
  }

  @Test
  void refusesAGranularityTheMetricDoesNotOffer() {
    GraphQlHttp.Answer answer =
        compile(
            vars(
                "metrics",
                metrics("order_count"),
                "groupBy",
                List.of(Map.of("name", "metric_time", "timeGranularity", "year"))));

    assertThat(answer.error()).contains("metric_time__year").contains("'metric_time__month',");
  }

  @Test
  void ordersAndLimitsAsAsked() {
    GraphQlHttp.Answer answer =
        compile(
            vars(
                "metrics",
                metrics("revenue"),
                "groupBy",
                List.of(Map.of("name", "metric_time", "timeGranularity", "day")),
                "orderBy",
                List.of(
                    Map.of("metric", Map.of("name", "revenue"), "descending", true),
                    Map.of("groupBy", Map.of("name", "metric_time", "timeGranularity", "day"))),
                "limit",
                1));

    assertThat(answer.data().at("/compileSql/sql").asText())
        .endsWith("ORDER BY revenue DESC, metric_time__day\nLIMIT 1");
  }

  @Test
  void refusesAnOrderByItemThatIsNotInTheQuery() {
    GraphQlHttp.Answer answer =
        compile(
            vars(
                "metrics",
                metrics("revenue"),
                "orderBy",
                List.of(Map.of("metric", Map.of("name", "order_count")))));

    assertThat(answer.error()).contains("order by").contains("order_count");
  }

  @Test
  void checksTheDimensionsAWhereFilterReferences() {
    GraphQlHttp.Answer ok =
        compile(
            vars(
                "metrics",
                metrics("revenue"),
                "where",
                List.of(Map.of("sql", "{{ Dimension('customer__region') }} = 'EMEA'"))));
    GraphQlHttp.Answer bad =
        compile(
            vars(
                "metrics",
                metrics("revenue"),
                "where",
                List.of(Map.of("sql", "{{ Dimension('customer__country') }} = 'FR'"))));

    assertThat(ok.data().at("/compileSql/sql").asText()).contains("WHERE region = 'EMEA'");
    assertThat(bad.error()).contains("Dimension('customer__country')");
  }

  @Test
  void needsMetricsOrGroupBy() {
    assertThat(compile(vars()).error()).isEqualTo("Either metrics or groupBy must be provided.");
  }

  /** Creates a query and polls it {@code times} times; the answers, in order. */
  private List<JsonNode> createAndPoll(Map<String, Object> variables, int times) {
    Map<String, Object> all = vars("environmentId", PROD);
    all.putAll(variables);
    String queryId = sdk.post(CREATE_QUERY, all).data().at("/createQuery/queryId").asText();
    List<JsonNode> polls = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      polls.add(
          sdk.post(POLL, vars("environmentId", PROD, "queryId", queryId, "pageNum", 1))
              .data()
              .get("query"));
    }
    return polls;
  }

  private static List<String> statuses(List<JsonNode> polls) {
    return polls.stream().map(p -> p.get("status").asText()).toList();
  }

  @Test
  void pollsACreatedQueryThroughEveryStatus() {
    List<JsonNode> polls =
        createAndPoll(
            vars(
                "metrics",
                metrics("revenue"),
                "groupBy",
                List.of(Map.of("name", "metric_time", "timeGranularity", "day")),
                "limit",
                1),
            5);
    JsonNode last = polls.get(4);

    assertThat(statuses(polls))
        .containsExactly("PENDING", "RUNNING", "COMPILED", "SUCCESSFUL", "SUCCESSFUL");
    assertThat(last.get("totalPages").asInt()).isEqualTo(1);
    assertThat(last.get("sql").asText()).contains("LIMIT 1");
    assertThat(Base64.getDecoder().decode(last.get("arrowResult").asText()))
        .startsWith(0xff, 0xff, 0xff, 0xff);
    assertThat(last.get("jsonResult").asText())
        .contains("\"metric_time__day\":\"2024-01-01T00:00:00.000\"")
        .contains("\"primaryKey\":[\"index\"]");
  }

  @Test
  void aQueryOfABrokenMetricIsAcceptedAndFailsWhenPolled() {
    JsonNode third = createAndPoll(vars("metrics", metrics("margin")), 3).get(2);

    assertThat(third.get("status").asText()).isEqualTo("FAILED");
    assertThat(third.get("error").asText()).contains("gross_margin");
    assertThat(third.get("sql").isNull()).isTrue();
  }

  @Test
  void aWarehouseErrorFailsTheQueryAfterItCompiled() {
    List<JsonNode> polls = createAndPoll(vars("metrics", metrics("refunds")), 4);

    assertThat(statuses(polls)).containsExactly("PENDING", "RUNNING", "COMPILED", "FAILED");
    assertThat(polls.get(3).get("error").asText()).contains("does not exist or not authorized");
  }

  @Test
  void doesNotShowAQueryToAnotherEnvironment() {
    String queryId =
        sdk.post(CREATE_QUERY, vars("environmentId", PROD, "metrics", metrics("revenue")))
            .data()
            .at("/createQuery/queryId")
            .asText();

    assertThat(
            new GraphQlHttp(emulator, "Authorization", "Bearer dbtc_other_account_token")
                .post(
                    POLL,
                    vars("environmentId", OTHER_ACCOUNT_ENV, "queryId", queryId, "pageNum", 1))
                .error())
        .contains("does not exist");
  }

  @Test
  void describesTheEnvironment() {
    JsonNode info =
        sdk.post(
                "query($e: BigInt!) { environmentInfo(environmentId: $e) { sqlDialect hasMetricsDefined"
                    + " dialect dialectSupportedBySlg } }",
                vars("e", PROD))
            .data()
            .get("environmentInfo");

    assertThat(info.get("sqlDialect").asText()).isEqualTo("SNOWFLAKE");
    assertThat(info.get("hasMetricsDefined").asBoolean()).isTrue();
  }

  @Test
  void listsTheDimensionsSeveralMetricsShare() {
    JsonNode dimensions =
        sdk.post(
                "query getDimensions($environmentId: BigInt!, $metrics: [MetricInput!]!) {"
                    + " dimensions(environmentId: $environmentId, metrics: $metrics) { qualifiedName } }",
                vars("environmentId", PROD, "metrics", metrics("revenue", "order_count")))
            .data()
            .get("dimensions");

    assertThat(dimensions.findValuesAsText("qualifiedName"))
        .containsExactly("metric_time", "customer__region");
  }

  @Test
  void pagesMetricsForClientsThatUseThePaginatedVariant() {
    JsonNode page =
        sdk.post(
                "{ metricsPaginated(environmentId: "
                    + PROD
                    + ", pageNum: 2, pageSize: 3)"
                    + " { items { name } pageNum pageSize totalItems totalPages } }",
                Map.of())
            .data()
            .get("metricsPaginated");

    assertThat(page.get("items").findValuesAsText("name")).containsExactly("refunds");
    assertThat(page.get("totalItems").asInt()).isEqualTo(4);
    assertThat(page.get("totalPages").asInt()).isEqualTo(2);
  }

  @Test
  void reportsAnUnknownFieldAsAGraphQlValidationError() {
    GraphQlHttp.Answer answer = sdk.post("{ metrics(environmentId: 1) { name colour } }", Map.of());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.error()).contains("colour");
  }

  @Test
  void answersABodyWithoutAQueryWith400() {
    GraphQlHttp.Answer answer = sdk.raw("{\"variables\":{}}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.error()).contains("query");
  }

  @Test
  void letsATestBreakFixAndAddMetricsThroughTheJavaApi() {
    emulator.semanticLayer().breakMetric(PROD, "revenue", "boom");
    assertThat(compile(vars("metrics", metrics("revenue"))).error()).isEqualTo("boom");

    emulator.semanticLayer().fixMetric(PROD, "revenue");
    emulator
        .semanticLayer()
        .putMetric(PROD, Map.of("name", "customers", "measure", Map.of("agg", "count_distinct")));
    emulator.semanticLayer().removeMetric(PROD, "refunds");

    assertThat(compile(vars("metrics", metrics("revenue"))).error()).isNull();
    assertThat(emulator.semanticLayer().metricNames(PROD))
        .containsExactly("revenue", "order_count", "margin", "customers");
    assertThat(compile(vars("metrics", metrics("customers"))).data().at("/compileSql/sql").asText())
        .contains("COUNT(DISTINCT customers) AS customers");
  }

  @Test
  void keepsTheSemanticLayerAcrossRestartsInTheStateFile(@TempDir Path dir) throws IOException {
    Path state = dir.resolve("state.json");
    DbtCloudEmulator.builder().seedText(seed()).stateFile(state).start().close();

    try (DbtCloudEmulator resumed = DbtCloudEmulator.builder().stateFile(state).start()) {
      GraphQlHttp.Answer answer =
          new GraphQlHttp(resumed, "Authorization", "Bearer dbtc_sl_token")
              .post(GET_METRICS, vars("environmentId", PROD));
      assertThat(answer.data().get("metrics")).hasSize(4);
    }
  }

  @Test
  void answersParallelCompilationsWhileItPersistsItsState(@TempDir Path dir) throws Exception {
    try (DbtCloudEmulator persisted =
        DbtCloudEmulator.builder().seedText(seed()).stateFile(dir.resolve("s.json")).start()) {
      GraphQlHttp client = new GraphQlHttp(persisted, "Authorization", "Bearer dbtc_sl_token");
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<GraphQlHttp.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          answers.add(
              pool.submit(
                  () ->
                      client.post(
                          COMPILE_SQL,
                          vars("environmentId", PROD, "metrics", metrics("revenue")))));
        }
        for (java.util.concurrent.Future<GraphQlHttp.Answer> a : answers) {
          assertThat(a.get().data().at("/compileSql/sql").asText()).contains("revenue");
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void servesTheDemoAccountsMetricsByDefault() {
    try (DbtCloudEmulator demo = DbtCloudEmulator.builder().start()) {
      GraphQlHttp.Answer answer =
          new GraphQlHttp(demo, "Authorization", "Bearer dbtc_emulator_demo_token")
              .post("{ metrics(environmentId: " + PROD + ") { name } }", Map.of());
      assertThat(answer.data().get("metrics").findValuesAsText("name"))
          .containsExactly("revenue", "order_count", "average_order_value");
    }
  }

  @Test
  void refusesASeedWhoseSemanticLayerNamesAnUnknownEnvironment() {
    String seed =
        "accounts: [{id: 1}]\nsemantic_layer:\n  environments:\n    - environment_id: 42\n";

    assertThatThrownBy(() -> DbtCloudEmulator.builder().seedText(seed).start())
        .hasMessageContaining("semantic_layer environment 42");
  }

  @Test
  void refusesASeedMetricWithAnUnknownType() {
    assertThatThrownBy(
            () ->
                SemanticLayerSeed.metric(
                    new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree("{\"name\":\"x\",\"type\":\"weird\"}")))
        .hasMessageContaining("type 'weird' is not one of");
  }
}
