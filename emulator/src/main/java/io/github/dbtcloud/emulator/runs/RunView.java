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
import java.util.Set;

/**
 * A stored run in wire form ({@code RunResponse}), fields in the recorded order, with the derived
 * fields (booleans, {@code status_humanized}, durations, "ago" texts) computed for the moment of
 * the answer, and the related objects {@code include_related} asks for.
 */
final class RunView {

  /**
   * Lines of debug log a step carries unless {@code include_related} asks for {@code debug_logs}
   * (the spec's {@code include_related} description).
   */
  static final int DEBUG_LOG_LINES = 1000;

  private RunView() {}

  /** One planned step as it stands at the answer's moment. */
  record StepState(RunEngine.StepTiming timing, int status, Instant finishedAt) {}

  /** The steps that have started by {@code now} (or before the run finished), with their status. */
  static List<StepState> steps(JsonNode run, Instant now) {
    Instant finished = RunTimes.at(run, "finished_at");
    List<StepState> out = new ArrayList<>();
    for (RunEngine.StepTiming t : RunEngine.timeline(run)) {
      boolean started = finished != null ? t.start().isBefore(finished) : !t.start().isAfter(now);
      if (!started) {
        break;
      }
      Instant bound = finished != null ? finished : now;
      if (!t.end().isAfter(bound)) {
        out.add(new StepState(t, t.plan().get("outcome").asInt(), t.end()));
      } else if (finished != null) {
        out.add(new StepState(t, RunEngine.CANCELLED, finished));
      } else {
        out.add(new StepState(t, RunEngine.RUNNING, null));
      }
    }
    return out;
  }

  /** The run as dbt Cloud answers it. */
  static ObjectNode render(
      JsonNode run, Set<String> include, EmulatorState state, Instant now, String baseUrl) {
    int status = run.get("status").asInt();
    Instant created = RunTimes.at(run, "created_at");
    Instant started = RunTimes.at(run, "started_at");
    Instant finished = RunTimes.at(run, "finished_at");
    Instant end = finished != null ? finished : now;
    long account = run.get("account_id").asLong();
    long project = run.get("project_id").asLong();
    long id = run.get("id").asLong();
    boolean saved = run.get("artifacts_saved").asBoolean();

    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", id);
    out.put("trigger_id", run.get("trigger_id").asLong());
    out.put("account_id", account);
    out.put("environment_id", run.get("environment_id").asLong());
    out.put("project_id", project);
    out.put("job_definition_id", run.get("job_definition_id").asLong());
    out.put("status", status);
    out.set("dbt_version", run.get("dbt_version"));
    out.set("git_branch", run.get("git_branch"));
    out.set("git_sha", run.get("git_sha"));
    out.set("status_message", run.get("status_message"));
    out.putNull("owner_thread_id");
    out.set("executed_by_thread_id", run.get("executed_by_thread_id"));
    out.putNull("deferring_run_id");
    out.put("artifacts_saved", saved);
    if (saved) {
      out.put("artifact_s3_path", "prod/runs/" + id + "/artifacts/target");
    } else {
      out.putNull("artifact_s3_path");
    }
    out.put("has_docs_generated", run.get("has_docs_generated").asBoolean());
    out.put("has_sources_generated", false);
    out.put("notifications_sent", run.get("notifications_sent").asBoolean());
    out.set("blocked_by", run.get("blocked_by").deepCopy());
    out.put("scribe_enabled", true);
    out.set("created_at", run.get("created_at"));
    out.set("updated_at", run.get("updated_at"));
    out.set("dequeued_at", run.get("dequeued_at"));
    out.set("started_at", run.get("started_at"));
    out.set("finished_at", run.get("finished_at"));
    out.putNull("last_checked_at");
    out.putNull("last_heartbeat_at");
    out.putNull("should_start_at");
    out.set("trigger", include.contains("trigger") ? run.get("trigger").deepCopy() : null);
    out.set(
        "job",
        include.contains("job")
            ? internalJob(related(state, EmulatorState.JOBS, run.get("job_definition_id")))
            : null);
    out.set(
        "environment",
        include.contains("environment")
            ? related(state, EmulatorState.ENVIRONMENTS, run.get("environment_id"))
            : null);
    ArrayNode steps = out.putArray("run_steps");
    if (include.contains("run_steps")) {
      for (StepState s : steps(run, now)) {
        steps.add(step(run, s, include.contains("debug_logs")));
      }
    }
    out.put("status_humanized", humanized(status));
    out.put("in_progress", RunEngine.inProgress(run));
    out.put("is_complete", !RunEngine.inProgress(run));
    out.put("is_success", status == RunEngine.SUCCESS);
    out.put("is_error", status == RunEngine.ERROR);
    out.put("is_cancelled", status == RunEngine.CANCELLED);
    out.put("href", baseUrl + "/deploy/" + account + "/projects/" + project + "/runs/" + id + "/");
    Duration total = RunEngine.between(created, end);
    Duration queued = RunEngine.between(created, started != null ? started : end);
    Duration running = started == null ? Duration.ZERO : RunEngine.between(started, end);
    out.put("duration", RunTimes.clock(total));
    out.put("queued_duration", RunTimes.clock(queued));
    out.put("run_duration", RunTimes.clock(running));
    out.put("duration_humanized", RunTimes.humanized(total));
    out.put("queued_duration_humanized", RunTimes.humanized(queued));
    out.put("run_duration_humanized", RunTimes.humanized(running));
    out.put("created_at_humanized", RunTimes.humanized(RunEngine.between(created, now)) + " ago");
    out.put("finished_at_humanized", RunTimes.humanized(RunEngine.between(end, now)) + " ago");
    JsonNode retrying = run.path("retrying_run_id");
    out.set("retrying_run_id", retrying.isIntegralNumber() ? retrying : null);
    String refusal = Retries.refusal(run, state, now);
    out.put("can_retry", refusal == null);
    out.put("retry_not_supported_reason", refusal);
    out.put("job_id", run.get("job_definition_id").asLong());
    out.put("is_running", status == RunEngine.RUNNING);
    out.put("used_repo_cache", false); // the emulator clones no repository, cached or not
    return out;
  }

