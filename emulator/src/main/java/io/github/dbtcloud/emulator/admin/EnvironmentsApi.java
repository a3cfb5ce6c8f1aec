package io.github.dbtcloud.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * v3 environments: project-scoped CRUD, plus the account-scoped list that the Terraform provider,
 * dbt-jobs-as-code and dbtc use although the v3 spec lacks it. An update is a full replace: every
 * writable field the body leaves out goes back to its default, so an omitted {@code credentials_id}
 * becomes null (the spec says so of {@code credentials_id} and {@code connection_id}). Answers
 * carry the project's {@code repository} and {@code connection} objects, as recorded; a create
 * answer also carries {@code project}, {@code jobs}, {@code credentials} and {@code
 * custom_environment_variables} and spaces its timestamps, as the 2023 recording does.
 */
public final class EnvironmentsApi {

  private static final String BASE =
      "/api/v3/accounts/{account_id}/projects/{project_id}/environments/";

  private final AdminContext ctx;

  public EnvironmentsApi(AdminContext ctx) {
    this.ctx = ctx;
  }

  /** Adds the routes. */
  public void register(Router router) {
    router.add("GET", BASE, this::list);
    router.add("POST", BASE, this::create);
    router.add("GET", BASE + "{id}/", this::get);
    router.add("POST", BASE + "{id}/", this::update);
    router.add("DELETE", BASE + "{id}/", this::delete);
    router.add("GET", "/api/v3/accounts/{account_id}/environments/", this::listForAccount);
  }

  private ApiResponse list(ApiRequest request) {
    return ctx.state()
        .read(
            state -> {
              long projectId = request.idParam("project_id");
              ObjectNode project = ProjectsApi.find(request, state, projectId);
              Map<String, Object> filters = new LinkedHashMap<>();
              filters.put("account_id", project.get("account_id").asLong());
              filters.put("project_id", projectId);
              Predicate<ObjectNode> filter = e -> e.get("project_id").asLong() == projectId;
              List<ObjectNode> rows =
                  state
                      .table(EmulatorState.ENVIRONMENTS)
                      .where(filter.and(filters(request, filters)));
              Set<String> related = Lists.includeRelated(request);
              return Lists.page(request, rows, filters, e -> view(state, e, related));
            });
  }

