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
import java.util.List;
import java.util.Map;

/**
 * v3 project-scoped environments (§B.4). An update is a full replace: every writable field the
 * body leaves out goes back to its default, so an omitted {@code credentials_id} becomes null.
 */
public final class EnvironmentsApi {

  private static final String BASE = "/api/v3/accounts/{account_id}/projects/{project_id}/environments/";

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
  }

  private ApiResponse list(ApiRequest request) {
    return ctx.state().read(state -> {
      long projectId = request.idParam("project_id");
      ObjectNode project = ProjectsApi.find(request, state, projectId);
      List<ObjectNode> rows = state.table(EmulatorState.ENVIRONMENTS).where(
          e -> e.get("project_id").asLong() == projectId && Lists.stateMatches(request, e));
      return Lists.page(request, rows, Map.of("account_id", project.get("account_id").asLong(), "project_id", projectId));
    });
  }

  private ApiResponse get(ApiRequest request) {
    return ctx.state().read(state -> ApiResponse.ok(Envelope.success(200, find(request, state))));
  }

  private ApiResponse create(ApiRequest request) {
    return ctx.state().write(state -> {
      long projectId = request.idParam("project_id");
      ObjectNode project = ProjectsApi.find(request, state, projectId);
      ObjectNode env = insert(state, project, request.body(), state.newId());
      return ApiResponse.created(Envelope.success(201, env));
    });
  }

  /** Creates an environment from a request body; also how seed files add theirs. */
  public ObjectNode insert(EmulatorState state, ObjectNode project, JsonNode body, long id) {
    long projectId = project.get("id").asLong();
    ObjectNode env = Json.MAPPER.createObjectNode();
    env.put("id", id);
    env.put("account_id", project.get("account_id").asLong());
    env.put("project_id", projectId);
    env.set("repository_id", project.get("repository_id"));
    env.putNull("created_by_id");
    env.put("created_at", Timestamps.isoT(ctx.clock().instant()));
    writeFields(env, body, state, projectId);
    state.table(EmulatorState.ENVIRONMENTS).put(env);
    return env;
  }

  private ApiResponse update(ApiRequest request) {
    return ctx.state().write(state -> {
      ObjectNode current = find(request, state);
      ObjectNode env = current.deepCopy();
      writeFields(env, request.body(), state, current.get("project_id").asLong());
      state.table(EmulatorState.ENVIRONMENTS).put(env);
      return ApiResponse.ok(Envelope.success(200, env));
    });
  }

  private ApiResponse delete(ApiRequest request) {
    return ctx.state().write(state -> {
      ObjectNode env = find(request, state).deepCopy();
      env.put("state", 2);
      env.put("updated_at", Timestamps.isoT(ctx.clock().instant()));
      state.table(EmulatorState.ENVIRONMENTS).put(env);
      return ApiResponse.ok(Envelope.success(200, env));
    });
  }

  private ObjectNode find(ApiRequest request, EmulatorState state) {
    long projectId = request.idParam("project_id");
    ProjectsApi.find(request, state, projectId);
    return state.table(EmulatorState.ENVIRONMENTS).get(request.idParam("id"))
        .filter(e -> e.get("project_id").asLong() == projectId)
        .filter(e -> e.path("state").asInt(1) == 1)
        .orElseThrow(ApiError::notFound);
  }

  /** Full replace of the writable fields from {@code body}, with validation as production does it (§E.12). */
  private void writeFields(ObjectNode env, JsonNode body, EmulatorState state, long projectId) {
    if (!body.isObject()) {
      throw ApiError.invalidField("non_field_errors", "Invalid data. Expected a dictionary, but got " + body.getNodeType() + ".");
    }
    JsonNode credentials = body.path("credentials");
    if (!credentials.isMissingNode() && !credentials.isNull()) {
      throw ApiError.invalidField("credentials", credentials + " is not valid under any of the given schemas");
    }
    String name = text(body, "name", "New Environment");
    String type = text(body, "type", "deployment");
    if (!type.equals("deployment") && !type.equals("development")) {
      throw ApiError.invalidField("type", "\"" + type + "\" is not a valid choice.");
    }
    JsonNode deploymentType = body.path("deployment_type");
    if (deploymentType.isTextual() && !deploymentType.asText().equals("production")
        && !deploymentType.asText().equals("staging")) {
      throw ApiError.invalidField("deployment_type", "\"" + deploymentType.asText() + "\" is not a valid choice.");
    }
    JsonNode dbtVersion = body.path("dbt_version");
    if (dbtVersion.isTextual() && dbtVersion.asText().isEmpty()) {
      throw ApiError.invalidField("dbt_version", "This field may not be blank.");
    }
    long id = env.get("id").asLong();
    if (type.equals("development")) {
      boolean otherDev = !state.table(EmulatorState.ENVIRONMENTS).where(e -> e.get("project_id").asLong() == projectId
          && e.get("id").asLong() != id && e.path("state").asInt(1) == 1
          && e.path("type").asText().equals("development")).isEmpty();
      if (otherDev) {
        throw ApiError.invalidField("type", "A project can only have one development environment.");
      }
    }
    env.put("name", name);
    env.put("type", type);
    env.set("deployment_type", deploymentType.isTextual() ? deploymentType : null);
    copyId(env, body, "credentials_id");
    copyId(env, body, "connection_id");
    copyId(env, body, "extended_attributes_id");
    env.put("use_custom_branch", body.path("use_custom_branch").asBoolean(false));
    env.set("custom_branch", body.path("custom_branch").isTextual() ? body.get("custom_branch") : null);
    String version = dbtVersion.isTextual() ? dbtVersion.asText() : "latest";
    env.put("dbt_version", version);
    env.put("raw_dbt_version", version);
    env.put("supports_docs", body.path("supports_docs").asBoolean(false));
    env.put("enable_model_query_history", body.path("enable_model_query_history").asBoolean(false));
    env.put("state", body.path("state").asInt(1));
    env.put("updated_at", Timestamps.isoT(ctx.clock().instant()));
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
