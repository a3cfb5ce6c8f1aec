package io.github.dbtcloud.emulator.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.admin.Access;
import io.github.dbtcloud.emulator.admin.AdminContext;
import io.github.dbtcloud.emulator.admin.Lists;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.ApiRequest;
import io.github.dbtcloud.emulator.http.ApiResponse;
import io.github.dbtcloud.emulator.http.Envelope;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.http.Router;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * v2 runs: trigger a job, list and read runs, cancel, and the run's artifacts. Every route first
 * moves the runs to the clock's time ({@link RunEngine#advance}).
 */
public final class RunsApi {

  private static final String ACCOUNT = "/api/v2/accounts/{account_id}/";
  private static final String RUN = ACCOUNT + "runs/{run_id}/";

  /**
   * Artifact paths may hold slashes ({@code run/jaffle_shop/models/x.sql}); the router matches
   * whole segments.
   */
  private static final int MAX_ARTIFACT_DEPTH = 8;

  private final AdminContext ctx;
  private final Supplier<String> baseUrl;
  private final RunControl control;

  /**
   * @param ctx the emulator's state and clock
   * @param baseUrl the emulator's own URL, for the runs' {@code href}
   */
  public RunsApi(AdminContext ctx, Supplier<String> baseUrl) {
    this.ctx = ctx;
    this.baseUrl = baseUrl;
    this.control = new RunControl(this);
  }

  /** Adds the routes; returns the Java-side control of the simulation (scripts, triggers). */
  public RunControl register(Router router) {
    router.add("POST", ACCOUNT + "jobs/{id}/run/", this::trigger);
    router.add("POST", ACCOUNT + "jobs/{id}/rerun/", this::rerun);
    router.add("GET", ACCOUNT + "runs/", this::list);
    router.add("GET", RUN, this::get);
    router.add("POST", RUN + "cancel/", this::cancel);
    router.add("GET", RUN + "retry/", this::failureDetails);
    router.add("POST", RUN + "retry/", this::retry);
    router.add("GET", ACCOUNT + "steps/{step_id}/", this::step);
    router.add("GET", RUN + "artifacts/", this::listArtifacts);
    StringBuilder runArtifact = new StringBuilder(RUN + "artifacts");
    StringBuilder jobArtifact = new StringBuilder(ACCOUNT + "jobs/{job_id}/artifacts");
    for (int depth = 1; depth <= MAX_ARTIFACT_DEPTH; depth++) {
      runArtifact.append("/{p").append(depth).append('}');
      jobArtifact.append("/{p").append(depth).append('}');
      router.add("GET", runArtifact.toString(), this::artifact);
      router.add("GET", jobArtifact.toString(), this::jobArtifact);
    }
    return control;
  }

  AdminContext context() {
    return ctx;
  }

  Instant now() {
    return ctx.clock().instant();
  }

  ObjectNode render(JsonNode run, Set<String> include, EmulatorState state) {
    return RunView.render(run, include, state, now(), baseUrl.get());
  }

