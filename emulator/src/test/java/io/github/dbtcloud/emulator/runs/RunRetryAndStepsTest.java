package io.github.dbtcloud.emulator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run fields and routes around retrying: {@code can_retry}, {@code retry_not_supported_reason}
 * and {@code retrying_run_id} on every run, {@code GET/POST .../runs/{id}/retry/}, {@code POST
 * .../jobs/{id}/rerun/}, and the step and job-artifact reads.
 */
class RunRetryAndStepsTest {

  private static final String JOBS = "/api/v2/accounts/" + RunsFixture.ACCOUNT + "/jobs/";
  private static final String STEPS = "/api/v2/accounts/" + RunsFixture.ACCOUNT + "/steps/";

  private final RunsFixture dbt = new RunsFixture();

  @AfterEach
  void stop() {
    dbt.close();
  }

  private long failedDocsRun() {
    dbt.emulator
        .runs()
        .script(RunScript.forJob(RunsFixture.DOCS).ending(RunScript.Outcome.ERROR, List.of()));
    dbt.emulator.runs().script(RunScript.forJob(RunsFixture.DOCS)); // later runs succeed
    long id = dbt.trigger(RunsFixture.DOCS);
    dbt.advance(60);
    return id;
  }

  @Test
  void aTriggerAnswerCarriesItsTrigger() {
    JsonNode run =
        dbt.post(RunsFixture.triggerPath(RunsFixture.NIGHTLY), "{\"cause\":\"nightly check\"}")
            .body()
            .get("data");

    assertThat(run.get("trigger").isObject()).isTrue();
    assertThat(run.at("/trigger/cause").asText()).isEqualTo("nightly check");
    assertThat(run.at("/trigger/job_definition_id").asLong()).isEqualTo(RunsFixture.NIGHTLY);
    assertThat(run.at("/trigger/cause_category").asText()).isEqualTo("api");
  }

  @Test
  void everyRunSaysWhetherItCanBeRetried() {
    long ok = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);

    JsonNode run = dbt.run(ok);

