package io.github.dbtcloud.emulator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLifecycleTest {

  private static final String SPACED = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00";

  private RunsFixture dbt = new RunsFixture();

  @AfterEach
  void stop() {
    dbt.close();
  }

  @Test
  void aTriggerAnswersTheRunQueuedWithNoDequeueOrStartTime() {
    RunsFixture.Answer answer =
        dbt.post(RunsFixture.triggerPath(RunsFixture.NIGHTLY), "{\"cause\":\"release 1.2\"}");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode run = answer.body().get("data");
    assertThat(run.get("status").asInt()).isEqualTo(1);
    assertThat(run.get("status_humanized").asText()).isEqualTo("Queued");
    assertThat(run.get("dequeued_at").isNull()).isTrue();
    assertThat(run.get("started_at").isNull()).isTrue();
    assertThat(run.get("finished_at").isNull()).isTrue();
    assertThat(run.get("in_progress").asBoolean()).isTrue();
    assertThat(run.get("is_complete").asBoolean()).isFalse();
    assertThat(run.get("created_at").asText())
        .matches(SPACED)
        .isEqualTo("2024-06-03 10:00:00.000000+00:00");
    assertThat(run.get("job_definition_id").asLong()).isEqualTo(RunsFixture.NIGHTLY);
    assertThat(run.get("job_id").asLong()).isEqualTo(RunsFixture.NIGHTLY);
    assertThat(run.get("id").asLong()).isGreaterThan(Integer.MAX_VALUE);
    assertThat(run.get("href").asText())
        .endsWith(
            "/deploy/"
                + RunsFixture.ACCOUNT
                + "/projects/70403103900002/runs/"
                + run.get("id").asLong()
                + "/");
  }

  @Test
  void aRunMovesFromQueuedThroughStartingAndRunningToSuccessSettingEachTimestamp() {
    long id = dbt.trigger(RunsFixture.NIGHTLY);

    dbt.advance(0.3);
    JsonNode starting = dbt.run(id);
    dbt.advance(0.3);
    JsonNode running = dbt.run(id);
    dbt.advance(1.2);
    JsonNode done = dbt.run(id);

    assertThat(starting.get("status_humanized").asText()).isEqualTo("Starting");
    assertThat(starting.get("dequeued_at").asText()).isEqualTo("2024-06-03 10:00:00.300000+00:00");
    assertThat(starting.get("started_at").isNull()).isTrue();
    assertThat(running.get("status").asInt()).isEqualTo(3);
    assertThat(running.get("is_running").asBoolean()).isTrue();
    assertThat(running.get("started_at").asText()).isEqualTo("2024-06-03 10:00:00.600000+00:00");
    assertThat(running.get("git_sha").asText()).matches("[0-9a-f]{40}");
    assertThat(done.get("status").asInt()).isEqualTo(10);
    assertThat(done.get("status_humanized").asText()).isEqualTo("Success");
    assertThat(done.get("finished_at").asText()).isEqualTo("2024-06-03 10:00:01.800000+00:00");
    assertThat(done.get("in_progress").asBoolean()).isFalse();
    assertThat(done.get("is_complete").asBoolean()).isTrue();
    assertThat(done.get("is_success").asBoolean()).isTrue();
    assertThat(done.get("is_error").asBoolean()).isFalse();
    assertThat(done.get("is_running").asBoolean()).isFalse();
    assertThat(done.get("artifacts_saved").asBoolean()).isTrue();
    assertThat(done.get("duration").asText()).isEqualTo("00:00:01");
    assertThat(done.get("finished_at_humanized").asText()).isEqualTo("0 minutes ago");
  }

  @Test
  void stepsAppearAsTheyStartAndCarryTheirLogsWhenTheyFinish() {
    long id = dbt.trigger(RunsFixture.NIGHTLY);

    dbt.advance(0.6 + 0.45);
    JsonNode midway = dbt.run(id).get("run_steps");
    dbt.advance(10);
    JsonNode steps = dbt.run(id).get("run_steps");

    assertThat(midway).hasSize(2);
    assertThat(midway.get(0).get("status").asInt()).isEqualTo(10);
    assertThat(midway.get(1).get("status_humanized").asText()).isEqualTo("Running");
    assertThat(midway.get(1).get("finished_at").isNull()).isTrue();
    assertThat(names(steps))
        .containsExactly(
            "Clone git repository",
            "Create profile from connection",
            "Invoke dbt with `dbt deps`",
            "Invoke dbt with `dbt build`");
    JsonNode build = steps.get(3);
    assertThat(build.get("index").asInt()).isEqualTo(4);
    assertThat(build.get("status").asInt()).isEqualTo(10);
    assertThat(build.get("started_at").asText()).isEqualTo("2024-06-03 10:00:01.500000+00:00");
    assertThat(build.get("finished_at").asText()).isEqualTo("2024-06-03 10:00:01.800000+00:00");
    assertThat(build.get("logs").asText())
        .contains("Running with dbt=")
        .contains("Done. PASS=6 WARN=0 ERROR=0");
    assertThat(build.get("truncated_debug_logs").asText()).contains("[debug]");
    assertThat(build.at("/run_step_command/dbt_command").asText()).isEqualTo("dbt build");
  }

  @Test
  void runStepsAreEmptyUnlessIncludeRelatedAsksForThem() {
    long id = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(5);

    JsonNode plain = dbt.get(RunsFixture.RUNS + id + "/").body().get("data");
    JsonNode commaForm =
        dbt.get(RunsFixture.RUNS + id + "/?include_related=trigger,run_steps").body().get("data");
    JsonNode repeated =
        dbt.get(RunsFixture.RUNS + id + "/?include_related=job&include_related=run_steps")
            .body()
            .get("data");

    assertThat(plain.get("run_steps")).isEmpty();
    assertThat(plain.get("trigger").isNull()).isTrue();
    assertThat(commaForm.get("run_steps")).hasSize(4);
    assertThat(commaForm.at("/trigger/cause").asText()).isEqualTo("test");
    assertThat(repeated.at("/job/name").asText()).isEqualTo("Nightly build");
    assertThat(repeated.get("run_steps")).hasSize(4);
  }

  @Test
  void aScriptedFailureErrorsAtTheFailingStepAndRunsNothingAfterIt() {
    try (RunsFixture failing =
        new RunsFixture(
            """
        run_scripts:
          - job_name: Nightly build
            status_message: "Database Error"
            steps:
              - {name: Clone git repository, duration: 0.1}
              - {command: dbt seed, duration: 0.5s}
              - command: dbt build
                duration: 2s
                outcome: error
                nodes:
                  - {unique_id: model.jaffle_shop.orders, status: error, message: "relation raw.orders does not exist"}
              - {command: dbt docs generate}
        """)) {
      long id = failing.trigger(RunsFixture.NIGHTLY);
      failing.advance(60);

      JsonNode run = failing.run(id);
      assertThat(run.get("status").asInt()).isEqualTo(20);
      assertThat(run.get("is_error").asBoolean()).isTrue();
      assertThat(run.get("status_message").asText()).isEqualTo("Database Error");
      assertThat(run.get("finished_at").asText()).isEqualTo("2024-06-03 10:00:03.200000+00:00");
      assertThat(names(run.get("run_steps")))
          .containsExactly(
              "Clone git repository", "Invoke dbt with `dbt seed`", "Invoke dbt with `dbt build`");
      JsonNode build = run.get("run_steps").get(2);
      assertThat(build.get("status_humanized").asText()).isEqualTo("Error");
      assertThat(build.get("logs").asText())
          .contains("relation raw.orders does not exist")
          .contains("Completed with 1 error");
    }
  }

  @Test
  void aScriptedCancellationEndsTheRunCancelledByUser() {
    try (RunsFixture cancelled =
        new RunsFixture(
            """
        run_scripts:
          - {job_id: 70403103900100, outcome: cancelled}
        """)) {
      long id = cancelled.trigger(RunsFixture.NIGHTLY);
      cancelled.advance(60);

      JsonNode run = cancelled.run(id);
      assertThat(run.get("status").asInt()).isEqualTo(30);
      assertThat(run.get("status_message").asText()).isEqualTo("Cancelled by user.");
      assertThat(run.get("is_cancelled").asBoolean()).isTrue();
      assertThat(run.get("run_steps").get(3).get("status").asInt()).isEqualTo(30);
    }
  }

  @Test
  void stepsOverrideReplacesTheJobsCommandsAndGenerateDocsAddsTheDocsStep() {
    long id =
        dbt.trigger(
            RunsFixture.DOCS, "{\"cause\":\"c\",\"steps_override\":[\"dbt seed\",\"dbt test\"]}");
    dbt.advance(60);

    JsonNode run = dbt.run(id);
    assertThat(names(run.get("run_steps")))
        .endsWith(
            "Invoke dbt with `dbt seed`",
            "Invoke dbt with `dbt test`",
            "Invoke dbt with `dbt docs generate`");
    assertThat(run.get("has_docs_generated").asBoolean()).isTrue();
  }

  @Test
  void theTriggerObjectEchoesEveryOverride() {
    long id =
        dbt.trigger(
            RunsFixture.NIGHTLY,
            """
        {"cause": "release", "git_branch": "release/1.2", "git_sha": "abc123", "schema_override": "ci_42",
         "dbt_version_override": "1.9.0", "threads_override": 8, "target_name_override": "ci",
         "generate_docs_override": false, "timeout_seconds_override": 600, "github_pull_request_id": 42,
         "steps_override": ["dbt build -s orders"]}""");

    JsonNode run = dbt.run(id);
    JsonNode trigger = run.get("trigger");
    assertThat(trigger.get("cause").asText()).isEqualTo("release");
    assertThat(trigger.get("job_definition_id").asLong()).isEqualTo(RunsFixture.NIGHTLY);
    assertThat(trigger.get("schema_override").asText()).isEqualTo("ci_42");
    assertThat(trigger.get("threads_override").asInt()).isEqualTo(8);
    assertThat(trigger.get("target_name_override").asText()).isEqualTo("ci");
    assertThat(trigger.get("timeout_seconds_override").asInt()).isEqualTo(600);
    assertThat(trigger.get("github_pull_request_id").asInt()).isEqualTo(42);
    assertThat(trigger.get("steps_override").get(0).asText()).isEqualTo("dbt build -s orders");
    assertThat(trigger.get("cause_category").asText()).isEqualTo("ci");
    assertThat(run.get("git_branch").asText()).isEqualTo("release/1.2");
    assertThat(run.get("git_sha").asText()).isEqualTo("abc123");
    assertThat(run.get("dbt_version").asText()).isEqualTo("1.9.0");
  }

  @Test
  void scriptsNamingAJobPlayInOrderForItsSuccessiveRunsAndTheLastRepeats() {
    dbt.emulator
        .runs()
        .script(RunScript.forJob(RunsFixture.NIGHTLY).ending(RunScript.Outcome.ERROR, List.of()));
    dbt.emulator.runs().script(RunScript.forJob(RunsFixture.NIGHTLY));

    long first = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);
    long second = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);
    long third = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);

    assertThat(dbt.run(first).get("status").asInt()).isEqualTo(20);
    assertThat(dbt.run(second).get("status").asInt()).isEqualTo(10);
    assertThat(dbt.run(third).get("status").asInt()).isEqualTo(10);
  }

  @Test
  void aRunStartedFromJavaIsTheSameAsOneTriggeredOverHttp() {
    long id =
        dbt.emulator.runs().trigger(dbt.emulator.runs().jobNamed("Nightly build"), "from java");
    dbt.advance(60);

    JsonNode run = dbt.emulator.runs().run(id);
    assertThat(run.get("status").asInt()).isEqualTo(10);
    assertThat(run.at("/trigger/cause").asText()).isEqualTo("from java");
    assertThat(dbt.run(id).get("finished_at")).isEqualTo(run.get("finished_at"));
  }

  @Test
  void runsSurviveARestartFromTheStateFileAndKeepProgressing(@TempDir Path dir) {
    Path state = dir.resolve("state.json");
    ManualClock clock = ManualClock.standing();
    long id;
    try (RunsFixture first = new RunsFixture("", state, clock)) {
      id = first.trigger(RunsFixture.NIGHTLY);
      first.advance(0.9);
      assertThat(first.run(id).get("status").asInt()).isEqualTo(3);
    }
    clock.advance(Duration.ofSeconds(60));

    try (RunsFixture second = new RunsFixture("", state, clock)) {
      JsonNode run = second.run(id);
      assertThat(run.get("status").asInt()).isEqualTo(10);
      assertThat(run.get("finished_at").asText()).isEqualTo("2024-06-03 10:00:01.800000+00:00");
    }
  }

  private static List<String> names(JsonNode steps) {
    List<String> out = new ArrayList<>();
    steps.forEach(s -> out.add(s.get("name").asText()));
    return out;
  }
}