  private ApiResponse trigger(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              ObjectNode job = activeJob(state, who, request.idParam("id"));
              ObjectNode trigger = TriggerBody.validate(request.body(), job.get("id").asLong());
              RunEngine.advance(state, now());
              ObjectNode run = RunEngine.trigger(state, job, trigger, now());
              RunEngine.advance(
                  state, now()); // a run of a busy job says at once what it waits for (blocked_by)
              // The trigger answer carries the run's trigger, as recorded in 2024
              // (https://github.com/kestra-io/plugin-dbt/issues/125).
              return ApiResponse.ok(Envelope.success(200, render(run, Set.of("trigger"), state)));
            });
  }

  /**
   * {@code POST .../jobs/{id}/rerun/}: retries the job's latest run from its point of failure when
   * it can be retried, else triggers a new run (the spec's description of the endpoint).
   */
  private ApiResponse rerun(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              ObjectNode job = activeJob(state, who, request.idParam("id"));
              long jobId = job.get("id").asLong();
              RunEngine.advance(state, now());
              ObjectNode latest =
                  state
                      .table(EmulatorState.RUNS)
                      .where(r -> r.get("job_definition_id").asLong() == jobId)
                      .stream()
                      .max(Comparator.comparingLong(r -> r.get("id").asLong()))
                      .orElse(null);
              ObjectNode run;
              if (latest != null && Retries.refusal(latest, state, now()) == null) {
                run = retryOf(state, job, latest);
              } else {
                ObjectNode trigger =
                    TriggerBody.validate(
                        Json.MAPPER
                            .createObjectNode()
                            .put("cause", "Rerun of job " + jobId + " from the API"),
                        jobId);
                trigger.put("cause_category", "rerun");
                run = RunEngine.trigger(state, job, trigger, now());
              }
              RunEngine.advance(state, now());
              return ApiResponse.ok(Envelope.success(200, render(run, Set.of("trigger"), state)));
            });
  }

  /** {@code POST .../runs/{id}/retry/}: a new run of the failed step and the steps it skipped. */
  private ApiResponse retry(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              ObjectNode failed = find(request, state);
              String refusal = Retries.refusal(failed, state, now());
              if (refusal != null) {
                throw ApiError.invalidField(
                    "retry_not_supported_reason",
                    refusal + ": " + Retries.explain(refusal, failed));
              }
              ObjectNode job = activeJob(state, who, failed.get("job_definition_id").asLong());
              ObjectNode run = retryOf(state, job, failed);
              RunEngine.advance(state, now());
              return ApiResponse.ok(Envelope.success(200, render(run, Set.of("trigger"), state)));
            });
  }

  private ObjectNode retryOf(EmulatorState state, ObjectNode job, ObjectNode failed) {
    Retries.Failure failure = Retries.failure(failed, now());
    List<String> commands = new ArrayList<>();
    commands.add(failure.failedStep());
    commands.addAll(failure.skippedSteps());
    long failedId = failed.get("id").asLong();
    ObjectNode trigger =
        TriggerBody.validate(
            Json.MAPPER.createObjectNode().put("cause", "Retry of run " + failedId),
            job.get("id").asLong());
    trigger.put("cause_category", "rerun");
    return RunEngine.trigger(state, job, trigger, now(), commands, failedId);
  }

  /**
   * {@code GET .../runs/{id}/retry/}: the failed step's command and the commands it left unrun
   * ({@code RunFailureDetailsResponse}); a run that did not fail has nothing to report.
   */
  private ApiResponse failureDetails(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              ObjectNode run = find(request, state);
              Retries.Failure failure = Retries.failure(run, now());
              if (run.get("status").asInt() != RunEngine.ERROR || failure == null) {
                throw ApiError.invalidField(
                    "retry_not_supported_reason",
                    "RETRY_NOT_FAILED_RUN: " + Retries.explain("RETRY_NOT_FAILED_RUN", run));
              }
              ObjectNode data = Json.MAPPER.createObjectNode();
              data.put("failed_step", failure.failedStep());
              ArrayNode skipped = data.putArray("skipped_steps");
              failure.skippedSteps().forEach(skipped::add);
              return ApiResponse.ok(Envelope.success(200, data));
            });
  }

  /**
   * {@code GET .../steps/{id}/}: one step of a run as it stands now; {@code include_related} {@code
   * debug_logs} gives the whole debug log, {@code trigger} and {@code job} the run's.
   */
  private ApiResponse step(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              RunEngine.advance(state, now());
              long stepId = request.idParam("step_id");
              Set<String> include = Lists.includeRelated(request);
              for (ObjectNode run :
                  state
                      .table(EmulatorState.RUNS)
                      .where(
                          r ->
                              r.get("account_id").asLong() == who.accountId()
                                  && who.covers(r.get("project_id").asLong()))) {
                for (RunView.StepState s : RunView.steps(run, now())) {
                  if (s.timing().plan().get("id").asLong() == stepId) {
                    ObjectNode out = RunView.step(run, s, include.contains("debug_logs"));
                    ObjectNode rendered = render(run, include, state);
                    if (include.contains("trigger")) {
                      out.set("trigger", rendered.get("trigger"));
                    }
                    if (include.contains("job")) {
                      out.set("job", rendered.get("job"));
                    }
                    return ApiResponse.ok(Envelope.success(200, out));
                  }
                }
              }
              throw ApiError.notFound();
            });
  }

  static ObjectNode activeJob(EmulatorState state, Access.Principal who, long jobId) {
    return state
        .table(EmulatorState.JOBS)
        .get(jobId)
        .filter(
            j ->
                j.get("account_id").asLong() == who.accountId()
                    && who.covers(j.get("project_id").asLong())
                    && j.path("state").asInt(1) == 1)
        .orElseThrow(ApiError::notFound);
  }

  private ApiResponse get(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              ObjectNode run = find(request, state);
              return ApiResponse.ok(
                  Envelope.success(200, render(run, Lists.includeRelated(request), state)));
            });
  }

  private ApiResponse cancel(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              ObjectNode run = find(request, state);
              boolean cancelled = RunEngine.cancel(run, now());
              if (!cancelled && control.refusesCancelOfFinishedRuns()) {
                throw ApiError.invalidField(
                    "status", "This run has already finished and cannot be cancelled.");
              }
              return ApiResponse.ok(Envelope.success(200, render(run, Set.of(), state)));
            });
  }

  private ObjectNode find(ApiRequest request, EmulatorState state) {
    Access.Principal who = Access.requirePrincipal(request, state);
    RunEngine.advance(state, now());
    return state
        .table(EmulatorState.RUNS)
        .get(request.idParam("run_id"))
        .filter(r -> r.get("account_id").asLong() == who.accountId())
        .filter(r -> who.covers(r.get("project_id").asLong()))
        .orElseThrow(ApiError::notFound);
  }

  private ApiResponse list(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              long account = who.accountId();
              RunEngine.advance(state, now());
              Map<String, Object> filters = new LinkedHashMap<>();
              filters.put("account_id", account);
              Predicate<ObjectNode> filter =
                  r ->
                      r.get("account_id").asLong() == account
                          && who.covers(r.get("project_id").asLong());
              for (String[] f :
                  new String[][] {
                    {"job_definition_id", "job_definition_id"},
                    {"environment_id", "environment_id"},
                    {"project_id", "project_id"},
                    {"status", "status"},
                    {"pk", "id"}
                  }) {
                Long value = Lists.longParam(request, f[0]).orElse(null);
                if (value != null) {
                  filters.put(f[0], value);
                  String field = f[1];
                  filter = filter.and(r -> r.get(field).asLong() == value);
                }
              }
              Long after = Lists.longParam(request, "id__gt").orElse(null);
              if (after != null) {
                filters.put("id__gt", after);
                filter = filter.and(r -> r.get("id").asLong() > after);
              }
              for (String[] f :
                  new String[][] {
                    {"status__in", "status"}, {"project_id__in", "project_id"}, {"pk__in", "id"}
                  }) {
                List<Long> values = Lists.longsParam(request, f[0]).orElse(List.of());
                if (!values.isEmpty()) {
                  filters.put(f[0], values);
                  String field = f[1];
                  filter = filter.and(r -> values.contains(r.get(field).asLong()));
                }
              }
              String orderBy = Lists.orderBy(request);
              List<ObjectNode> rows =
                  new ArrayList<>(state.table(EmulatorState.RUNS).where(filter));
              rows.sort(order(orderBy));
              Set<String> include = Lists.includeRelated(request);
              return Lists.pageOf(
                  request, rows, filters, orderBy, row -> render(row, include, state));
            });
  }

  /**
   * {@code id}, {@code created_at} or {@code finished_at}, {@code -} for descending; unfinished
   * runs sort last.
   */
  private static Comparator<ObjectNode> order(String orderBy) {
    boolean descending = orderBy.startsWith("-");
    String field = descending ? orderBy.substring(1) : orderBy;
    Comparator<ObjectNode> byId = Comparator.comparingLong(r -> r.get("id").asLong());
    Comparator<ObjectNode> c =
        switch (field) {
          case "id" -> byId;
          case "created_at", "finished_at" ->
              Comparator.comparing(
                      (ObjectNode r) -> RunTimes.at(r, field),
                      Comparator.nullsLast(Comparator.naturalOrder()))
                  .thenComparing(byId);
          default ->
              throw ApiError.invalidField(
                  "order_by",
                  "'"
                      + orderBy
                      + "' is not a valid ordering; use id, created_at or finished_at, with '-' for descending.");
        };
    return descending ? c.reversed() : c;
  }

  private ApiResponse listArtifacts(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              ObjectNode run = find(request, state);
              RunEngine.StepTiming step = artifactStep(request, run);
              JsonNode data =
                  step == null
                      ? null
                      : Json.MAPPER.createArrayNode().add("manifest.json").add("run_results.json");
              return ApiResponse.ok(Envelope.success(200, data));
            });
  }

  /** The raw file, not enveloped; 404 when the run or step saved no such artifact. */
  private ApiResponse artifact(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              ObjectNode run = find(request, state);
              ApiResponse file = artifactOf(request, run);
              if (file == null) {
                throw ApiError.notFound();
              }
              return file;
            });
  }

  /**
   * {@code GET .../jobs/{id}/artifacts/{path}}: the artifact of the job's latest run that has it,
   * among the runs the filters ({@code status}, {@code git_branch}) keep (the spec: "Given a job id
   * and a set of Run filters return the latest matching artifact for that job").
   */
  private ApiResponse jobArtifact(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              ObjectNode job = activeJob(state, who, request.idParam("job_id"));
              long jobId = job.get("id").asLong();
              RunEngine.advance(state, now());
              Long status = Lists.longParam(request, "status").orElse(null);
              String branch = request.queryParam("git_branch").orElse(null);
              List<ObjectNode> runs =
                  new ArrayList<>(
                      state
                          .table(EmulatorState.RUNS)
                          .where(
                              r ->
                                  r.get("job_definition_id").asLong() == jobId
                                      && (status == null || r.get("status").asLong() == status)
                                      && (branch == null
                                          || branch.equals(r.path("git_branch").asText()))));
              runs.sort(
                  Comparator.comparingLong((ObjectNode r) -> r.get("id").asLong()).reversed());
              for (ObjectNode run : runs) {
                ApiResponse file = artifactOf(request, run);
                if (file != null) {
                  return file;
                }
              }
              throw ApiError.notFound();
            });
  }

  /** The raw artifact the request's path names, of {@code run}; null when it has none. */
  private ApiResponse artifactOf(ApiRequest request, ObjectNode run) {
    String path = request.path();
    String remainder =
        URLDecoder.decode(
            path.substring(path.indexOf("/artifacts/") + "/artifacts/".length())
                .replace("+", "%2B"),
            StandardCharsets.UTF_8);
    RunEngine.StepTiming step = artifactStep(request, run);
    if (step == null) {
      return null;
    }
    return switch (remainder) {
      case "run_results.json" -> ApiResponse.ok(DbtOutput.runResults(run, step));
      case "manifest.json" -> ApiResponse.ok(DbtOutput.manifest(run, step));
      default -> null;
    };
  }

  /**
   * The step whose artifacts {@code ?step=} (1-based) names, by default the run's last step; null
   * when the run saved no artifacts or that step produced none.
   */
  private RunEngine.StepTiming artifactStep(ApiRequest request, ObjectNode run) {
    Long index = Lists.longParam(request, "step").orElse(null);
    if (!run.get("artifacts_saved").asBoolean()) {
      return null;
    }
    List<RunView.StepState> steps = RunView.steps(run, now());
    if (steps.isEmpty()) {
      return null;
    }
    RunView.StepState chosen;
    if (index == null) {
      chosen = steps.get(steps.size() - 1);
    } else if (index < 1 || index > steps.size()) {
      return null;
    } else {
      chosen = steps.get((int) (index - 1));
    }
    boolean finishedDbt =
        chosen.timing().plan().get("artifacts").asBoolean()
            && (chosen.status() == RunEngine.SUCCESS || chosen.status() == RunEngine.ERROR);
    return finishedDbt ? chosen.timing() : null;
  }
}
