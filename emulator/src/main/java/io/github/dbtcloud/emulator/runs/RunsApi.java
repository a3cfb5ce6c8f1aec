package io.github.dbtcloud.emulator.runs;

import com.fasterxml.jackson.databind.JsonNode;
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
 * v2 runs (§B.5 trigger, §B.6): trigger a job, list and read runs, cancel, and the run's artifacts.
 * Every route first moves the runs to the clock's time ({@link RunEngine#advance}).
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
    router.add("GET", ACCOUNT + "runs/", this::list);
    router.add("GET", RUN, this::get);
    router.add("POST", RUN + "cancel/", this::cancel);
    router.add("GET", RUN + "artifacts/", this::listArtifacts);
    StringBuilder template = new StringBuilder(RUN + "artifacts");
    for (int depth = 1; depth <= MAX_ARTIFACT_DEPTH; depth++) {
      template.append("/{p").append(depth).append('}');
      router.add("GET", template.toString(), this::artifact);
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
              long account = Access.requireAccount(request, state);
              ObjectNode job = activeJob(state, account, request.idParam("id"));
              ObjectNode trigger = TriggerBody.validate(request.body(), job.get("id").asLong());
              RunEngine.advance(state, now());
              ObjectNode run = RunEngine.trigger(state, job, trigger, now());
              RunEngine.advance(
                  state, now()); // a run of a busy job says at once what it waits for (blocked_by)
              return ApiResponse.ok(Envelope.success(200, render(run, Set.of(), state)));
            });
  }

  static ObjectNode activeJob(EmulatorState state, long account, long jobId) {
    return state
        .table(EmulatorState.JOBS)
        .get(jobId)
        .filter(j -> j.get("account_id").asLong() == account && j.path("state").asInt(1) == 1)
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
    long account = Access.requireAccount(request, state);
    RunEngine.advance(state, now());
    return state
        .table(EmulatorState.RUNS)
        .get(request.idParam("run_id"))
        .filter(r -> r.get("account_id").asLong() == account)
        .orElseThrow(ApiError::notFound);
  }

  private ApiResponse list(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              long account = Access.requireAccount(request, state);
              RunEngine.advance(state, now());
              Map<String, Object> filters = new LinkedHashMap<>();
              filters.put("account_id", account);
              Predicate<ObjectNode> filter = r -> r.get("account_id").asLong() == account;
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

  /**
   * The raw file, not enveloped (§B.6); 404 when the run or step saved no such artifact (§E.11).
   */
  private ApiResponse artifact(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              ObjectNode run = find(request, state);
              String path = request.path();
              String remainder =
                  URLDecoder.decode(
                      path.substring(path.indexOf("/artifacts/") + "/artifacts/".length())
                          .replace("+", "%2B"),
                      StandardCharsets.UTF_8);
              RunEngine.StepTiming step = artifactStep(request, run);
              if (step == null) {
                throw ApiError.notFound();
              }
              return switch (remainder) {
                case "run_results.json" -> ApiResponse.ok(DbtOutput.runResults(run, step));
                case "manifest.json" -> ApiResponse.ok(DbtOutput.manifest(run, step));
                default -> throw ApiError.notFound();
              };
            });
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
