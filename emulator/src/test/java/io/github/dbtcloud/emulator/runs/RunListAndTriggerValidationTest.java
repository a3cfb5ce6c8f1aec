package io.github.dbtcloud.emulator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunListAndTriggerValidationTest {

  private final RunsFixture dbt =
      new RunsFixture(
          """
      run_scripts:
        - {job_name: Docs, outcome: error}
      """);

  @AfterEach
  void stop() {
    dbt.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "status__in=[10,20]",
        "status__in=10&status__in=20",
        "status__in=10,20",
        "status__in=[\"10\",\"20\"]"
      })
  void listsRunsByStatusInEveryEncoding(String query) {
    long ok = dbt.trigger(RunsFixture.NIGHTLY);
    long failed = dbt.trigger(RunsFixture.DOCS);
    dbt.advance(60);
    long queued = dbt.trigger(RunsFixture.NIGHTLY);

    JsonNode page = dbt.get(RunsFixture.RUNS + "?" + query).body();

    assertThat(ids(page)).containsExactly(ok, failed).doesNotContain(queued);
    assertThat(page.at("/extra/pagination/total_count").asInt()).isEqualTo(2);
  }

  @Test
  void filtersByJobAndOrdersAndPages() {
    long first = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);
    long second = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.trigger(RunsFixture.DOCS);

    JsonNode newestFirst =
        dbt.get(
                RunsFixture.RUNS
                    + "?job_definition_id="
                    + RunsFixture.NIGHTLY
                    + "&order_by=-created_at")
            .body();
    JsonNode paged = dbt.get(RunsFixture.RUNS + "?limit=1&offset=1").body();

    assertThat(ids(newestFirst)).containsExactly(second, first);
    assertThat(newestFirst.at("/extra/order_by").asText()).isEqualTo("-created_at");
    assertThat(ids(paged)).containsExactly(second);
    assertThat(paged.at("/extra/pagination/total_count").asInt()).isEqualTo(3);
    assertThat(paged.at("/extra/filters/limit").asInt()).isEqualTo(1);
  }

  @Test
  void refusesAnUnparsableStatusInAndAnUnknownOrdering() {
    RunsFixture.Answer badIn = dbt.get(RunsFixture.RUNS + "?status__in=[ten]");
    RunsFixture.Answer badOrder = dbt.get(RunsFixture.RUNS + "?order_by=name");

    assertThat(badIn.status()).isEqualTo(400);
    assertThat(badIn.body().at("/data/status__in").asText())
        .contains("is not valid under any of the given schemas");
    assertThat(badOrder.status()).isEqualTo(400);
    assertThat(badOrder.body().at("/data/order_by").asText())
        .contains("id, created_at or finished_at");
  }

  @Test
  void pagesWithTheSameLimitAndOffsetRulesAsEveryOtherList() {
    RunsFixture.Answer tooMany = dbt.get(RunsFixture.RUNS + "?limit=101");
    RunsFixture.Answer negative = dbt.get(RunsFixture.RUNS + "?offset=-1");

    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.body().at("/data/limit").asText())
        .isEqualTo(
            "Ensure this value is less than or equal to 100 and greater than or equal to 1.");
    assertThat(negative.status()).isEqualTo(400);
    assertThat(negative.body().at("/data/offset").asText())
        .isEqualTo("Ensure this value is greater than or equal to 0.");
  }

  @Test
  void aTriggerWithoutACauseIsRefused() {
    RunsFixture.Answer noBody = dbt.post(RunsFixture.triggerPath(RunsFixture.NIGHTLY), null);
    RunsFixture.Answer emptyObject = dbt.post(RunsFixture.triggerPath(RunsFixture.NIGHTLY), "{}");

    assertThat(noBody.status()).isEqualTo(400);
    assertThat(noBody.body().at("/data/cause").asText()).isEqualTo("This field is required.");
    assertThat(emptyObject.body().at("/data/cause").asText()).isEqualTo("This field is required.");
  }

  @Test
  void aTriggerReportsEveryBadFieldAtOnceAsProductionsSerializerDoes() {
    RunsFixture.Answer answer =
        dbt.post(
            RunsFixture.triggerPath(RunsFixture.NIGHTLY),
            """
        {"cause": "%s", "git_branch": "", "schema_override": "", "threads_override": "eight",
         "steps_override": "dbt build", "generate_docs_override": "yes"}"""
                .formatted("x".repeat(256)));

    assertThat(answer.status()).isEqualTo(400);
    JsonNode data = answer.body().get("data");
    assertThat(data.get("cause").asText())
        .isEqualTo("Ensure this field has no more than 255 characters.");
    assertThat(data.get("git_branch").asText()).isEqualTo("This field may not be blank.");
    assertThat(data.get("schema_override").asText()).isEqualTo("This field may not be blank.");
    assertThat(data.get("threads_override").asText()).isEqualTo("A valid integer is required.");
    assertThat(data.get("steps_override").asText())
        .isEqualTo("Expected a list of items but got type \"str\".");
    assertThat(data.get("generate_docs_override").asText()).isEqualTo("Must be a valid boolean.");
    assertThat(dbt.get(RunsFixture.RUNS).body().get("data")).as("nothing was queued").isEmpty();
  }

  @Test
  void aTriggerTreatsNullAsNotGivenAndAcceptsACauseOf255Characters() {
    RunsFixture.Answer answer =
        dbt.post(
            RunsFixture.triggerPath(RunsFixture.NIGHTLY),
            "{\"cause\": \""
                + "x".repeat(255)
                + "\", \"git_branch\": null, \"steps_override\": null}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().at("/data/git_branch").asText()).isEqualTo("main");
  }

  @Test
  void aTriggerOfAnUnknownOrDeletedJobIsNotFound() {
    dbt.delete("/api/v2/accounts/" + RunsFixture.ACCOUNT + "/jobs/" + RunsFixture.DOCS + "/");

    RunsFixture.Answer deleted =
        dbt.post(RunsFixture.triggerPath(RunsFixture.DOCS), "{\"cause\":\"c\"}");
    RunsFixture.Answer unknown = dbt.post(RunsFixture.triggerPath(123), "{\"cause\":\"c\"}");

    assertThat(deleted.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(404);
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> out = new ArrayList<>();
    page.get("data").forEach(r -> out.add(r.get("id").asLong()));
    return out;
  }
}
