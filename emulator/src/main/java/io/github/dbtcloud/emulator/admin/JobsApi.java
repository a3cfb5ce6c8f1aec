package io.github.dbtcloud.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.ApiRequest;
import io.github.dbtcloud.emulator.http.ApiResponse;
import io.github.dbtcloud.emulator.http.Envelope;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.http.Router;
import io.github.dbtcloud.emulator.state.EmulatorState;
import io.github.dbtcloud.emulator.state.Timestamps;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * v2 jobs (§B.5, §C.1). Create and update take the whole job; fields the body leaves out get the
 * server default. The server derives {@code job_type} from the triggers (§E.15), the {@code cron}
 * from the structured schedule ({@link Schedules}) and rewrites {@code cost_optimization_features}
 * ({@link CostOptimization}); {@code job_completion_trigger_condition} is writable, as TF uses it
 * (F3). DELETE is a soft delete ({@code state: 2}), as is an update that sends {@code state: 2}
 * (TF).
 */
public final class JobsApi {

  private static final String BASE = "/api/v2/accounts/{account_id}/jobs/";

  /** The spec's required request keys (HumanReadableJobDefinitionRequest). */
  private static final List<String> SPEC_REQUIRED =
      List.of(
          "account_id",
          "environment_id",
          "errors_on_lint_failure",
          "execution",
          "generate_docs",
          "lifecycle_webhooks",
          "name",
          "project_id",
          "run_compare_changes",
          "run_generate_sources",
          "run_lint",
          "settings",
          "state",
          "triggers");

  private static final Set<Integer> RUN_END_STATUSES = Set.of(10, 20, 30);

  private final AdminContext ctx;

  public JobsApi(AdminContext ctx) {
    this.ctx = ctx;
  }

  /** Adds the routes. */
  public void register(Router router) {
    router.add("GET", BASE, this::list);
    router.add("POST", BASE, this::create);
    router.add("GET", BASE + "{id}/", this::get);
    router.add("POST", BASE + "{id}/", this::update);
    router.add("DELETE", BASE + "{id}/", this::delete);
  }

