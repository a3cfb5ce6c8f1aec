package io.github.dbtcloud.emulator.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.state.EmulatorState;
import io.github.dbtcloud.emulator.state.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run lifecycle: queued (1) -> starting (2) -> running (3) -> success (10), error (20) or
 * cancelled (30). A run's whole future is planned when it is triggered (from its job and its {@link
 * RunScript}); {@link #advance} then moves every run to where that plan puts it at the clock's
 * time. Nothing runs in the background, so a manual clock makes tests exact and a real clock makes
 * runs progress in real time. A run of a job that is still running waits in the queue until the
 * earlier run ends.
 */
final class RunEngine {

  static final int QUEUED = 1;
  static final int STARTING = 2;
  static final int RUNNING = 3;
  static final int SUCCESS = 10;
  static final int ERROR = 20;
  static final int CANCELLED = 30;

  /** The status message of a cancelled run, as recorded. */
  static final String CANCELLED_MESSAGE = "Cancelled by user.";

  private RunEngine() {}

  /** Creates the run (status 1) of {@code job} for a validated trigger, with its planned future. */
  static ObjectNode trigger(EmulatorState state, ObjectNode job, ObjectNode trigger, Instant now) {
    return trigger(state, job, trigger, now, null, null);
  }

  /**
   * Creates a run of {@code job}; {@code commands}, when not null, are the dbt commands it runs
   * instead of the job's (a retry runs the failed step and the ones it skipped), and {@code
   * retrying} is the id of the run it retries, or null.
   */
  static ObjectNode trigger(
      EmulatorState state,
      ObjectNode job,
      ObjectNode trigger,
      Instant now,
      List<String> commands,
      Long retrying) {
    long jobId = job.get("id").asLong();
    int earlier =
        state
            .table(EmulatorState.RUNS)
            .where(r -> r.get("job_definition_id").asLong() == jobId)
            .size();
    RunScript script = RunScripts.forRun(state, job, earlier);
    JsonNode environment =
        state
            .table(EmulatorState.ENVIRONMENTS)
            .get(job.get("environment_id").asLong())
            .map(e -> (JsonNode) e)
            .orElse(Json.MAPPER.createObjectNode());
    long id = state.newId();
    String at = Timestamps.spaced(now);
    ObjectNode run = Json.MAPPER.createObjectNode();
    run.put("id", id);
    run.put("trigger_id", state.newId());
    run.put("account_id", job.get("account_id").asLong());
    run.put("environment_id", job.get("environment_id").asLong());
    run.put("project_id", job.get("project_id").asLong());
    run.put("job_definition_id", jobId);
    run.put("status", QUEUED);
    run.put("dbt_version", dbtVersion(trigger, job, environment));
    run.put("git_branch", gitBranch(trigger, environment));
    run.set("git_sha", trigger.get("git_sha"));
    run.putNull("status_message");
    run.putNull("executed_by_thread_id");
    run.put("artifacts_saved", false);
    run.put("has_docs_generated", false);
    run.put("notifications_sent", false);
    run.putArray("blocked_by");
    run.put("created_at", at);
    run.put("updated_at", at);
    run.putNull("dequeued_at");
    run.putNull("started_at");
    run.putNull("finished_at");
    run.set("trigger", trigger);
    if (retrying == null) {
      run.putNull("retrying_run_id");
    } else {
      run.put("retrying_run_id", retrying);
    }
    run.set("_plan", plan(state, script, job, trigger, commands));
    state.table(EmulatorState.RUNS).put(run);
    return run;
  }

  /** Moves every unfinished run to where its plan puts it at {@code now}, oldest first. */
  static void advance(EmulatorState state, Instant now) {
    for (ObjectNode run : state.table(EmulatorState.RUNS).all()) {
      if (inProgress(run)) {
        advance(state, run, now);
      }
    }
  }

  /**
   * Cancels a run that is still in progress at {@code now} (call {@link #advance} first). The run
   * keeps its timestamps so far; a step that was running ends cancelled at the same instant.
   *
   * @return whether the run was in progress (a finished run is left as it was)
   */
  static boolean cancel(ObjectNode run, Instant now) {
    if (!inProgress(run)) {
      return false;
    }
    finish(run, now, CANCELLED, CANCELLED_MESSAGE);
    return true;
  }

  static boolean inProgress(JsonNode run) {
    int status = run.get("status").asInt();
    return status == QUEUED || status == STARTING || status == RUNNING;
  }

  /**
   * When each planned step starts and ends, given when the run started; stops at the first step
   * that fails.
   */
  static List<StepTiming> timeline(JsonNode run) {
    Instant started = RunTimes.at(run, "started_at");
    List<StepTiming> out = new ArrayList<>();
    if (started == null) {
      return out;
    }
    Instant cursor = started;
    for (JsonNode step : run.path("_plan").path("steps")) {
      Instant end = cursor.plusMillis(step.get("duration_ms").asLong());
      out.add(new StepTiming(step, cursor, end));
      cursor = end;
      if (step.get("outcome").asInt() != SUCCESS) {
        break;
      }
    }
    return out;
  }

  /**
   * One planned step on the clock.
   *
   * @param plan the planned step (name, command, outcome, ...)
   * @param start when it starts
   * @param end when it ends as planned
   */
  record StepTiming(JsonNode plan, Instant start, Instant end) {}

  private static void advance(EmulatorState state, ObjectNode run, Instant now) {
    JsonNode plan = run.get("_plan");
    if (run.get("status").asInt() == QUEUED) {
      Instant created = RunTimes.at(run, "created_at");
      Instant dequeue = created.plusMillis(plan.get("queue_ms").asLong());
      ArrayNode blockers = Json.MAPPER.createArrayNode();
      long jobId = run.get("job_definition_id").asLong();
      long id = run.get("id").asLong();
      for (ObjectNode earlier :
          state
              .table(EmulatorState.RUNS)
              .where(
                  r -> r.get("job_definition_id").asLong() == jobId && r.get("id").asLong() < id)) {
        if (inProgress(earlier)) {
          blockers.add(earlier.get("id").asLong());
        } else {
          Instant finished = RunTimes.at(earlier, "finished_at");
          if (finished != null && finished.isAfter(dequeue)) {
            dequeue = finished;
          }
        }
      }
      run.set("blocked_by", blockers);
      if (!blockers.isEmpty() || dequeue.isAfter(now)) {
        return;
      }
      run.put("status", STARTING);
      run.put("dequeued_at", Timestamps.spaced(dequeue));
      run.put("updated_at", Timestamps.spaced(dequeue));
      run.put("executed_by_thread_id", "dbt-run-" + id + "-" + Long.toString(id % 60_466_176L, 36));
    }
    if (run.get("status").asInt() == STARTING) {
      Instant start = RunTimes.at(run, "dequeued_at").plusMillis(plan.get("starting_ms").asLong());
      if (start.isAfter(now)) {
        return;
      }
      run.put("status", RUNNING);
      run.put("started_at", Timestamps.spaced(start));
      run.put("updated_at", Timestamps.spaced(start));
      if (run.get("git_sha").isNull()) {
        run.put("git_sha", fakeSha(run.get("id").asLong()));
      }
    }
    if (run.get("status").asInt() == RUNNING) {
      List<StepTiming> steps = timeline(run);
      StepTiming last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
      Instant end = last == null ? RunTimes.at(run, "started_at") : last.end();
      if (end.isAfter(now)) {
        return;
      }
      int outcome = last == null ? SUCCESS : last.plan().get("outcome").asInt();
      String message =
          switch (outcome) {
            case CANCELLED -> CANCELLED_MESSAGE;
            case ERROR ->
                plan.path("status_message").isTextual()
                    ? plan.get("status_message").asText()
                    : null;
            default -> null;
          };
      finish(run, end, outcome, message);
    }
  }

  private static void finish(ObjectNode run, Instant at, int status, String message) {
    run.put("status", status);
    run.put("status_message", message);
    run.put("finished_at", Timestamps.spaced(at));
    run.put("updated_at", Timestamps.spaced(at));
    run.putArray("blocked_by");
    boolean saved =
        timeline(run).stream()
            .anyMatch(t -> t.plan().get("artifacts").asBoolean() && !t.end().isAfter(at));
    run.put("artifacts_saved", saved);
    run.put("notifications_sent", status != CANCELLED);
    run.put(
        "has_docs_generated",
        status == SUCCESS
            && timeline(run).stream()
                .anyMatch(t -> t.plan().path("command").asText().startsWith("dbt docs generate")));
  }

  /**
   * The steps the run will take: the script's own, or clone, profile, deps and the job's commands.
   */
  private static ObjectNode plan(
      EmulatorState state,
      RunScript script,
      ObjectNode job,
      JsonNode trigger,
      List<String> commands) {
    ObjectNode plan = Json.MAPPER.createObjectNode();
    // at least 1 ms: the trigger's answer is always the run queued, even for a script with no
    // queue time
    plan.put("queue_ms", Math.max(1, script.queue().toMillis()));
    plan.put("starting_ms", script.starting().toMillis());
    plan.put("status_message", script.statusMessage());
    String project =
        state
            .table(EmulatorState.PROJECTS)
            .get(job.get("project_id").asLong())
            .map(p -> p.path("name").asText())
            .orElse("my_project");
    plan.put(
        "project_slug",
        project.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", ""));
    List<RunScript.Step> steps =
        script.steps().isEmpty() ? defaultSteps(script, job, trigger, commands) : script.steps();
    ArrayNode out = plan.putArray("steps");
    int index = 1;
    for (RunScript.Step s : steps) {
      ObjectNode step = out.addObject();
      step.put("id", state.newId());
      step.put("index", index++);
      step.put("name", s.name() != null ? s.name() : "Invoke dbt with `" + s.command() + "`");
      step.put("command", s.command());
      step.put(
          "duration_ms", (s.duration() != null ? s.duration() : script.stepDuration()).toMillis());
      step.put("outcome", s.outcome().status());
      step.put("logs", s.logs());
      step.set("nodes", RunScript.nodesJson(s.nodes()));
      step.put(
          "artifacts",
          s.command() != null
              && s.command().trim().startsWith("dbt ")
              && !s.command().trim().startsWith("dbt deps"));
    }
    return plan;
  }

  private static List<RunScript.Step> defaultSteps(
      RunScript script, ObjectNode job, JsonNode trigger, List<String> retried) {
    List<RunScript.Step> steps = new ArrayList<>();
    steps.add(
        new RunScript.Step(
            "Clone git repository", null, null, RunScript.Outcome.SUCCESS, null, List.of()));
    steps.add(
        new RunScript.Step(
            "Create profile from connection",
            null,
            null,
            RunScript.Outcome.SUCCESS,
            null,
            List.of()));
    steps.add(RunScript.Step.dbt("dbt deps"));
    List<String> list = new ArrayList<>();
    if (retried != null) {
      list.addAll(retried);
    } else {
      ArrayNode override = TriggerBody.stepsOverride(trigger);
      JsonNode commands = override != null ? override : job.path("execute_steps");
      commands.forEach(c -> list.add(c.asText()));
    }
    // A job without steps runs none: dbt Cloud refuses such a job, and a lenient emulator that
    // holds one must not make up a command for it.
    for (int i = 0; i < list.size(); i++) {
      RunScript.Step step = RunScript.Step.dbt(list.get(i));
      if (i == list.size() - 1 && script.outcome() != RunScript.Outcome.SUCCESS) {
        step = step.ending(script.outcome()).withNodes(script.failingNodes());
      }
      steps.add(step);
    }
    JsonNode docsOverride = trigger.path("generate_docs_override");
    boolean docs =
        retried == null
            && (docsOverride.isBoolean()
                ? docsOverride.asBoolean()
                : job.path("generate_docs").asBoolean(false));
    if (docs) {
      steps.add(RunScript.Step.dbt("dbt docs generate"));
    }
    return steps;
  }

  private static String dbtVersion(JsonNode trigger, JsonNode job, JsonNode environment) {
    String v =
        trigger.path("dbt_version_override").isTextual()
            ? trigger.get("dbt_version_override").asText()
            : job.path("dbt_version").isTextual()
                ? job.get("dbt_version").asText()
                : environment.path("dbt_version").asText("latest");
    return v.equals("latest") ? "versionless" : v;
  }

  private static String gitBranch(JsonNode trigger, JsonNode environment) {
    if (trigger.path("git_branch").isTextual()) {
      return trigger.get("git_branch").asText();
    }
    if (environment.path("use_custom_branch").asBoolean(false)
        && environment.path("custom_branch").isTextual()) {
      return environment.get("custom_branch").asText();
    }
    return "main";
  }

  private static String fakeSha(long id) {
    StringBuilder sha = new StringBuilder();
    long x = id;
    while (sha.length() < 40) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      sha.append(String.format("%016x", x));
    }
    return sha.substring(0, 40);
  }

  /** How long a duration is, for the run's derived fields. */
  static Duration between(Instant from, Instant to) {
    return from == null || to == null ? Duration.ZERO : Duration.between(from, to);
  }
}