  /**
   * A run's related job is serialised as the spec's {@code InternalJobDefinition}, whose schedule
   * carries the date and time strategies as plain strings ({@code JobDefinitionSchedule}), unlike
   * the jobs endpoint's {@code {"type": ...}} objects.
   */
  private static JsonNode internalJob(JsonNode job) {
    if (job == null || !job.path("schedule").isObject()) {
      return job;
    }
    ObjectNode schedule = (ObjectNode) job.get("schedule");
    for (String strategy : new String[] {"date", "time"}) {
      JsonNode value = schedule.path(strategy);
      if (value.isObject()) {
        schedule.set(strategy, value.get("type"));
      }
    }
    return job;
  }

  private static JsonNode related(EmulatorState state, String table, JsonNode id) {
    return state.table(table).get(id.asLong()).map(r -> (JsonNode) r.deepCopy()).orElse(null);
  }

  /** One step ({@code RunStepResponse}), with its log text at this point. */
  static ObjectNode step(JsonNode run, StepState s, boolean fullDebugLogs) {
    JsonNode plan = s.timing().plan();
    long stepId = plan.get("id").asLong();
    String logs = DbtOutput.logs(run, s.timing(), s.status());
    String debug = DbtOutput.debugLogs(logs);
    String truncated = lastLines(debug, DEBUG_LOG_LINES);
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", stepId);
    o.put("run_id", run.get("id").asLong());
    o.put("account_id", run.get("account_id").asLong());
    o.put("index", plan.get("index").asInt());
    o.put("status", s.status());
    o.put("name", plan.get("name").asText());
    o.put("logs", logs);
    o.put("debug_logs", fullDebugLogs ? debug : truncated);
    o.putNull("log_path");
    o.putNull("debug_log_path");
    o.put("truncated_debug_logs", truncated);
    String startedAt = Timestamps.spaced(s.timing().start());
    o.put("created_at", startedAt);
    o.put("updated_at", s.finishedAt() != null ? Timestamps.spaced(s.finishedAt()) : startedAt);
    o.put("started_at", startedAt);
    if (s.finishedAt() != null) {
      o.put("finished_at", Timestamps.spaced(s.finishedAt()));
    } else {
      o.putNull("finished_at");
    }
    o.put("status_color", color(s.status()));
    o.put("status_humanized", humanized(s.status()));
    Duration took = RunEngine.between(s.timing().start(), s.finishedAt());
    o.put("duration", RunTimes.clock(took));
    o.put("duration_humanized", RunTimes.humanized(took));
    String command = plan.path("command").asText(null);
    if (command != null) {
      o.putObject("run_step_command").put("run_step_id", stepId).put("dbt_command", command);
      o.putObject("run_step_invocation")
          .put("run_step_id", stepId)
          .put("run_id", run.get("id").asLong());
    } else {
      o.putNull("run_step_command");
      o.putNull("run_step_invocation");
    }
    return o;
  }

  static String humanized(int status) {
    return switch (status) {
      case RunEngine.QUEUED -> "Queued";
      case RunEngine.STARTING -> "Starting";
      case RunEngine.RUNNING -> "Running";
      case RunEngine.SUCCESS -> "Success";
      case RunEngine.ERROR -> "Error";
      case RunEngine.CANCELLED -> "Cancelled";
      default -> "Unknown";
    };
  }

  private static String color(int status) {
    return switch (status) {
      case RunEngine.SUCCESS -> "#47b881";
      case RunEngine.ERROR -> "#ec4c47";
      case RunEngine.CANCELLED -> "#a7b1bf";
      default -> "#1070ca";
    };
  }

  private static String lastLines(String text, int max) {
    String[] lines = text.split("\n", -1);
    int usable = text.endsWith("\n") ? lines.length - 1 : lines.length;
    if (usable <= max) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    for (int i = usable - max; i < usable; i++) {
      out.append(lines[i]).append('\n');
    }
    return out.toString();
  }
}
