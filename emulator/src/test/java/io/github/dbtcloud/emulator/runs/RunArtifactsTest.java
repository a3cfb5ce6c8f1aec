package io.github.dbtcloud.emulator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunArtifactsTest {

  private final RunsFixture dbt =
      new RunsFixture(
          """
      run_scripts:
        - job_name: Nightly build
          outcome: error
          failing_nodes:
            - {unique_id: model.jaffle_shop.orders, status: error, message: "relation raw.orders does not exist"}
            - {unique_id: test.jaffle_shop.unique_orders_order_id.fed79b3a6e, status: fail, message: "Got 2 results, configured to fail if != 0"}
      """);

  @AfterEach
  void stop() {
    dbt.close();
  }

  @Test
  void theArtifactListIsNullBeforeTheRunSavedAnything() {
    long id = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(1);

    RunsFixture.Answer answer = dbt.get(RunsFixture.RUNS + id + "/artifacts/");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("data").isNull()).isTrue();
    assertThat(dbt.get(RunsFixture.RUNS + id + "/artifacts/run_results.json").status())
        .isEqualTo(404);
  }

  @Test
  void aFinishedRunListsItsManifestAndRunResults() {
    long id = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);

    JsonNode data = dbt.get(RunsFixture.RUNS + id + "/artifacts/").body().get("data");

    assertThat(data)
        .extracting(JsonNode::asText)
        .containsExactly("manifest.json", "run_results.json");
  }

  @Test
  void runResultsIsTheRawV6ArtifactWithTheFailedNodes() {
    long id = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);

    RunsFixture.Answer answer = dbt.get(RunsFixture.RUNS + id + "/artifacts/run_results.json");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode results = answer.body();
    assertThat(results.has("status")).as("raw, not enveloped").isFalse();
    assertThat(results.at("/metadata/dbt_schema_version").asText())
        .isEqualTo("https://schemas.getdbt.com/dbt/run-results/v6.json");
    assertThat(results.at("/metadata/env/DBT_CLOUD_RUN_ID").asText()).isEqualTo(Long.toString(id));
    List<String> statuses = new ArrayList<>();
    results
        .get("results")
        .forEach(r -> statuses.add(r.get("unique_id").asText() + "=" + r.get("status").asText()));
    assertThat(statuses)
        .contains(
            "model.jaffle_shop.stg_orders=success",
            "model.jaffle_shop.orders=error",
            "test.jaffle_shop.unique_orders_order_id.fed79b3a6e=fail",
            "test.jaffle_shop.not_null_orders_order_id.cf6c17daed=pass");
    assertThat(results.get("results"))
        .allSatisfy(
            r ->
                assertThat(r.get("status").asText())
                    .isIn("success", "error", "fail", "skip", "warn", "pass"));
    assertThat(results.get("args").get("which").asText()).isEqualTo("build");
  }

  @Test
  void stepPicksTheStepOneBasedAndDefaultsToTheLastStep() {
    long id = dbt.trigger(RunsFixture.DOCS);
    dbt.advance(60);

    JsonNode last = dbt.get(RunsFixture.RUNS + id + "/artifacts/run_results.json").body();
    JsonNode fourth = dbt.get(RunsFixture.RUNS + id + "/artifacts/run_results.json?step=4").body();
    JsonNode manifest = dbt.get(RunsFixture.RUNS + id + "/artifacts/manifest.json?step=4").body();

    assertThat(last.at("/args/which").asText()).isEqualTo("docs");
    assertThat(fourth.at("/args/which").asText()).isEqualTo("run");
    assertThat(manifest.at("/metadata/dbt_schema_version").asText()).endsWith("/manifest/v12.json");
    assertThat(manifest.at("/nodes/model.jaffle_shop.orders/resource_type").asText())
        .isEqualTo("model");
  }

  @Test
  void aMissingArtifactOrAStepWithoutArtifactsIsNotFound() {
    long id = dbt.trigger(RunsFixture.DOCS);
    dbt.advance(60);

    assertThat(dbt.get(RunsFixture.RUNS + id + "/artifacts/catalog.json").status()).isEqualTo(404);
    assertThat(
            dbt.get(RunsFixture.RUNS + id + "/artifacts/run/jaffle_shop/models/orders.sql")
                .status())
        .isEqualTo(404);
    assertThat(dbt.get(RunsFixture.RUNS + id + "/artifacts/run_results.json?step=1").status())
        .isEqualTo(404);
    assertThat(dbt.get(RunsFixture.RUNS + id + "/artifacts/run_results.json?step=9").status())
        .isEqualTo(404);
  }
}
