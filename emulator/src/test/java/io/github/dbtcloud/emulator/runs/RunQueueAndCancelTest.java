package io.github.dbtcloud.emulator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunQueueAndCancelTest {

  private RunsFixture dbt;

  @BeforeEach
  void start() {
    dbt = new RunsFixture();
    // the nightly job's build takes 10 s, so its runs overlap when triggered close together
    dbt.emulator
        .runs()
        .script(
            RunScript.forJob(RunsFixture.NIGHTLY)
                .withSteps(
                    List.of(RunScript.Step.dbt("dbt build").taking(Duration.ofSeconds(10)))));
  }

  @AfterEach
  void stop() {
    dbt.close();
  }

  @Test
  void aRunOfABusyJobWaitsInTheQueueUntilTheRunInProgressEnds() {
    long busy = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(1);
    long next = dbt.trigger(RunsFixture.NIGHTLY);

    dbt.advance(5);
    JsonNode waiting = dbt.run(next);
    dbt.advance(10);
    JsonNode first = dbt.run(busy);
    JsonNode second = dbt.run(next);

    assertThat(waiting.get("status").asInt()).isEqualTo(1);
    assertThat(waiting.get("dequeued_at").isNull()).isTrue();
    assertThat(waiting.get("blocked_by")).extracting(JsonNode::asLong).containsExactly(busy);
    assertThat(first.get("status").asInt()).isEqualTo(10);
    assertThat(second.get("dequeued_at").asText()).isEqualTo(first.get("finished_at").asText());
    assertThat(second.get("blocked_by")).isEmpty();
    assertThat(second.get("status").asInt()).isEqualTo(3);
  }

  @Test
  void theTriggerAnswerForABusyJobNamesTheRunItWaitsFor() {
    long busy = dbt.trigger(RunsFixture.NIGHTLY);

    JsonNode queued =
        dbt.post(RunsFixture.triggerPath(RunsFixture.NIGHTLY), "{\"cause\":\"second\"}")
            .body()
            .get("data");

    assertThat(queued.get("status").asInt()).isEqualTo(1);
    assertThat(queued.get("blocked_by")).extracting(JsonNode::asLong).containsExactly(busy);
  }

  @Test
  void aScriptWithNoQueueTimeStillAnswersTheTriggerQueued() {
    dbt.emulator
        .runs()
        .script(RunScript.forJob(RunsFixture.DOCS).queuedFor(Duration.ZERO, Duration.ZERO));

    JsonNode run =
        dbt.post(RunsFixture.triggerPath(RunsFixture.DOCS), "{\"cause\":\"c\"}").body().get("data");

    assertThat(run.get("status").asInt()).isEqualTo(1);
  }

  @Test
  void runsOfDifferentJobsDoNotWaitForEachOther() {
    dbt.trigger(RunsFixture.NIGHTLY);
    long docs = dbt.trigger(RunsFixture.DOCS);

    dbt.advance(1);

    assertThat(dbt.run(docs).get("status").asInt()).isEqualTo(3);
  }

  @Test
  void cancellingMidRunEndsItCancelledByUserAndCancelsTheRunningStep() {
    long id = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(3);

    RunsFixture.Answer answer = dbt.post(RunsFixture.RUNS + id + "/cancel/", null);
    dbt.advance(60);
    JsonNode run = dbt.run(id);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().at("/data/status").asInt()).isEqualTo(30);
    assertThat(answer.body().at("/data/status_message").asText()).isEqualTo("Cancelled by user.");
    assertThat(answer.body().at("/data/is_cancelled").asBoolean()).isTrue();
    assertThat(answer.body().at("/data/in_progress").asBoolean()).isFalse();
    assertThat(run.get("status").asInt()).isEqualTo(30);
    assertThat(run.get("finished_at").asText()).isEqualTo("2024-06-03 10:00:03.000000+00:00");
    assertThat(run.get("run_steps").get(0).get("status_humanized").asText()).isEqualTo("Cancelled");
    assertThat(run.get("artifacts_saved").asBoolean()).isFalse();
  }

  @Test
  void cancellingAQueuedRunLeavesItNeverDequeuedNorStarted() {
    long id = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(0.1);

    JsonNode run = dbt.post(RunsFixture.RUNS + id + "/cancel/", null).body().get("data");

    assertThat(run.get("status").asInt()).isEqualTo(30);
    assertThat(run.get("dequeued_at").isNull()).isTrue();
    assertThat(run.get("started_at").isNull()).isTrue();
    assertThat(run.get("finished_at").isNull()).isFalse();
    assertThat(run.get("run_duration_humanized").asText()).isEqualTo("0 minutes");
  }

  @Test
  void cancellingTheBusyRunLetsTheQueuedRunStart() {
    long busy = dbt.trigger(RunsFixture.NIGHTLY);
    long next = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(2);

    dbt.post(RunsFixture.RUNS + busy + "/cancel/", null);
    dbt.advance(1);

    assertThat(dbt.run(next).get("dequeued_at").asText())
        .isEqualTo("2024-06-03 10:00:02.000000+00:00");
  }

  @Test
  void cancellingAFinishedRunAnswersItUnchanged() {
    long id = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);

    RunsFixture.Answer answer = dbt.post(RunsFixture.RUNS + id + "/cancel/", null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().at("/data/status").asInt()).isEqualTo(10);
    assertThat(answer.body().at("/data/status_message").isNull()).isTrue();
  }

  @Test
  void cancellingAFinishedRunCanBeMadeA400() {
    dbt.emulator.runs().refuseCancelOfFinishedRuns(true);
    long id = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);

    RunsFixture.Answer answer = dbt.post(RunsFixture.RUNS + id + "/cancel/", null);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().at("/data/status").asText()).contains("already finished");
  }

  @Test
  void anUnknownRunIsNotFoundWithThePermissionsHint() {
    RunsFixture.Answer get = dbt.get(RunsFixture.RUNS + "12345/");
    RunsFixture.Answer cancel = dbt.post(RunsFixture.RUNS + "12345/cancel/", null);

    assertThat(get.status()).isEqualTo(404);
    assertThat(get.body().at("/status/user_message").asText()).contains("proper permissions");
    assertThat(cancel.status()).isEqualTo(404);
  }
}
