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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * v2 jobs. Create and update take the whole job; fields the body leaves out get the server default.
 * The server derives {@code job_type} from the triggers, the {@code cron} from the structured
 * schedule ({@link Schedules}) and rewrites {@code cost_optimization_features} ({@link
 * CostOptimization}); {@code job_completion_trigger_condition} is writable, as the Terraform
 * provider writes it. DELETE is a soft delete ({@code state: 2}), as is an update that sends {@code
 * state: 2} (the Terraform provider deletes that way). With strict validation (the default) every
 * field is checked as dbt Cloud checks it; docs/emulator.md lists the rules and their sources.
 */
public final class JobsApi {

  private static final String BASE = "/api/v2/accounts/{account_id}/jobs/";

  /** The spec's required request keys ({@code HumanReadableJobDefinitionRequest}). */
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

  /** The spec's {@code JobTypeEnum}. */
  static final List<String> JOB_TYPES =
      List.of("ci", "scheduled", "other", "merge", "exposure_sync", "adaptive", "hybrid");

  /**
   * Job types a job keeps for life: dbt Cloud refuses a {@code job_type} that moves a job into or
   * out of them ("the job type field for this job can only be set to 'ci'", quoted by the Terraform
   * provider).
   */
  private static final Set<String> LOCKED_TYPES = Set.of("ci", "adaptive");

  private static final Set<Integer> RUN_END_STATUSES = Set.of(10, 20, 30);

  /** Related objects a job answer always names, null unless {@code include_related} asks. */
  private static final List<String> RELATED =
      List.of(
          "account",
          "project",
          "environment",
          "most_recent_run",
          "most_recent_completed_run",
          "fusion_readiness");