  /**
   * {@code GET /api/v3/accounts/{a}/environments/?project_id=}: not in the v3 spec, but the
   * Terraform provider, dbt-jobs-as-code and dbtc list environments this way.
   */
  private ApiResponse listForAccount(ApiRequest request) {
    return ctx.state()
        .read(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              Map<String, Object> filters = new LinkedHashMap<>();
              filters.put("account_id", who.accountId());
              Predicate<ObjectNode> filter =
                  e ->
                      e.get("account_id").asLong() == who.accountId()
                          && who.covers(e.get("project_id").asLong());
              Long projectId = Lists.longParam(request, "project_id").orElse(null);
              if (projectId != null) {
                filters.put("project_id", projectId);
                filter = filter.and(e -> e.get("project_id").asLong() == projectId);
              }
              List<ObjectNode> rows =
                  state
                      .table(EmulatorState.ENVIRONMENTS)
                      .where(filter.and(filters(request, filters)));
              Set<String> related = Lists.includeRelated(request);
              return Lists.page(request, rows, filters, e -> view(state, e, related));
            });
  }

  /** The v3 environment list filters the spec lists, echoed into {@code filters}. */
  private static Predicate<ObjectNode> filters(ApiRequest request, Map<String, Object> filters) {
    Predicate<ObjectNode> filter = Lists.statePredicate(request, "active");
    for (String field : new String[] {"name", "type", "deployment_type", "dbt_version"}) {
      String value = request.queryParam(field).orElse(null);
      if (value != null) {
        filters.put(field, value);
        filter = filter.and(e -> e.path(field).asText().equals(value));
      }
    }
    for (String field : new String[] {"deployment_type", "dbt_version"}) {
      List<String> values = Lists.stringsParam(request, field + "__in").orElse(null);
      if (values != null) {
        filters.put(field + "__in", values);
        filter = filter.and(e -> values.contains(e.path(field).asText()));
      }
    }
    String nameLike = request.queryParam("name__icontains").orElse(null);
    if (nameLike != null) {
      filters.put("name__icontains", nameLike);
      String needle = nameLike.toLowerCase(Locale.ROOT);
      filter = filter.and(e -> e.path("name").asText().toLowerCase(Locale.ROOT).contains(needle));
    }
    Long credentials = Lists.longParam(request, "credentials_id").orElse(null);
    if (credentials != null) {
      filters.put("credentials_id", credentials);
      filter = filter.and(e -> e.path("credentials_id").asLong(-1) == credentials);
    }
    List<Long> projects = Lists.longsParam(request, "project_id__in").orElse(null);
    if (projects != null) {
      filters.put("project_id__in", projects);
      filter = filter.and(e -> projects.contains(e.get("project_id").asLong()));
    }
    return filter.and(ProjectsApi.idFilters(request, filters));
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
              long projectId = request.idParam("project_id");
              ObjectNode project = ProjectsApi.find(request, state, projectId);
              ObjectNode env = insert(state, project, request.body(), state.newId());
              return ApiResponse.created(Envelope.success(201, createdView(state, env)));
            });
  }

  /** Creates an environment from a request body; also how seed files add theirs. */
  public ObjectNode insert(EmulatorState state, ObjectNode project, JsonNode body, long id) {
    long projectId = project.get("id").asLong();
    ObjectNode env = Json.MAPPER.createObjectNode();
    env.putNull("dbt_project_subdirectory");
    env.put("project_id", projectId);
    env.put("id", id);
    env.put("account_id", project.get("account_id").asLong());
    env.putNull("connection_id");
    env.set("repository_id", project.get("repository_id"));
    env.putNull("credentials_id");
    env.putNull("created_by_id");
    env.put("created_at", Timestamps.isoT(ctx.clock().instant()));
    writeFields(env, body, state, projectId);
    state.table(EmulatorState.ENVIRONMENTS).put(env);
    state.reserveId(id);
    return env;
  }

  private ApiResponse update(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              ObjectNode current = find(request, state);
              ObjectNode env = current.deepCopy();
              writeFields(env, request.body(), state, current.get("project_id").asLong());
              state.table(EmulatorState.ENVIRONMENTS).put(env);
              if (env.get("state").asInt() == 2) {
                JobsApi.deleteJobsOf(state, env.get("id").asLong(), env.get("updated_at").asText());
              }
              return ApiResponse.ok(Envelope.success(200, view(state, env, Set.of())));
            });
  }

  private ApiResponse delete(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              ObjectNode env = find(request, state).deepCopy();
              String now = Timestamps.isoT(ctx.clock().instant());
              env.put("state", 2);
              env.put("updated_at", now);
              state.table(EmulatorState.ENVIRONMENTS).put(env);
              JobsApi.deleteJobsOf(state, env.get("id").asLong(), now);
              if (ctx.settings().deleteAnswer() == AdminSettings.DeleteAnswer.NO_CONTENT) {
                return ApiResponse.noContent();
              }
              return ApiResponse.ok(Envelope.success(200, view(state, env, Set.of())));
            });
  }

  private ObjectNode find(ApiRequest request, EmulatorState state) {
    long projectId = request.idParam("project_id");
    ProjectsApi.find(request, state, projectId);
    return state
        .table(EmulatorState.ENVIRONMENTS)
        .get(request.idParam("id"))
        .filter(e -> e.get("project_id").asLong() == projectId)
        .filter(e -> e.path("state").asInt(1) == 1)
        .orElseThrow(ApiError::notFound);
  }

  /**
   * How an environment is answered: the row, its project's repository and connection, and any
   * related object asked for.
   */
  static ObjectNode view(EmulatorState state, ObjectNode env, Set<String> related) {
    ObjectNode out = env.deepCopy();
    ObjectNode project =
        state.table(EmulatorState.PROJECTS).get(env.get("project_id").asLong()).orElse(null);
    out.set("repository", project == null ? null : project.get("repository"));
    out.set("connection", project == null ? null : project.get("connection"));
    if (related.contains("project")) {
      out.set("project", project);
    }
    if (related.contains("credentials")) {
      out.putNull("credentials");
    }
    return out;
  }

  private static ObjectNode createdView(EmulatorState state, ObjectNode env) {
    ObjectNode out = view(state, env, Set.of("project", "credentials"));
    out.putNull("jobs");
    out.putNull("custom_environment_variables");
    out.put("created_at", Timestamps.toSpaced(env.path("created_at").asText(null)));
    out.put("updated_at", Timestamps.toSpaced(env.path("updated_at").asText(null)));
    return out;
  }

  /**
   * Full replace of the writable fields from {@code body}, validated as dbt Cloud validates them
   * (docs/emulator.md lists the rules).
   */
  private void writeFields(ObjectNode env, JsonNode body, EmulatorState state, long projectId) {
    if (!body.isObject()) {
      throw ApiError.invalidField(
          "non_field_errors",
          "Invalid data. Expected a dictionary, but got "
              + (body.isMissingNode()
                  ? "nothing"
                  : body.getNodeType().toString().toLowerCase(Locale.ROOT))
              + ".");
    }
    if (ctx.settings().strict()) {
      checkTypes(body, env, projectId);
    }
    JsonNode credentials = body.path("credentials");
    if (!credentials.isMissingNode() && !credentials.isNull()) {
      throw ApiError.invalidField(
          "credentials", credentials + " is not valid under any of the given schemas");
    }
    String name = text(body, "name", "New Environment");
    if (name.isBlank()) {
      throw ApiError.invalidField("name", "This field may not be blank.");
    }
    String type = text(body, "type", "deployment");
    if (!type.equals("deployment") && !type.equals("development")) {
      throw ApiError.invalidField("type", "\"" + type + "\" is not a valid choice.");
    }
    JsonNode deploymentType = body.path("deployment_type");
    if (!deploymentType.isMissingNode()
        && !deploymentType.isNull()
        && !deploymentType.asText().equals("production")
        && !deploymentType.asText().equals("staging")) {
      throw ApiError.invalidField(
          "deployment_type", "\"" + deploymentType.asText() + "\" is not a valid choice.");
    }
    JsonNode dbtVersion = body.path("dbt_version");
    if (dbtVersion.isTextual() && dbtVersion.asText().isEmpty()) {
      throw ApiError.invalidField("dbt_version", "This field may not be blank.");
    }
    if (ctx.settings().strict()
        && dbtVersion.isTextual()
        && !DbtVersions.offered(dbtVersion.asText())) {
      throw ApiError.invalidField("dbt_version", DbtVersions.refusal(dbtVersion.asText()));
    }
    long id = env.get("id").asLong();
    List<ObjectNode> siblings =
        state
            .table(EmulatorState.ENVIRONMENTS)
            .where(
                e ->
                    e.get("project_id").asLong() == projectId
                        && e.get("id").asLong() != id
                        && e.path("state").asInt(1) == 1);
    if (type.equals("development")
        && siblings.stream().anyMatch(e -> e.path("type").asText().equals("development"))) {
      throw ApiError.invalidField("type", "A project can only have one development environment.");
    }
    if ("production".equals(deploymentType.asText(null))
        && siblings.stream()
            .anyMatch(e -> e.path("deployment_type").asText("").equals("production"))) {
      throw ApiError.invalidField(
          "deployment_type", "A project can only have one production environment.");
    }
    if (ctx.settings().strict()
        && siblings.stream().anyMatch(e -> e.path("name").asText().equals(name))) {
      // Environment variables address environments by name, so a project's names must differ.
      throw ApiError.invalidField(
          "name",
          "An environment named \""
              + name
              + "\" already exists in project "
              + projectId
              + "; choose another name.");
    }
    env.put("name", name);
    env.put("type", type);
    env.set("deployment_type", deploymentType.isTextual() ? deploymentType : null);
    copyId(env, body, "credentials_id");
    copyId(env, body, "connection_id");
    copyId(env, body, "extended_attributes_id");
    copyId(env, body, "primary_profile_id");
    env.put("use_custom_branch", body.path("use_custom_branch").asBoolean(false));
    env.set(
        "custom_branch", body.path("custom_branch").isTextual() ? body.get("custom_branch") : null);
    String version = dbtVersion.isTextual() ? dbtVersion.asText() : "latest";
    env.put("dbt_version", version);
    env.put("raw_dbt_version", version);
    env.put("supports_docs", body.path("supports_docs").asBoolean(false));
    env.put("enable_model_query_history", body.path("enable_model_query_history").asBoolean(false));
    env.put("enable_dbt_state", body.path("enable_dbt_state").asBoolean(false));
    env.put("is_deferrable", type.equals("deployment"));
    env.put("state", body.path("state").asInt(1) == 2 ? 2 : 1);
    env.put("updated_at", Timestamps.isoT(ctx.clock().instant()));
  }

  /**
   * Every field's JSON type as {@code EnvironmentV3Request} declares it, and that the body names
   * the environment's own account and project (the ones in the path).
   */
  private static void checkTypes(JsonNode body, ObjectNode env, long projectId) {
    if (!body.isObject()) {
      return; // refused below with the serializer's own message
    }
    FieldChecks c = new FieldChecks();
    c.integer(body.get("account_id"), "account_id", false);
    c.integer(body.get("project_id"), "project_id", false);
    for (String id :
        List.of(
            "credentials_id", "connection_id", "extended_attributes_id", "primary_profile_id")) {
      c.integer(body.get(id), id, false);
    }
    c.text(body.get("name"), "name", true);
    c.choice(body.get("type"), "type", List.of("development", "deployment"));
    c.text(body.get("dbt_version"), "dbt_version", false);
    for (String flag :
        List.of(
            "use_custom_branch",
            "supports_docs",
            "enable_model_query_history",
            "enable_dbt_state")) {
      c.bool(body.get(flag), flag);
    }
    c.text(body.get("custom_branch"), "custom_branch", false);
    c.choice(body.get("deployment_type"), "deployment_type", List.of("production", "staging"));
    c.intChoice(body.get("state"), "state", java.util.Set.of(1, 2));
    JsonNode account = body.get("account_id");
    if (!c.failed("account_id")
        && !FieldChecks.absent(account)
        && account.asLong() != env.get("account_id").asLong()) {
      c.problem(
          "account_id",
          "The environment belongs to account "
              + env.get("account_id").asLong()
              + " (the one in the path), not "
              + account.asLong()
              + ".");
    }
    JsonNode project = body.get("project_id");
    if (!c.failed("project_id") && !FieldChecks.absent(project) && project.asLong() != projectId) {
      c.problem(
          "project_id",
          "The environment belongs to project "
              + projectId
              + " (the one in the path), not "
              + project.asLong()
              + "; an environment cannot move to another project.");
    }
    if ("development".equals(body.path("type").asText())
        && !FieldChecks.absent(body.get("deployment_type"))
        && !c.failed("deployment_type")) {
      c.problem(
          "deployment_type",
          "Only deployment environments have a deployment type; leave it out (or null) for a"
              + " development environment.");
    }
    c.throwIfAny();
  }

  private static void copyId(ObjectNode env, JsonNode body, String field) {
    JsonNode v = body.path(field);
    if (v.isIntegralNumber()) {
      env.put(field, v.asLong());
    } else {
      env.putNull(field);
    }
  }

  private static String text(JsonNode body, String field, String fallback) {
    JsonNode v = body.path(field);
    return v.isTextual() ? v.asText() : fallback;
  }
}