  private ApiResponse list(ApiRequest request) {
    return ctx.state()
        .read(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              Map<String, Object> filters = new LinkedHashMap<>();
              filters.put("account_id", who.accountId());
              Predicate<ObjectNode> filter =
                  j ->
                      j.get("account_id").asLong() == who.accountId()
                          && who.covers(j.get("project_id").asLong());
              filter = filter.and(Lists.statePredicate(request, "active"));
              for (String field : List.of("project_id", "environment_id")) {
                Long id = Lists.longParam(request, field).orElse(null);
                if (id != null) {
                  filters.put(field, id);
                  filter = filter.and(j -> j.path(field).asLong() == id);
                }
                List<Long> ids = Lists.longsParam(request, field + "__in").orElse(null);
                if (ids != null) {
                  filters.put(field + "__in", ids);
                  filter = filter.and(j -> ids.contains(j.path(field).asLong()));
                }
              }
              String nameLike = request.queryParam("name__icontains").orElse(null);
              if (nameLike != null) {
                filters.put("name__icontains", nameLike);
                String needle = nameLike.toLowerCase(Locale.ROOT);
                filter =
                    filter.and(
                        j -> j.path("name").asText().toLowerCase(Locale.ROOT).contains(needle));
              }
              List<String> versions = Lists.stringsParam(request, "dbt_version__in").orElse(null);
              if (versions != null) {
                filters.put("dbt_version__in", versions);
                filter = filter.and(j -> versions.contains(j.path("dbt_version").asText()));
              }
              Boolean scheduled = Lists.booleanParam(request, "triggers_schedule").orElse(null);
              if (scheduled != null) {
                filters.put("triggers_schedule", scheduled);
                filter =
                    filter.and(j -> j.path("triggers").path("schedule").asBoolean() == scheduled);
              }
              if (Lists.booleanParam(request, "is_system").orElse(false)) {
                filters.put("is_system", true);
                filter = filter.and(j -> false); // the emulator holds no system jobs
              }
              filter = filter.and(ProjectsApi.idFilters(request, filters));
              List<ObjectNode> rows = state.table(EmulatorState.JOBS).where(filter);
              Set<String> related = Lists.includeRelated(request);
              return Lists.page(request, rows, filters, j -> view(state, j, related));
            });
  }

  private ApiResponse get(ApiRequest request) {
    return ctx.state()
        .read(
            state ->
                ApiResponse.ok(
                    Envelope.success(
                        200, view(state, find(request, state), Lists.includeRelated(request)))));
  }

  private ApiResponse create(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              ObjectNode job =
                  write(
                      state,
                      who,
                      request.body(),
                      state.newId(),
                      null,
                      ctx.settings().requiredJobFields());
              return ApiResponse.created(Envelope.success(201, job));
            });
  }

  /**
   * Creates a job from a seed entry through the same validation as an API create, needing only
   * {@code project_id}, {@code environment_id} and {@code name} (seed files stay short).
   */
  public ObjectNode insert(EmulatorState state, long account, JsonNode body, long id) {
    return write(
        state,
        new Access.Principal(account, null),
        body,
        id,
        null,
        AdminSettings.RequiredJobFields.MINIMAL);
  }

  private ApiResponse update(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              ObjectNode current = find(request, state);
              ObjectNode job =
                  write(
                      state,
                      who,
                      request.body(),
                      current.get("id").asLong(),
                      current,
                      ctx.settings().requiredJobFields());
              return ApiResponse.ok(Envelope.success(200, job));
            });
  }

  private ApiResponse delete(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              ObjectNode job = find(request, state).deepCopy();
              job.put("state", 2);
              job.put("updated_at", Timestamps.isoT(ctx.clock().instant()));
              state.table(EmulatorState.JOBS).put(job);
              if (ctx.settings().deleteAnswer() == AdminSettings.DeleteAnswer.NO_CONTENT) {
                return ApiResponse.noContent();
              }
              return ApiResponse.ok(Envelope.success(200, job));
            });
  }

  private ObjectNode find(ApiRequest request, EmulatorState state) {
    Access.Principal who = Access.requirePrincipal(request, state);
    return state
        .table(EmulatorState.JOBS)
        .get(request.idParam("id"))
        .filter(j -> j.get("account_id").asLong() == who.accountId())
        .filter(j -> who.covers(j.get("project_id").asLong()))
        .filter(j -> j.path("state").asInt(1) == 1)
        .orElseThrow(ApiError::notFound);
  }

  /** A job as answered, with the {@code include_related} objects asked for (§B.5). */
  private static ObjectNode view(EmulatorState state, ObjectNode job, Set<String> related) {
    if (related.isEmpty()) {
      return job;
    }
    ObjectNode out = job.deepCopy();
    if (related.contains("environment")) {
      out.set(
          "environment",
          state
              .table(EmulatorState.ENVIRONMENTS)
              .get(job.get("environment_id").asLong())
              .map(e -> (JsonNode) EnvironmentsApi.view(state, e, Set.of()))
              .orElse(null));
    }
    if (related.contains("custom_environment_variables")) {
      ArrayNode vars = out.putArray("custom_environment_variables");
      state
          .table(EmulatorState.ENVIRONMENT_VARIABLES)
          .where(
              v ->
                  v.path("type").asText().equals("job")
                      && v.path("job_definition_id").asLong() == job.get("id").asLong()
                      && v.path("state").asInt(1) == 1)
          .forEach(v -> vars.add(EnvironmentVariablesApi.view(v)));
    }
    if (related.contains("most_recent_run")) {
      out.set("most_recent_run", latestRun(state, job, r -> true));
    }
    if (related.contains("most_recent_completed_run")) {
      out.set(
          "most_recent_completed_run",
          latestRun(state, job, r -> RUN_END_STATUSES.contains(r.path("status").asInt())));
    }
    if (related.contains("fusion_readiness")) {
      out.putNull("fusion_readiness");
    }
    return out;
  }

  /**
   * The newest run of a job in the run simulation's {@code runs} table, when that package is
   * present.
   */
  private static JsonNode latestRun(
      EmulatorState state, ObjectNode job, Predicate<ObjectNode> which) {
    if (!state.hasTable("runs")) {
      return null;
    }
    long jobId = job.get("id").asLong();
    return state
        .table("runs")
        .where(r -> r.path("job_definition_id").asLong() == jobId && which.test(r))
        .stream()
        .max(Comparator.comparingLong(r -> r.path("id").asLong()))
        .orElse(null);
  }

  /**
   * Validates {@code body} and writes the whole job, defaults for what it leaves out, in the
   * recorded field order.
   */
  private ObjectNode write(
      EmulatorState state,
      Access.Principal who,
      JsonNode body,
      long id,
      ObjectNode current,
      AdminSettings.RequiredJobFields required) {
    if (!body.isObject()) {
      throw ApiError.invalidField(
          "non_field_errors",
          "Invalid data. Expected a dictionary, but got "
              + (body.isMissingNode()
                  ? "nothing"
                  : body.getNodeType().toString().toLowerCase(Locale.ROOT))
              + ".");
    }
    requireKeys(body, required);
    long account = who.accountId();
    long projectId = body.get("project_id").asLong();
    long environmentId = body.get("environment_id").asLong();
    boolean projectOk =
        who.covers(projectId)
            && state
                .table(EmulatorState.PROJECTS)
                .get(projectId)
                .filter(
                    p -> p.get("account_id").asLong() == account && p.path("state").asInt(1) == 1)
                .isPresent();
    ObjectNode environment =
        state
            .table(EmulatorState.ENVIRONMENTS)
            .get(environmentId)
            .filter(e -> e.get("project_id").asLong() == projectId && e.path("state").asInt(1) == 1)
            .orElse(null);
    if (!projectOk || environment == null) {
      // Production answers an environment outside the project (or the token's reach) with the
      // permissions 404 (§E.12).
      throw ApiError.notFound();
    }
    String name = body.get("name").asText();
    if (name.isBlank()) {
      throw ApiError.invalidField("name", "This field may not be blank.");
    }
    JsonNode dbtVersion = body.path("dbt_version");
    if (dbtVersion.isTextual() && dbtVersion.asText().isEmpty()) {
      throw ApiError.invalidField("dbt_version", "This field may not be blank.");
    }
    ObjectNode triggers = triggers(body.path("triggers"));
    String jobType = jobType(triggers);
    if (current != null) {
      String was = current.path("job_type").asText();
      boolean locked = was.equals("ci") || was.equals("adaptive") || jobType.equals("ci");
      if (locked && !was.equals(jobType)) {
        throw ApiError.invalidField(
            "job_type", "the job type field for this job can only be set to '" + was + "'");
      }
    }
    ObjectNode schedule = Schedules.derive(body.path("schedule"));
    ArrayNode features = CostOptimization.normalise(body.path("cost_optimization_features"));
    JsonNode deferringEnvironment =
        reference(
            body,
            "deferring_environment_id",
            state,
            EmulatorState.ENVIRONMENTS,
            e -> e.get("project_id").asLong() == projectId);
    JsonNode deferringJob =
        reference(
            body,
            "deferring_job_definition_id",
            state,
            EmulatorState.JOBS,
            j -> j.get("account_id").asLong() == account);
    JsonNode completion =
        completionTrigger(body.path("job_completion_trigger_condition"), state, account);
    ArrayNode steps = steps(body.path("execute_steps"));
    int threads = body.path("settings").path("threads").asInt(1);
    int timeout = body.path("execution").path("timeout_seconds").asInt(0);
    if (threads < 1) {
      throw nested("settings", "threads", "Ensure this value is greater than or equal to 1.");
    }
    if (timeout < 0) {
      throw nested(
          "execution", "timeout_seconds", "Ensure this value is greater than or equal to 0.");
    }
    String now = Timestamps.isoT(ctx.clock().instant());

    ObjectNode job = Json.MAPPER.createObjectNode();
    job.putObject("execution").put("timeout_seconds", timeout);
    job.put("generate_docs", body.path("generate_docs").asBoolean(false));
    job.put("run_generate_sources", body.path("run_generate_sources").asBoolean(false));
    job.put("id", id);
    job.put("account_id", account);
    job.put("project_id", projectId);
    job.put("environment_id", environmentId);
    job.put("name", name);
    job.put(
        "description",
        body.path("description").isTextual() ? body.get("description").asText() : "");
    job.set("dbt_version", dbtVersion.isTextual() ? dbtVersion : null);
    job.put(
        "raw_dbt_version",
        dbtVersion.isTextual()
            ? dbtVersion.asText()
            : environment.path("dbt_version").asText("latest"));
    job.put("created_at", current == null ? now : current.path("created_at").asText(now));
    job.put("updated_at", now);
    job.set("execute_steps", steps);
    job.put("state", body.path("state").asInt(1) == 2 ? 2 : 1);
    job.set("deferring_job_definition_id", deferringJob);
    job.set("deferring_environment_id", deferringEnvironment);
    job.put("lifecycle_webhooks", body.path("lifecycle_webhooks").asBoolean(false));
    job.putNull("lifecycle_webhooks_url");
    job.set("triggers", triggers);
    ObjectNode settings = job.putObject("settings");
    settings.put("threads", threads);
    settings.put("target_name", body.path("settings").path("target_name").asText("default"));
    job.set("schedule", schedule);
    job.put("is_deferrable", false);
    job.put("generate_sources", job.get("run_generate_sources").asBoolean());
    job.put("cron_humanized", Schedules.humanize(schedule.get("cron").asText()));
    job.putNull("next_run");
    job.putNull("next_run_humanized");
    job.put("job_type", jobType);
    job.put("triggers_on_draft_pr", body.path("triggers_on_draft_pr").asBoolean(false));
    job.set("job_completion_trigger_condition", completion);
    job.put("run_compare_changes", body.path("run_compare_changes").asBoolean(false));
    job.put(
        "compare_changes_flags",
        body.path("compare_changes_flags").isTextual()
            ? body.get("compare_changes_flags").asText()
            : "--select state:modified");
    job.put("run_lint", body.path("run_lint").asBoolean(false));
    job.put("errors_on_lint_failure", body.path("errors_on_lint_failure").asBoolean(true));
    job.set("cost_optimization_features", features);
    job.put("run_failure_count", current == null ? 0 : current.path("run_failure_count").asInt(0));
    state.table(EmulatorState.JOBS).put(job);
    state.reserveId(id);
    return job;
  }

  private static void requireKeys(JsonNode body, AdminSettings.RequiredJobFields required) {
    List<String> keys;
    if (required == AdminSettings.RequiredJobFields.MINIMAL) {
      keys = List.of("project_id", "environment_id", "name");
    } else if (required == AdminSettings.RequiredJobFields.SPEC) {
      keys = SPEC_REQUIRED;
    } else {
      keys = SPEC_REQUIRED.stream().filter(k -> !k.equals("lifecycle_webhooks")).toList();
    }
    ObjectNode missing = Json.MAPPER.createObjectNode();
    for (String key : keys) {
      if (body.path(key).isMissingNode() || body.path(key).isNull()) {
        missing.put(key, "required key not provided");
      }
    }
    for (String id : List.of("project_id", "environment_id")) {
      if (!missing.has(id) && !body.path(id).isIntegralNumber()) {
        missing.put(id, "A valid integer is required.");
      }
    }
    if (!missing.isEmpty()) {
      missing.put(
          "_model", "HumanReadableJobDefinition"); // as recorded with "required key not provided"
      throw ApiError.invalid(missing);
    }
  }

  private static ObjectNode triggers(JsonNode in) {
    ObjectNode t = Json.MAPPER.createObjectNode();
    t.put("github_webhook", in.path("github_webhook").asBoolean(false));
    t.put("git_provider_webhook", in.path("git_provider_webhook").asBoolean(false));
    t.put("custom_branch_only", in.path("custom_branch_only").asBoolean(false));
    t.put("schedule", in.path("schedule").asBoolean(false));
    t.put("on_merge", in.path("on_merge").asBoolean(false));
    return t;
  }

  private static String jobType(ObjectNode triggers) {
    if (triggers.get("git_provider_webhook").asBoolean()
        || triggers.get("github_webhook").asBoolean()) {
      return "ci";
    }
    if (triggers.get("on_merge").asBoolean()) {
      return "merge";
    }
    return triggers.get("schedule").asBoolean() ? "scheduled" : "other";
  }

  private static ArrayNode steps(JsonNode in) {
    ArrayNode steps = Json.MAPPER.createArrayNode();
    if (in.isMissingNode() || in.isNull()) {
      return steps;
    }
    if (!in.isArray()) {
      throw ApiError.invalidField(
          "execute_steps",
          "Expected a list of items but got type \""
              + in.getNodeType().toString().toLowerCase(Locale.ROOT)
              + "\".");
    }
    for (JsonNode step : in) {
      if (!step.isTextual() || step.asText().isBlank()) {
        throw ApiError.invalidField("execute_steps", "This field may not be blank.");
      }
      steps.add(step.asText());
    }
    return steps;
  }

  private static JsonNode reference(
      JsonNode body,
      String field,
      EmulatorState state,
      String table,
      Predicate<ObjectNode> belongs) {
    JsonNode v = body.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    boolean ok =
        v.isIntegralNumber()
            && state
                .table(table)
                .get(v.asLong())
                .filter(row -> row.path("state").asInt(1) == 1)
                .filter(belongs)
                .isPresent();
    if (!ok) {
      throw ApiError.invalidField(
          field, "Invalid pk \"" + v.asText() + "\" - object does not exist.");
    }
    return Json.MAPPER.getNodeFactory().numberNode(v.asLong());
  }

  /**
   * {@code {condition: {job_id, project_id, statuses}}} (F3); statuses are run end states 10/20/30.
   */
  private static JsonNode completionTrigger(JsonNode in, EmulatorState state, long account) {
    if (in.isMissingNode() || in.isNull()) {
      return null;
    }
    JsonNode condition = in.path("condition");
    if (!condition.isObject()) {
      throw nested("job_completion_trigger_condition", "condition", "This field is required.");
    }
    JsonNode jobId = condition.path("job_id");
    boolean jobOk =
        jobId.isIntegralNumber()
            && state
                .table(EmulatorState.JOBS)
                .get(jobId.asLong())
                .filter(
                    j -> j.get("account_id").asLong() == account && j.path("state").asInt(1) == 1)
                .isPresent();
    if (!jobOk) {
      throw nested(
          "job_completion_trigger_condition",
          "job_id",
          "Invalid pk \"" + jobId.asText() + "\" - object does not exist.");
    }
    JsonNode statuses = condition.path("statuses");
    if (!statuses.isArray() || statuses.isEmpty()) {
      throw nested("job_completion_trigger_condition", "statuses", "This list may not be empty.");
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    ObjectNode c = out.putObject("condition");
    c.put("job_id", jobId.asLong());
    c.put(
        "project_id",
        condition
            .path("project_id")
            .asLong(
                state
                    .table(EmulatorState.JOBS)
                    .get(jobId.asLong())
                    .map(j -> j.get("project_id").asLong())
                    .orElse(0L)));
    ArrayNode s = c.putArray("statuses");
    for (JsonNode status : statuses) {
      if (!status.isIntegralNumber() || !RUN_END_STATUSES.contains(status.asInt())) {
        throw nested(
            "job_completion_trigger_condition",
            "statuses",
            "\""
                + status.asText()
                + "\" is not a valid choice; use 10 (success), 20 (error) or 30 (cancelled).");
      }
      s.add(status.asInt());
    }
    return out;
  }

  private static ApiError nested(String object, String field, String message) {
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.putObject(object).put(field, message);
    return ApiError.invalid(data);
  }
}
