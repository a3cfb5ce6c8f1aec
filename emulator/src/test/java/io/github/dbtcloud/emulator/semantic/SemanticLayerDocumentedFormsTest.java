package io.github.dbtcloud.emulator.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forms https://docs.getdbt.com/docs/dbt-cloud-apis/sl-graphql documents beside the ones the
 * Python SDK sends: saved queries, the paginated lists, query records, a metric's filter, a
 * dimension's type parameters, lower-case grains; and the token check on every one of them.
 */
class SemanticLayerDocumentedFormsTest {

  private static final long PROD = 70403103900011L;
  private static final long OTHER_PROJECT_ENV = 70403103900013L;

  private DbtCloudEmulator emulator;
  private GraphQlHttp sl;

  @BeforeEach
  void start() throws IOException {
    try (InputStream in =
        SemanticLayerDocumentedFormsTest.class.getResourceAsStream("documented-forms-seed.yml")) {
      emulator =
          DbtCloudEmulator.builder()
              .seedText(new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .start();
    }
    sl = new GraphQlHttp(emulator, "Authorization", "Bearer dbtc_sl_token");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private String createQuery(String arguments) {
    return sl.post(
            "mutation { createQuery(environmentId: " + PROD + ", " + arguments + ") { queryId } }",
            Map.of())
        .data()
        .at("/createQuery/queryId")
        .asText();
  }

  @Test
  void pollingAQueryChecksTheTokenAsCreatingItDoes() {
    String queryId = createQuery("metrics: [{name: \"revenue\"}]");
    GraphQlHttp otherProject =
        new GraphQlHttp(emulator, "Authorization", "Bearer dbtc_other_project_token");

    GraphQlHttp.Answer answer =
        otherProject.post(
            "{ query(environmentId: " + PROD + ", queryId: \"" + queryId + "\") { status sql } }",
            Map.of());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.error()).isEqualTo("User is not authorized");
    assertThat(answer.data().isNull()).isTrue();
  }

  @Test
  void aTokenLimitedToOtherProjectsMayNotReadThisOnesMetrics() {
    GraphQlHttp otherProject =
        new GraphQlHttp(emulator, "Authorization", "Bearer dbtc_other_project_token");

    assertThat(
            otherProject
                .post("{ metrics(environmentId: " + PROD + ") { name } }", Map.of())
                .error())
        .isEqualTo("User is not authorized");
    assertThat(
            otherProject
                .post("{ metrics(environmentId: " + OTHER_PROJECT_ENV + ") { name } }", Map.of())
                .data()
                .get("metrics")
                .findValuesAsText("name"))
        .containsExactly("other_revenue");
  }

  @Test
  void listsSavedQueriesWithTheirParametersAndExports() {
    JsonNode saved =
        sl.post(
                "{ savedQueries(environmentId: "
                    + PROD
                    + ") { name description label queryParams { metrics { name }"
                    + " groupBy { name grain timeGranularity datePart } where { whereSqlTemplate } }"
                    + " exports { name config { alias schema exportAs } } } }",
                Map.of())
            .data()
            .get("savedQueries");

    assertThat(List.of(saved.get(0).get("name").asText(), saved.get(1).get("name").asText()))
        .containsExactly("revenue_by_region", "order_volume");
    assertThat(saved.size()).isEqualTo(2);
    JsonNode first = saved.get(0);
    assertThat(first.get("label").asText()).isEqualTo("Revenue by region");
    assertThat(first.at("/queryParams/metrics/0/name").asText()).isEqualTo("revenue");
    assertThat(first.at("/queryParams/groupBy/1/grain").asText()).isEqualTo("MONTH");
    assertThat(first.at("/queryParams/groupBy/1/timeGranularity").asText()).isEqualTo("month");
    assertThat(first.at("/queryParams/where/whereSqlTemplate").asText())
        .isEqualTo("{{ Dimension('customer__region') }} = 'EMEA'");
    assertThat(first.at("/exports/0/config/exportAs").asText()).isEqualTo("TABLE");
    assertThat(saved.get(1).at("/queryParams/where").isNull()).isTrue();
  }

  @Test
  void readsOneSavedQueryByName() {
    JsonNode saved =
        sl.post(
                "{ savedQuery(environmentId: \""
                    + PROD
                    + "\", savedQueryName: \"order_volume\") { name queryParams { metrics { name } } } }",
                Map.of())
            .data()
            .get("savedQuery");

    assertThat(saved.get("name").asText()).isEqualTo("order_volume");
    assertThat(saved.at("/queryParams/metrics/0/name").asText()).isEqualTo("order_count");
  }

  @Test
  void anUnknownSavedQueryIsAnError() {
    GraphQlHttp.Answer answer =
        sl.post(
            "{ savedQuery(environmentId: " + PROD + ", savedQueryName: \"nope\") { name } }",
            Map.of());

    assertThat(answer.error()).isEqualTo("Saved query `nope` does not exist in this environment.");
    assertThat(answer.data().get("savedQuery").isNull()).isTrue();
  }

  @Test
  void compilesASavedQueryWithItsOwnGroupByAndFilter() {
    String sql =
        sl.post(
                "mutation { compileSql(environmentId: "
                    + PROD
                    + ", savedQuery: \"revenue_by_region\", limit: 10) { sql } }",
                Map.of())
            .data()
            .at("/compileSql/sql")
            .asText();

    assertThat(sql)
        .contains("customer__region")
        .contains("metric_time__month")
        .contains("'EMEA'")
        .contains("LIMIT 10");
  }

  @Test
  void acceptsALowerCaseGrainAsTheDocsWriteIt() {
    GraphQlHttp.Answer answer =
        sl.post(
            "mutation { compileSql(environmentId: "
                + PROD
                + ", metrics: [{name: \"revenue\"}], groupBy: [{name: \"metric_time\", grain: month}])"
                + " { sql } }",
            Map.of());

    assertThat(answer.error()).isNull();
    assertThat(answer.data().at("/compileSql/sql").asText()).contains("metric_time__month");
  }

  @Test
  void answersAMetricsFilterAndATimeDimensionsTypeParameters() {
    JsonNode metrics =
        sl.post(
                "{ metrics(environmentId: "
                    + PROD
                    + ") { name filter { whereSqlTemplate }"
                    + " dimensions { name type typeParams { timeGranularity } } } }",
                Map.of())
            .data()
            .get("metrics");

    assertThat(metrics.at("/0/filter/whereSqlTemplate").asText())
        .isEqualTo("{{ Dimension('order__status') }} = 'completed'");
    assertThat(metrics.at("/1/filter").isNull()).isTrue();
    JsonNode dimensions = metrics.at("/0/dimensions");
    assertThat(dimensions.get(0).at("/typeParams/timeGranularity").asText()).isEqualTo("DAY");
    assertThat(dimensions.get(1).get("typeParams").isNull())
        .as("a categorical dimension has none")
        .isTrue();
  }

  @Test
  void pagesMetricsThatCanBeGroupedByTheGivenItems() {
    JsonNode page =
        sl.post(
                "{ metricsPaginated(environmentId: "
                    + PROD
                    + ", groupBy: [{name: \"order__status\"}]) { items { name } totalItems } }",
                Map.of())
            .data()
            .get("metricsPaginated");

    assertThat(page.get("items").findValuesAsText("name")).containsExactly("revenue");
    assertThat(page.get("totalItems").asInt()).isEqualTo(1);
  }

  @Test
  void pagesEntitiesOfAllMetricsOrOfTheGivenOnes() {
    JsonNode all =
        sl.post(
                "{ entitiesPaginated(environmentId: "
                    + PROD
                    + ", pageSize: 1) { items { name } pageNum pageSize totalItems totalPages } }",
                Map.of())
            .data()
            .get("entitiesPaginated");
    JsonNode ofOrderCount =
        sl.post(
                "{ entitiesPaginated(environmentId: "
                    + PROD
                    + ", metrics: [{name: \"order_count\"}]) { items { name } totalItems } }",
                Map.of())
            .data()
            .get("entitiesPaginated");

    assertThat(all.get("items").findValuesAsText("name")).containsExactly("customer");
    assertThat(all.get("totalItems").asInt()).isEqualTo(2);
    assertThat(all.get("totalPages").asInt()).isEqualTo(2);
    assertThat(ofOrderCount.get("items").findValuesAsText("name")).containsExactly("customer");
  }

  @Test
  void pagesGroupBysAsDimensionsThenEntities() {
    JsonNode page =
        sl.post(
                "{ groupBysPaginated(environmentId: "
                    + PROD
                    + ", metrics: [{name: \"order_count\"}]) { items { __typename"
                    + " ... on Dimension { qualifiedName } ... on Entity { name } } totalItems } }",
                Map.of())
            .data()
            .get("groupBysPaginated");

    assertThat(page.get("items").findValuesAsText("__typename"))
        .containsExactly("Dimension", "Dimension", "Entity");
    assertThat(page.get("items").get(1).get("qualifiedName").asText())
        .isEqualTo("customer__region");
    assertThat(page.get("items").get(2).get("name").asText()).isEqualTo("customer");
  }

  @Test
  void pagesAndSearchesSavedQueries() {
    JsonNode page =
        sl.post(
                "{ savedQueriesPaginated(environmentId: "
                    + PROD
                    + ", search: \"VOLUME\") { items { name } pageNum totalItems totalPages } }",
                Map.of())
            .data()
            .get("savedQueriesPaginated");

    assertThat(page.get("items").findValuesAsText("name")).containsExactly("order_volume");
    assertThat(page.get("pageNum").asInt()).isEqualTo(1);
  }

  @Test
  void recordsTheQueriesMadeInTheEnvironment() {
    String first =
        createQuery(
            "metrics: [{name: \"revenue\"}], groupBy: [{name: \"metric_time\", grain: month}]");
    String second = createQuery("savedQuery: \"order_volume\", limit: 5");
    for (int i = 0; i < 4; i++) {
      sl.post(
          "{ query(environmentId: " + PROD + ", queryId: \"" + first + "\") { status } }",
          Map.of());
    }

    JsonNode page =
        sl.post(
                "{ queryRecords(environmentId: "
                    + PROD
                    + ") { items { queryId status sqlDialect startTime endTime error queryDetails {"
                    + " ... on SemanticLayerQueryDetails { params { type metrics { name }"
                    + " groupBy { name grain } limit savedQuery } } } } totalItems pageNum pageSize } }",
                Map.of())
            .data()
            .get("queryRecords");

    assertThat(page.get("totalItems").asInt()).isEqualTo(2);
    List<String> ids = page.get("items").findValuesAsText("queryId");
    assertThat(ids).containsExactlyInAnyOrder(first, second);
    JsonNode polled = page.get("items").get(ids.indexOf(first));
    assertThat(polled.get("status").asText()).isEqualTo("SUCCESSFUL");
    assertThat(polled.get("sqlDialect").asText()).isEqualTo("SNOWFLAKE");
    assertThat(polled.get("endTime").isNull()).isFalse();
    assertThat(polled.at("/queryDetails/params/groupBy/0/grain").asText()).isEqualTo("MONTH");
    JsonNode pending = page.get("items").get(ids.indexOf(second));
    assertThat(pending.get("status").asText()).isEqualTo("PENDING");
    assertThat(pending.at("/queryDetails/params/savedQuery").asText()).isEqualTo("order_volume");
    assertThat(pending.at("/queryDetails/params/limit").asInt()).isEqualTo(5);
  }

  @Test
  void queryRecordsCheckTheTokenToo() {
    GraphQlHttp otherProject =
        new GraphQlHttp(emulator, "Authorization", "Bearer dbtc_other_project_token");

    assertThat(
            otherProject
                .post("{ queryRecords(environmentId: " + PROD + ") { totalItems } }", Map.of())
                .error())
        .isEqualTo("User is not authorized");
  }

  @Test
  void refusesASeedSavedQueryOfAnUnknownMetric() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                DbtCloudEmulator.builder()
                    .seedText(
                        """
                        accounts: [{id: 1}]
                        projects: [{id: 2, account_id: 1, name: p}]
                        environments: [{id: 3, project_id: 2, name: e, type: deployment}]
                        semantic_layer:
                          environments:
                            - environment_id: 3
                              metrics: [{name: revenue}]
                              saved_queries: [{name: q, metrics: [nope]}]
                        """)
                    .start())
        .hasMessageContaining("metric 'nope' is not a metric of environment 3");
  }
}
