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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * v2 jobs (§B.5, §C.1). Create and update take the whole job; fields the body leaves out get the
 * server default. The server derives {@code job_type} from the triggers (§E.15).
 */
public final class JobsApi {

  private static final String BASE = "/api/v2/accounts/{account_id}/jobs/";

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
    return ctx.state().read(state -> {
      long account = Access.requireAccount(request, state);
      Map<String, Object> filters = new LinkedHashMap<>();
      filters.put("account_id", account);
      Predicate<ObjectNode> filter = j -> j.get("account_id").asLong() == account && Lists.stateMatches(request, j);
      for (String field : List.of("project_id", "environment_id")) {
        String value = request.queryParam(field).orElse(null);
        if (value != null) {
          long id = parseId(field, value);
          filters.put(field, id);
          filter = filter.and(j -> j.path(field).asLong() == id);
        }
      }
      List<ObjectNode> rows = state.table(EmulatorState.JOBS).where(filter);
      return Lists.page(request, rows, filters);
    });
  }

  private ApiResponse get(ApiRequest request) {
    return ctx.state().read(state -> ApiResponse.ok(Envelope.success(200, find(request, state))));
  }

  private ApiResponse create(ApiRequest request) {
    return ctx.state().write(state -> {
      long account = Access.requireAccount(request, state);
      ObjectNode job = insert(state, account, request.body(), state.newId());
      return ApiResponse.created(Envelope.success(201, job));
    });
  }

  /** Creates a job from a request body; also how seed files add theirs. */
  public ObjectNode insert(EmulatorState state, long account, JsonNode body, long id) {
    ObjectNode job = Json.MAPPER.createObjectNode();
    job.put("id", id);
    job.put("account_id", account);
    job.put("created_at", Timestamps.isoT(ctx.clock().instant()));
    writeFields(job, body, state, account, null);
    state.table(EmulatorState.JOBS).put(job);
    return job;
  }

  private ApiResponse update(ApiRequest request) {
    return ctx.state().write(state -> {
      ObjectNode current = find(request, state);
      ObjectNode job = current.deepCopy();
      writeFields(job, request.body(), state, current.get("account_id").asLong(), current);
      state.table(EmulatorState.JOBS).put(job);
      return ApiResponse.ok(Envelope.success(200, job));
    });
  }

  private ApiResponse delete(ApiRequest request) {
    return ctx.state().write(state -> {
      ObjectNode job = find(request, state).deepCopy();
      job.put("state", 2);
      job.put("updated_at", Timestamps.isoT(ctx.clock().instant()));
      state.table(EmulatorState.JOBS).put(job);
      return ApiResponse.ok(Envelope.success(200, job));
    });
  }

  private ObjectNode find(ApiRequest request, EmulatorState state) {
    long account = Access.requireAccount(request, state);
    return state.table(EmulatorState.JOBS).get(request.idParam("id"))
        .filter(j -> j.get("account_id").asLong() == account)
        .filter(j -> j.path("state").asInt(1) == 1)
        .orElseThrow(ApiError::notFound);
  }

  private static long parseId(String field, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiError.invalidField(field, "\"" + value + "\" is not a valid integer.");
    }
  }

  /** Writes every writable field from {@code body}, defaults for the rest, in the recorded field order. */
  private void writeFields(ObjectNode job, JsonNode body, EmulatorState state, long account, ObjectNode current) {
    if (!body.isObject()) {
      throw ApiError.invalidField("non_field_errors", "Invalid data. Expected a dictionary, but got " + body.getNodeType() + ".");
    }
    ObjectNode missing = Json.MAPPER.createObjectNode();
    for (String required : List.of("project_id", "environment_id", "name")) {
      if (body.path(required).isMissingNode() || body.path(required).isNull()) {
        missing.put(required, "required key not provided");
      }
    }
    if (!missing.isEmpty()) {
      throw ApiError.invalid(missing);
    }
    long projectId = body.get("project_id").asLong();
    long environmentId = body.get("environment_id").asLong();
    boolean projectOk = state.table(EmulatorState.PROJECTS).get(projectId)
        .filter(p -> p.get("account_id").asLong() == account && p.path("state").asInt(1) == 1).isPresent();
    boolean environmentOk = state.table(EmulatorState.ENVIRONMENTS).get(environmentId)
        .filter(e -> e.get("project_id").asLong() == projectId && e.path("state").asInt(1) == 1).isPresent();
    if (!projectOk || !environmentOk) {
      throw ApiError.notFound();
    }
    ObjectNode triggers = triggers(body.path("triggers"));
    String jobType = jobType(triggers);
    if (current != null) {
      String was = current.path("job_type").asText();
      boolean ciChange = (was.equals("ci") || jobType.equals("ci")) && !was.equals(jobType);
      if (ciChange) {
        throw ApiError.invalidField("job_type", "the job type field for this job can only be set to '" + was + "'");
      }
    }
    ObjectNode execution = job.putObject("execution");
    execution.put("timeout_seconds", body.path("execution").path("timeout_seconds").asInt(0));
    job.put("generate_docs", body.path("generate_docs").asBoolean(false));
    job.put("run_generate_sources", body.path("run_generate_sources").asBoolean(false));
    job.put("id", job.get("id").asLong());
    job.put("account_id", account);
    job.put("project_id", projectId);
    job.put("environment_id", environmentId);
    job.put("name", body.get("name").asText());
    job.put("description", body.path("description").asText(""));
    job.set("dbt_version", body.path("dbt_version").isTextual() ? body.get("dbt_version") : null);
    job.put("created_at", job.path("created_at").asText());
    job.put("updated_at", Timestamps.isoT(ctx.clock().instant()));
    ArrayNode steps = job.putArray("execute_steps");
    body.path("execute_steps").forEach(steps::add);
    job.put("state", body.path("state").asInt(1));
    job.set("deferring_job_definition_id", idOrNull(body, "deferring_job_definition_id"));
    job.set("deferring_environment_id", idOrNull(body, "deferring_environment_id"));
    job.put("lifecycle_webhooks", body.path("lifecycle_webhooks").asBoolean(false));
    job.putNull("lifecycle_webhooks_url");
    job.set("triggers", triggers);
    ObjectNode settings = job.putObject("settings");
    settings.put("threads", body.path("settings").path("threads").asInt(1));
    settings.put("target_name", body.path("settings").path("target_name").asText("default"));
    job.set("schedule", schedule(body.path("schedule")));
    job.put("is_deferrable", true);
    job.put("generate_sources", job.get("run_generate_sources").asBoolean());
    job.put("cron_humanized", job.path("schedule").path("cron").asText());
    job.putNull("next_run");
    job.putNull("next_run_humanized");
    job.put("job_type", jobType);
    job.put("triggers_on_draft_pr", body.path("triggers_on_draft_pr").asBoolean(false));
    JsonNode completion = body.path("job_completion_trigger_condition");
    job.set("job_completion_trigger_condition", completion.isObject() ? completion : null);
    job.put("run_compare_changes", body.path("run_compare_changes").asBoolean(false));
    job.put("compare_changes_flags", body.path("compare_changes_flags").asText("--select state:modified"));
    job.put("run_lint", body.path("run_lint").asBoolean(false));
    job.put("errors_on_lint_failure", body.path("errors_on_lint_failure").asBoolean(true));
    ArrayNode features = job.putArray("cost_optimization_features");
    body.path("cost_optimization_features").forEach(features::add);
  }

  private static ObjectNode triggers(JsonNode in) {
    ObjectNode t = Json.MAPPER.createObjectNode();
    t.put("github_webhook", in.path("github_webhook").asBoolean(false));
    t.put("schedule", in.path("schedule").asBoolean(false));
    t.put("git_provider_webhook", in.path("git_provider_webhook").asBoolean(false));
    t.put("on_merge", in.path("on_merge").asBoolean(false));
    return t;
  }

  private static String jobType(ObjectNode triggers) {
    if (triggers.get("git_provider_webhook").asBoolean() || triggers.get("github_webhook").asBoolean()) {
      return "ci";
    }
    if (triggers.get("on_merge").asBoolean()) {
      return "merge";
    }
    return triggers.get("schedule").asBoolean() ? "scheduled" : "other";
  }

  private static ObjectNode schedule(JsonNode in) {
    ObjectNode s = Json.MAPPER.createObjectNode();
    String cron = in.path("cron").asText("");
    s.put("cron", cron.isEmpty() ? "0 * * * *" : cron);
    ObjectNode date = s.putObject("date");
    date.put("type", "custom_cron");
    date.put("cron", s.get("cron").asText());
    ObjectNode time = s.putObject("time");
    time.put("type", "every_hour");
    time.put("interval", 1);
    return s;
  }

  private static JsonNode idOrNull(JsonNode body, String field) {
    JsonNode v = body.path(field);
    return v.isIntegralNumber() ? v : null;
  }
}
