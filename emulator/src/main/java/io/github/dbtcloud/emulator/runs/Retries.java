package io.github.dbtcloud.emulator.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a run can be retried from its point of failure, and what a retry runs. dbt Cloud retries
 * with {@code dbt retry} (https://docs.getdbt.com/docs/deploy/retry-jobs): only the latest run of a
 * job, only a failed one, only a dbt command {@code dbt retry} supports, on dbt 1.6 or later, and
 * only when the failed step wrote {@code run_results.json}. The refusals are the spec's {@code
 * RetryNotSupportedReasonEnum}; checked in that order, the first that applies is the reason.
 */
final class Retries {

  /**
   * The commands {@code dbt retry} can resume (https://docs.getdbt.com/reference/commands/retry).
   */
  private static final List<String> RETRYABLE =
      List.of(
          "dbt build",
          "dbt compile",
          "dbt clone",
          "dbt docs generate",
          "dbt seed",
          "dbt snapshot",
          "dbt test",
          "dbt run",
          "dbt run-operation");

  private static final Pattern PINNED = Pattern.compile("1\\.(\\d+)(\\..*)?");

  private Retries() {}

  /** The failed step of a run and the dbt commands it left unrun. */
  record Failure(String failedStep, List<String> skippedSteps, boolean wroteRunResults) {}

  /** What failed in {@code run} and what was skipped after it; null when no step failed. */
  static Failure failure(JsonNode run, Instant now) {
    List<RunView.StepState> steps = RunView.steps(run, now);
    RunView.StepState failed = null;
    for (RunView.StepState s : steps) {
      if (s.status() == RunEngine.ERROR) {
        failed = s;
      }
    }
    if (failed == null) {
      return null;
    }
    int failedIndex = failed.timing().plan().get("index").asInt();
    List<String> skipped = new ArrayList<>();
    for (JsonNode planned : run.path("_plan").path("steps")) {
      if (planned.get("index").asInt() > failedIndex && planned.path("command").isTextual()) {
        skipped.add(planned.get("command").asText());
      }
    }
    JsonNode plan = failed.timing().plan();
    return new Failure(
        plan.path("command").asText(null), skipped, plan.path("artifacts").asBoolean(false));
  }

  /**
   * Why {@code run} cannot be retried ({@code RetryNotSupportedReasonEnum}), or null when it can.
   */
  static String refusal(JsonNode run, EmulatorState state, Instant now) {
    if (run.get("status").asInt() != RunEngine.ERROR) {
      return "RETRY_NOT_FAILED_RUN";
    }
    long jobId = run.get("job_definition_id").asLong();
    long id = run.get("id").asLong();
    boolean later =
        !state
            .table(EmulatorState.RUNS)
            .where(r -> r.get("job_definition_id").asLong() == jobId && r.get("id").asLong() > id)
            .isEmpty();
    if (later) {
      return "RETRY_NOT_LATEST_RUN";
    }
    Matcher pinned = PINNED.matcher(run.path("dbt_version").asText(""));
    if (pinned.matches() && Integer.parseInt(pinned.group(1)) < 6) {
      return "RETRY_UNSUPPORTED_VERSION";
    }
    Failure failure = failure(run, now);
    if (failure == null || failure.failedStep() == null || !retryable(failure.failedStep())) {
      return "RETRY_UNSUPPORTED_CMD";
    }
    return failure.wroteRunResults() ? null : "RETRY_NO_RUN_RESULTS";
  }

  /** A sentence for a refusal, naming the run. */
  static String explain(String reason, JsonNode run) {
    long id = run.get("id").asLong();
    return switch (reason) {
      case "RETRY_NOT_FAILED_RUN" ->
          "Run " + id + " did not fail, so there is nothing to retry; trigger the job instead.";
      case "RETRY_NOT_LATEST_RUN" ->
          "Run "
              + id
              + " is not the latest run of job "
              + run.get("job_definition_id").asLong()
              + "; only the latest run of a job can be retried.";
      case "RETRY_UNSUPPORTED_VERSION" ->
          "Run " + id + " ran dbt " + run.path("dbt_version").asText() + "; retry needs dbt 1.6+.";
      case "RETRY_NO_RUN_RESULTS" ->
          "The failed step of run " + id + " wrote no run_results.json, which retry resumes from.";
      default ->
          "The failed step of run "
              + id
              + " is not a command dbt retry supports (build, run, test, seed, snapshot, compile,"
              + " clone, docs generate, run-operation).";
    };
  }

  private static boolean retryable(String command) {
    String c = command.strip();
    return RETRYABLE.stream().anyMatch(r -> c.equals(r) || c.startsWith(r + " "));
  }
}