    assertThat(run.get("can_retry").asBoolean()).isFalse();
    assertThat(run.get("retry_not_supported_reason").asText()).isEqualTo("RETRY_NOT_FAILED_RUN");
    assertThat(run.get("retrying_run_id").isNull()).isTrue();
    assertThat(run.get("used_repo_cache").asBoolean()).isFalse();
  }

  @Test
  void theLatestFailedRunCanBeRetried() {
    long failed = failedDocsRun();

    JsonNode run = dbt.run(failed);

    assertThat(run.get("status").asInt()).isEqualTo(20);
    assertThat(run.get("can_retry").asBoolean()).isTrue();
    assertThat(run.get("retry_not_supported_reason").isNull()).isTrue();
  }

  @Test
  void aFailedRunThatIsNoLongerTheLatestCannotBeRetried() {
    long failed = failedDocsRun();
    dbt.trigger(RunsFixture.DOCS);

    assertThat(dbt.run(failed).get("retry_not_supported_reason").asText())
        .isEqualTo("RETRY_NOT_LATEST_RUN");
    RunsFixture.Answer refused = dbt.post(RunsFixture.RUNS + failed + "/retry/", null);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().at("/data/retry_not_supported_reason").asText())
        .startsWith("RETRY_NOT_LATEST_RUN");
  }

  @Test
  void describesTheFailedStepAndTheStepsItSkipped() {
    long failed = failedDocsRun();

    RunsFixture.Answer details = dbt.get(RunsFixture.RUNS + failed + "/retry/");

    assertThat(details.status()).isEqualTo(200);
    assertThat(details.body().at("/data/failed_step").asText()).isEqualTo("dbt run");
    assertThat(details.body().at("/data/skipped_steps").toString())
        .isEqualTo("[\"dbt docs generate\"]");
  }

  @Test
  void aRunThatDidNotFailHasNoFailureDetails() {
    long ok = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);

    RunsFixture.Answer details = dbt.get(RunsFixture.RUNS + ok + "/retry/");

    assertThat(details.status()).isEqualTo(400);
    assertThat(details.body().at("/data/retry_not_supported_reason").asText())
        .startsWith("RETRY_NOT_FAILED_RUN");
  }

  @Test
  void aRetryRunsTheFailedStepAndTheSkippedOnesAndNamesTheRunItRetries() {
    long failed = failedDocsRun();

    RunsFixture.Answer answer = dbt.post(RunsFixture.RUNS + failed + "/retry/", null);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode retry = answer.body().get("data");
    assertThat(retry.get("retrying_run_id").asLong()).isEqualTo(failed);
    assertThat(retry.at("/trigger/cause_category").asText()).isEqualTo("rerun");
    dbt.advance(60);
    JsonNode finished = dbt.run(retry.get("id").asLong());
    assertThat(finished.get("status").asInt()).isEqualTo(10);
    assertThat(names(finished.get("run_steps")))
        .containsExactly(
            "Clone git repository",
            "Create profile from connection",
            "Invoke dbt with `dbt deps`",
            "Invoke dbt with `dbt run`",
            "Invoke dbt with `dbt docs generate`");
  }

  @Test
  void aRerunRetriesTheLatestRunWhenItFailed() {
    long failed = failedDocsRun();

    JsonNode rerun = dbt.post(JOBS + RunsFixture.DOCS + "/rerun/", null).body().get("data");

    assertThat(rerun.get("retrying_run_id").asLong()).isEqualTo(failed);
    assertThat(rerun.at("/trigger/cause_category").asText()).isEqualTo("rerun");
  }

  @Test
  void aRerunOfAJobWhoseLatestRunSucceededStartsANewRun() {
    dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);

    RunsFixture.Answer answer = dbt.post(JOBS + RunsFixture.NIGHTLY + "/rerun/", null);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode run = answer.body().get("data");
    assertThat(run.get("retrying_run_id").isNull()).isTrue();
    assertThat(run.get("status").asInt()).isEqualTo(1);
    assertThat(run.at("/trigger/cause_category").asText()).isEqualTo("rerun");
  }

  @Test
  void aRerunOfAnUnknownJobIsNotFound() {
    assertThat(dbt.post(JOBS + "1/rerun/", null).status()).isEqualTo(404);
  }

  @Test
  void readsOneStepWithItsLogs() {
    long id = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);
    JsonNode fromRun = dbt.run(id).get("run_steps").get(3);

    RunsFixture.Answer answer =
        dbt.get(STEPS + fromRun.get("id").asLong() + "/?include_related=[\"debug_logs\"]");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode step = answer.body().get("data");
    assertThat(step.get("run_id").asLong()).isEqualTo(id);
    assertThat(step.get("name").asText()).isEqualTo("Invoke dbt with `dbt build`");
    assertThat(step.get("logs").asText()).isEqualTo(fromRun.get("logs").asText());
    assertThat(step.get("status").asInt()).isEqualTo(10);
  }

  @Test
  void aStepThatDoesNotExistIsNotFound() {
    assertThat(dbt.get(STEPS + "1/").status()).isEqualTo(404);
  }

  @Test
  void servesAJobsArtifactFromItsLatestRunThatHasIt() {
    long first = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);
    long second = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);

    RunsFixture.Answer answer = dbt.get(JOBS + RunsFixture.NIGHTLY + "/artifacts/run_results.json");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().at("/metadata/env/DBT_CLOUD_RUN_ID").asLong())
        .isEqualTo(second)
        .isNotEqualTo(first);
  }

  @Test
  void aJobArtifactNoRunHasIsNotFound() {
    assertThat(dbt.get(JOBS + RunsFixture.NIGHTLY + "/artifacts/run_results.json").status())
        .as("no run yet")
        .isEqualTo(404);
    dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);
    assertThat(dbt.get(JOBS + RunsFixture.NIGHTLY + "/artifacts/catalog.json").status())
        .isEqualTo(404);
    assertThat(
            dbt.get(JOBS + RunsFixture.NIGHTLY + "/artifacts/run_results.json?status=20").status())
        .as("no failed run")
        .isEqualTo(404);
  }

  private static List<String> names(JsonNode steps) {
    List<String> out = new ArrayList<>();
    steps.forEach(s -> out.add(s.get("name").asText()));
    return out;
  }
}