  private final AdminContext ctx;
  private final Listings listings = new Listings();
  private final RenderedRows rendered = new RenderedRows();

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
              Listings.Selection selection =
                  listings.of(
                      request,
                      state,
                      state.table(EmulatorState.JOBS),
                      () -> select(request, state, who));
              Set<String> related = Lists.includeRelated(request);
              // Related objects change without the job's row changing, so only the plain view is
              // kept.
              Function<ObjectNode, JsonNode> show =
                  related.isEmpty()
                      ? j -> rendered.of(j, row -> view(state, row, related))
                      : j -> view(state, j, related);
              return Lists.page(request, selection.rows(), selection.filters(), show);
            });
  }

  /** The jobs a listing's filters select, in id order, and the filters its answers echo. */
  private static Listings.Selection select(
      ApiRequest request, EmulatorState state, Access.Principal who) {
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
      filter = filter.and(j -> j.path("name").asText().toLowerCase(Locale.ROOT).contains(needle));
    }
    List<String> versions = Lists.stringsParam(request, "dbt_version__in").orElse(null);
    if (versions != null) {
      filters.put("dbt_version__in", versions);
      filter = filter.and(j -> versions.contains(j.path("dbt_version").asText()));
    }
    Boolean scheduled = Lists.booleanParam(request, "triggers_schedule").orElse(null);
    if (scheduled != null) {
      filters.put("triggers_schedule", scheduled);
      filter = filter.and(j -> j.path("triggers").path("schedule").asBoolean() == scheduled);
    }
    if (Lists.booleanParam(request, "is_system").orElse(false)) {
      filters.put("is_system", true);
      filter = filter.and(j -> false); // the emulator holds no system jobs
    }
    filter = filter.and(ProjectsApi.idFilters(request, filters));
    List<ObjectNode> rows = state.table(EmulatorState.JOBS).where(filter);
    return new Listings.Selection(rows, filters);
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
              return ApiResponse.created(Envelope.success(201, view(state, job, Set.of())));
            });
  }

  /**
   * Creates a job from a seed entry through the same validation as an API create, needing only
   * {@code project_id}, {@code environment_id}, {@code name} and (when validation is strict) {@code
   * execute_steps}, so that seed files stay short.
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
              return ApiResponse.ok(Envelope.success(200, view(state, job, Set.of())));
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
              return ApiResponse.ok(Envelope.success(200, view(state, job, Set.of())));
            });
  }

  /**
   * Soft-deletes every active job of an environment, as dbt Cloud does when the environment is
   * deleted.
   */
  static void deleteJobsOf(EmulatorState state, long environmentId, String now) {
    for (ObjectNode job :
        state
            .table(EmulatorState.JOBS)
            .where(
                j ->
                    j.path("environment_id").asLong() == environmentId
                        && j.path("state").asInt(1) == 1)) {
      ObjectNode deleted = job.deepCopy();
      deleted.put("state", 2);
      deleted.put("updated_at", now);
      state.table(EmulatorState.JOBS).put(deleted);
    }
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

  /**
   * A job as answered: every stored field, then the related objects a live answer always names
   * (null unless {@code include_related} asks for them, as dbt-jobs-as-code's {@code
   * JobMissingFields} expects them).
   */
  private static ObjectNode view(EmulatorState state, ObjectNode job, Set<String> related) {
    ObjectNode out = job.deepCopy();
    RELATED.forEach(out::putNull);
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
        .map(JobsApi::withoutInternals)
        .orElse(null);
  }

  /** A stored run without the simulation's private plan (keys starting with {@code _}). */
  private static JsonNode withoutInternals(ObjectNode run) {
    ObjectNode out = run.deepCopy();
    List<String> internal = new ArrayList<>();
    out.fieldNames().forEachRemaining(k -> internal.add(k));
    internal.stream().filter(k -> k.startsWith("_")).forEach(out::remove);
    return out;
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
    boolean strict = ctx.settings().strict();
    if (!body.isObject()) {
      throw ApiError.invalidField(
          "non_field_errors",
          "Invalid data. Expected a dictionary, but got "
              + (body.isMissingNode() ? "nothing" : FieldChecks.typeName(body))
              + ".");
    }
    requireKeys(body, required, strict);
    if (strict) {
      checkTypes(body);
    }
    long account = who.accountId();
    long projectId = body.get("project_id").asLong();
    long environmentId = body.get("environment_id").asLong();
    if (strict && current != null && current.get("project_id").asLong() != projectId) {
      throw ApiError.invalidField(
          "project_id",
          "A job cannot move to another project: job "
              + id
              + " is in project "
              + current.get("project_id").asLong()
              + ", not "
              + projectId
              + ". Send its own project_id, or create a new job in project "
              + projectId
              + ".");
    }
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
      // dbt Cloud answers an environment outside the project (or outside the token's reach) with
      // its permissions 404
      // (https://github.com/dbt-labs/terraform-provider-dbtcloud/issues/537).
      throw ApiError.notFound();
    }
    String name = body.get("name").asText();
    if (name.isBlank()) {
      throw ApiError.invalidField("name", FieldChecks.BLANK);
    }
    JsonNode dbtVersion = body.path("dbt_version");
    if (dbtVersion.isTextual() && dbtVersion.asText().isEmpty()) {
      throw ApiError.invalidField("dbt_version", FieldChecks.BLANK);
    }
    if (strict && dbtVersion.isTextual() && !DbtVersions.offered(dbtVersion.asText())) {
      throw ApiError.invalidField("dbt_version", DbtVersions.refusal(dbtVersion.asText()));
    }
    ObjectNode triggers = triggers(body.path("triggers"));
    String jobType = jobType(body.path("job_type"), triggers, current, strict);
    ObjectNode schedule = Schedules.derive(body.path("schedule"), strict);
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
            strict
                ? j -> j.get("project_id").asLong() == projectId
                : j -> j.get("account_id").asLong() == account);
    JsonNode completion =
        completionTrigger(
            body.path("job_completion_trigger_condition"),
            state,
            who,
            current == null ? null : id,
            strict);
    ArrayNode steps = steps(body.path("execute_steps"));
    int threads = body.path("settings").path("threads").asInt(1);
    int timeout = body.path("execution").path("timeout_seconds").asInt(0);
    if (threads < 1) {
      throw ApiError.invalidField(
          "settings.threads", "Ensure this value is greater than or equal to 1.");
    }
    if (timeout < 0) {
      throw ApiError.invalidField(
          "execution.timeout_seconds", "Ensure this value is greater than or equal to 0.");
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
    job.put("deactivated", false);
    job.put("is_system", false);
    state.table(EmulatorState.JOBS).put(job);
    state.reserveId(id);
    return job;
  }

  /**
   * Every field's JSON type as {@code HumanReadableJobDefinitionRequest} declares it, plus what dbt
   * Cloud adds: steps present and non-empty, a non-blank target name, threads of at least 1.
   */
  private static void checkTypes(JsonNode body) {
    FieldChecks c = new FieldChecks();
    c.integer(body.get("account_id"), "account_id", false);
    c.integer(body.get("project_id"), "project_id", true);
    c.integer(body.get("environment_id"), "environment_id", true);
    c.text(body.get("name"), "name", true);
    c.textOrEmpty(body.get("description"), "description");
    c.text(body.get("dbt_version"), "dbt_version", false);
    c.integer(body.get("deferring_environment_id"), "deferring_environment_id", false);
    c.integer(body.get("deferring_job_definition_id"), "deferring_job_definition_id", false);
    c.textList(body.get("execute_steps"), "execute_steps", true, true);
    if (c.object(body.get("execution"), "execution", false)) {
      c.integerAtLeast(
          body.get("execution").get("timeout_seconds"), "execution.timeout_seconds", true, 0);
    }
    for (String flag :
        List.of(
            "generate_docs",
            "lifecycle_webhooks",
            "run_compare_changes",
            "run_generate_sources",
            "run_lint",
            "errors_on_lint_failure",
            "triggers_on_draft_pr",
            "generate_sources")) {
      c.bool(body.get(flag), flag);
    }
    c.choice(body.get("job_type"), "job_type", JOB_TYPES);
    c.text(body.get("compare_changes_flags"), "compare_changes_flags", false);
    if (c.object(body.get("settings"), "settings", false)) {
      JsonNode settings = body.get("settings");
      c.integerAtLeast(settings.get("threads"), "settings.threads", true, 1);
      c.text(settings.get("target_name"), "settings.target_name", true);
    }
    c.intChoice(body.get("state"), "state", Set.of(1, 2));
    if (c.object(body.get("triggers"), "triggers", false)) {
      JsonNode triggers = body.get("triggers");
      for (String t :
          List.of(
              "github_webhook",
              "schedule",
              "git_provider_webhook",
              "on_merge",
              "custom_branch_only")) {
        c.bool(triggers.get(t), "triggers." + t);
      }
    }
    c.throwIfAny();
  }

  private static void requireKeys(
      JsonNode body, AdminSettings.RequiredJobFields required, boolean strict) {
    List<String> keys = new ArrayList<>();
    if (required == AdminSettings.RequiredJobFields.MINIMAL) {
      keys.addAll(List.of("project_id", "environment_id", "name"));
    } else if (required == AdminSettings.RequiredJobFields.SPEC) {
      keys.addAll(SPEC_REQUIRED);
    } else {
      SPEC_REQUIRED.stream().filter(k -> !k.equals("lifecycle_webhooks")).forEach(keys::add);
    }
    if (strict) {
      // Not in the spec's list, but the API has always demanded it (recorded in 2020 with the
      // message below) and the Terraform provider requires it; a job without steps runs nothing.
      keys.add("execute_steps");
    }
    ObjectNode missing = Json.MAPPER.createObjectNode();
    for (String key : keys) {
      if (body.path(key).isMissingNode() || body.path(key).isNull()) {
        missing.put(key, "required key not provided");
      }
    }
    for (String id : List.of("project_id", "environment_id")) {
      if (!missing.has(id) && !body.path(id).isIntegralNumber()) {
        missing.put(id, FieldChecks.INTEGER);
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

  /**
   * The job type the server stores. A {@code ci} or {@code adaptive} job keeps its type for life:
   * turning its triggers off deactivates it, it does not make it another kind of job. Other jobs
   * take the type their triggers give (a git webhook makes a CI job, {@code on_merge} a merge job,
   * the schedule a scheduled job, else {@code other}); a {@code job_type} the client sends for them
   * is only a hint, except {@code ci} or {@code adaptive} on a create. With strict validation, an
   * update whose {@code job_type} would move a job into or out of {@code ci}/{@code adaptive} is
   * refused with the text the Terraform provider quotes.
   */
  private static String jobType(
      JsonNode sentNode, ObjectNode triggers, ObjectNode current, boolean strict) {
    String sent = sentNode.isTextual() ? sentNode.asText() : null;
    String derived;
    if (triggers.get("git_provider_webhook").asBoolean()
        || triggers.get("github_webhook").asBoolean()) {
      derived = "ci";
    } else if (triggers.get("on_merge").asBoolean()) {
      derived = "merge";
    } else {
      derived = triggers.get("schedule").asBoolean() ? "scheduled" : "other";
    }
    if (current == null) {
      return sent != null && LOCKED_TYPES.contains(sent) ? sent : derived;
    }
    String was = current.path("job_type").asText();
    boolean locked = LOCKED_TYPES.contains(was);
    if (strict && sent != null && !sent.equals(was) && (locked || LOCKED_TYPES.contains(sent))) {
      throw ApiError.invalidField(
          "job_type", "the job type field for this job can only be set to '" + was + "'");
    }
    return locked ? was : derived;
  }

  private static ArrayNode steps(JsonNode in) {
    ArrayNode steps = Json.MAPPER.createArrayNode();
    if (in.isMissingNode() || in.isNull()) {
      return steps;
    }
    if (!in.isArray()) {
      throw ApiError.invalidField(
          "execute_steps",
          "Expected a list of items but got type \"" + FieldChecks.typeName(in) + "\".");
    }
    for (JsonNode step : in) {
      if (!step.isTextual() || step.asText().isBlank()) {
        throw ApiError.invalidField("execute_steps", FieldChecks.BLANK);
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
   * {@code {condition: {job_id, project_id, statuses}}}, the form the Terraform provider writes;
   * statuses are run end states 10/20/30. With strict validation the trigger job must be another
   * active job the token can see, and {@code project_id}, when sent, must be that job's project:
   * dbt Cloud stores the trigger job's project, so that is what is answered when it is left out.
   */
  private static JsonNode completionTrigger(
      JsonNode in, EmulatorState state, Access.Principal who, Long self, boolean strict) {
    if (in.isMissingNode() || in.isNull()) {
      return null;
    }
    String at = "job_completion_trigger_condition";
    if (strict) {
      FieldChecks c = new FieldChecks();
      if (c.object(in, at, false) && c.object(in.get("condition"), at + ".condition", true)) {
        JsonNode condition = in.get("condition");
        c.integer(condition.get("job_id"), at + ".condition.job_id", true);
        c.integer(condition.get("project_id"), at + ".condition.project_id", false);
      }
      c.throwIfAny();
    }
    JsonNode condition = in.path("condition");
    if (!condition.isObject()) {
      throw ApiError.invalidField(at + ".condition", FieldChecks.REQUIRED);
    }
    JsonNode jobId = condition.path("job_id");
    ObjectNode parent =
        jobId.isIntegralNumber()
            ? state
                .table(EmulatorState.JOBS)
                .get(jobId.asLong())
                .filter(
                    j ->
                        j.get("account_id").asLong() == who.accountId()
                            && j.path("state").asInt(1) == 1
                            && (!strict || who.covers(j.get("project_id").asLong())))
                .orElse(null)
            : null;
    if (parent == null) {
      throw ApiError.invalidField(
          at + ".condition.job_id",
          "Invalid pk \"" + jobId.asText() + "\" - object does not exist.");
    }
    if (strict && self != null && parent.get("id").asLong() == self) {
      throw ApiError.invalidField(
          at + ".condition.job_id",
          "A job cannot be triggered by its own completion; name another job.");
    }
    long parentProject = parent.get("project_id").asLong();
    JsonNode sentProject = condition.path("project_id");
    if (strict && sentProject.isIntegralNumber() && sentProject.asLong() != parentProject) {
      throw ApiError.invalidField(
          at + ".condition.project_id",
          "Job "
              + parent.get("id").asLong()
              + " is in project "
              + parentProject
              + ", not "
              + sentProject.asLong()
              + "; send project_id "
              + parentProject
              + " (or leave it out).");
    }
    JsonNode statuses = condition.path("statuses");
    if (!statuses.isArray() || statuses.isEmpty()) {
      throw ApiError.invalidField(at + ".condition.statuses", "This list may not be empty.");
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    ObjectNode c = out.putObject("condition");
    c.put("job_id", parent.get("id").asLong());
    c.put("project_id", strict ? parentProject : sentProject.asLong(parentProject));
    ArrayNode s = c.putArray("statuses");
    for (JsonNode status : statuses) {
      if (!status.isIntegralNumber() || !RUN_END_STATUSES.contains(status.asInt())) {
        throw ApiError.invalidField(
            at + ".condition.statuses",
            "\""
                + status.asText()
                + "\" is not a valid choice; use 10 (success), 20 (error) or 30 (cancelled).");
      }
      s.add(status.asInt());
    }
    return out;
  }
}
