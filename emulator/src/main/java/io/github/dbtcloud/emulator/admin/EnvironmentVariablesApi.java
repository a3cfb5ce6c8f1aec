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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * v3 environment variables. One row per value: the project default ({@code type: project}), an
 * environment override ({@code environment}), a job override ({@code job}) or a user override
 * ({@code user}). Bulk create keys are environment names plus {@code "project"} and take either
 * body form (the Terraform provider's object, answered with an object; the spec's array, answered
 * with an array); bulk update keys are override ids or environment names, and {@code ""} or null
 * deletes. Names must start with {@code DBT_}; values of {@code DBT_ENV_SECRET*} variables are
 * never shown ({@code "**********"}).
 */
public final class EnvironmentVariablesApi {

  /**
   * The recorded 400 reason for a second variable of the same name
   * (https://github.com/dbt-labs/terraform-provider-dbtcloud/issues/213).
   */
  public static final String DUPLICATE_REASON =
      "An environment variable by this name already exists in this project and account";

  /**
   * The emulator's 400 reason for a name without the {@code DBT_} prefix (production's text is not
   * recorded).
   */
  public static final String PREFIX_REASON = "Environment variable names must start with DBT_";

  /** What secret values read as (the v3 spec's example). */
  public static final String MASK = "**********";

  private static final String BASE =
      "/api/v3/accounts/{account_id}/projects/{project_id}/environment-variables/";

  private final AdminContext ctx;

  public EnvironmentVariablesApi(AdminContext ctx) {
    this.ctx = ctx;
  }

  /** Adds the routes (the fixed suffixes before {@code {id}/}). */
  public void register(Router router) {
    router.add("GET", BASE + "environment/", this::byEnvironment);
    router.add("GET", BASE + "job/", this::byJob);
    router.add("GET", BASE + "user/", this::byUser);
    router.add("POST", BASE + "bulk/", this::bulkCreate);
    router.add("PUT", BASE + "bulk/", this::bulkUpdate);
    router.add("DELETE", BASE + "bulk/", this::bulkDelete);
    router.add("POST", BASE, this::create);
    router.add("POST", BASE + "{id}/", this::update);
    router.add("DELETE", BASE + "{id}/", this::delete);
  }

  /** Whether values of this variable are secret. */
  public static boolean isSecret(String name) {
    return name.startsWith("DBT_ENV_SECRET");
  }

  /** A variable row as answered: no raw value, the display value masked for secrets. */
  public static ObjectNode view(ObjectNode row) {
    ObjectNode out = row.deepCopy();
    out.remove("raw_value");
    out.put("display_value", shown(row));
    if (!out.has("environment")) {
      out.putNull("environment");
    }
    return out;
  }

  private static String shown(ObjectNode row) {
    return isSecret(row.path("name").asText()) ? MASK : row.path("raw_value").asText();
  }

  private static ObjectNode idValue(ObjectNode row) {
    ObjectNode v = Json.MAPPER.createObjectNode();
    v.put("id", row.get("id").asLong());
    v.put("value", shown(row));
    return v;
  }

  // ---- read views ------------------------------------------------------------------------------

  private ApiResponse byEnvironment(ApiRequest request) {
    return ctx.state()
        .read(
            state -> {
              long projectId = project(request, state);
              ObjectNode data = Json.MAPPER.createObjectNode();
              ArrayNode names = data.putArray("environments");
              names.add("project");
              Map<Long, String> envNames = new LinkedHashMap<>();
              for (ObjectNode env : environments(state, projectId)) {
                envNames.put(env.get("id").asLong(), env.get("name").asText());
                names.add(env.get("name").asText());
              }
              data.set(
                  "variables",
                  byScope(
                      state,
                      projectId,
                      (type, row) ->
                          type.equals("project")
                              ? "project"
                              : type.equals("environment")
                                  ? envNames.get(row.path("environment_id").asLong())
                                  : null));
              return answer(data);
            });
  }

  private ApiResponse byJob(ApiRequest request) {
    return ctx.state()
        .read(
            state -> {
              long projectId = project(request, state);
              Long jobId =
                  Lists.longParam(request, "job_definition_id")
                      .orElseThrow(
                          () ->
                              ApiError.invalidField(
                                  "job_definition_id", "This field is required."));
              ObjectNode job =
                  state
                      .table(EmulatorState.JOBS)
                      .get(jobId)
                      .filter(
                          j ->
                              j.get("project_id").asLong() == projectId
                                  && j.path("state").asInt(1) == 1)
                      .orElseThrow(ApiError::notFound);
              long environmentId = job.get("environment_id").asLong();
              return answer(
                  byScope(
                      state,
                      projectId,
                      (type, row) ->
                          scope(type, row, environmentId, "job", "job_definition_id", jobId)));
            });
  }

  private ApiResponse byUser(ApiRequest request) {
    return ctx.state()
        .read(
            state -> {
              long projectId = project(request, state);
              Long userId =
                  Lists.longParam(request, "user_id")
                      .orElseThrow(
                          () -> ApiError.invalidField("user_id", "This field is required."));
              long development =
                  environments(state, projectId).stream()
                      .filter(e -> e.path("type").asText().equals("development"))
                      .map(e -> e.get("id").asLong())
                      .findFirst()
                      .orElse(-1L);
              return answer(
                  byScope(
                      state,
                      projectId,
                      (type, row) -> scope(type, row, development, "user", "user_id", userId)));
            });
  }

  /**
   * The scope of a value in the job/ and user/ views: the project default, the environment's, or
   * the override's own.
   */
  private static String scope(
      String type,
      ObjectNode row,
      long environmentId,
      String overrideType,
      String overrideField,
      long overrideId) {
    if (type.equals("project")) {
      return "project";
    }
    if (type.equals("environment") && row.path("environment_id").asLong() == environmentId) {
      return "environment";
    }
    return type.equals(overrideType) && row.path(overrideField).asLong() == overrideId
        ? overrideType
        : null;
  }

  /**
   * {@code {<VAR>: {<scope>: {id, value}}}} for the values {@code scopeOf} names a scope for (null:
   * not shown).
   */
  private static ObjectNode byScope(
      EmulatorState state,
      long projectId,
      java.util.function.BiFunction<String, ObjectNode, String> scopeOf) {
    ObjectNode variables = Json.MAPPER.createObjectNode();
    for (ObjectNode row : rows(state, projectId)) {
      String scope = scopeOf.apply(row.path("type").asText(), row);
      if (scope != null) {
        String name = row.get("name").asText();
        ObjectNode scopes =
            variables.has(name) ? (ObjectNode) variables.get(name) : variables.putObject(name);
        scopes.set(scope, idValue(row));
      }
    }
    return variables;
  }

  /** The read views answer with an empty {@code extra}, as the v3 spec's examples show. */
  private static ApiResponse answer(ObjectNode data) {
    ObjectNode body = Envelope.success(200, data);
    body.putObject("extra");
    return ApiResponse.ok(body);
  }

  // ---- bulk ------------------------------------------------------------------------------------

  private ApiResponse bulkCreate(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              long projectId = project(request, state);
              JsonNode body = request.body();
              if (body.has("env_vars")) {
                return bulkUpdate(request); // older Terraform providers posted updates to bulk/
              }
              JsonNode envVar = body.path("env_var");
              if (envVar.isObject()) {
                ObjectNode data = createAcrossEnvironments(state, projectId, envVar).orElseThrow();
                return ApiResponse.ok(Envelope.success(200, data));
              }
              if (!envVar.isArray()) {
                throw ApiError.invalidField("env_var", "This field is required.");
              }
              List<String> failures = new ArrayList<>();
              for (JsonNode item : envVar) {
                failures.add(
                    problem(state, projectId, item, new ArrayList<>(), ctx.settings().strict())
                        .orElse(null));
              }
              if (failures.stream().anyMatch(f -> f != null)) {
                ArrayNode fails = Json.MAPPER.createArrayNode();
                for (int i = 0; i < failures.size(); i++) {
                  if (failures.get(i) != null) {
                    ObjectNode f = fails.addObject();
                    f.put("status", "fail");
                    f.put("status_code", 400);
                    f.put("key_name", envVar.get(i).path("new_name").asText());
                    f.put("reason", failures.get(i));
                  }
                }
                throw ApiError.of(
                    new ApiResponse(400, Envelope.error(400, ApiError.INVALID_MESSAGE, "", fails)));
              }
              ArrayNode results = Json.MAPPER.createArrayNode();
              for (JsonNode item : envVar) {
                ObjectNode result = results.addObject();
                result.put("status", "success");
                result.put("status_code", 200);
                result.put("key_name", item.path("new_name").asText());
                result.set("data", createAcrossEnvironments(state, projectId, item).orElseThrow());
              }
              return ApiResponse.ok(Envelope.success(200, results));
            });
  }

  /**
   * Creates one variable from {@code {new_name, project, <env name>: value}}; 400 {@code reason} on
   * a bad one.
   */
  private Optional<ObjectNode> createAcrossEnvironments(
      EmulatorState state, long projectId, JsonNode item) {
    List<Object[]> plan = new ArrayList<>();
    Optional<String> problem = problem(state, projectId, item, plan, ctx.settings().strict());
    if (problem.isPresent()) {
      throw reason(problem.get());
    }
    String name = item.get("new_name").asText();
    ArrayNode ids = Json.MAPPER.createArrayNode();
    for (Object[] p : plan) {
      ids.add(
          insertRow(state, projectId, name, (String) p[0], (Long) p[1], null, null, (String) p[2])
              .get("id")
              .asLong());
    }
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put(
        "message",
        "Successfully created " + ids.size() + " environment variable values for " + name + ".");
    data.set("new_var_ids", ids);
    data.putObject("failures");
    return Optional.of(data);
  }

  /**
   * What is wrong with a bulk item, filling {@code plan} with {type, environment id, value}
   * otherwise.
   */
  private static Optional<String> problem(
      EmulatorState state, long projectId, JsonNode item, List<Object[]> plan, boolean strict) {
    if (!item.isObject()
        || !item.path("new_name").isTextual()
        || item.get("new_name").asText().isBlank()) {
      return Optional.of("new_name is required");
    }
    String name = item.get("new_name").asText();
    Optional<String> bad = nameProblem(state, projectId, name);
    if (bad.isPresent()) {
      return bad;
    }
    Map<String, Long> envIds = new LinkedHashMap<>();
    environments(state, projectId)
        .forEach(e -> envIds.put(e.get("name").asText(), e.get("id").asLong()));
    for (Map.Entry<String, JsonNode> e : item.properties()) {
      String key = e.getKey();
      if (strict
          && !key.equals("new_name")
          && !e.getValue().isNull()
          && !e.getValue().isTextual()) {
        return Optional.of(valueProblem(key, e.getValue()));
      }
      if (key.equals("new_name") || e.getValue().isNull() || e.getValue().asText().isEmpty()) {
        continue;
      }
      if (key.equals("project")) {
        plan.add(new Object[] {"project", null, e.getValue().asText()});
      } else if (envIds.containsKey(key)) {
        plan.add(new Object[] {"environment", envIds.get(key), e.getValue().asText()});
      } else {
        return Optional.of("There is no environment named \"" + key + "\" in this project");
      }
    }
    return Optional.empty();
  }

  /** Why a non-string value is refused: values are strings ({@code CustomEnvironmentVariable}). */
  private static String valueProblem(String key, JsonNode value) {
    return "The value of \""
        + key
        + "\" must be a string, not "
        + FieldChecks.typeName(value)
        + " "
        + value
        + "; quote it.";
  }

  private static Optional<String> nameProblem(EmulatorState state, long projectId, String name) {
    if (!name.startsWith("DBT_")) {
      return Optional.of(PREFIX_REASON);
    }
    if (!rowsNamed(state, projectId, name).isEmpty()) {
      return Optional.of(DUPLICATE_REASON);
    }
    return Optional.empty();
  }

  private ApiResponse bulkUpdate(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              long projectId = project(request, state);
              JsonNode update = request.body().path("env_vars");
              if (!update.isObject() || !update.path("name").isTextual()) {
                throw reason("env_vars.name is required");
              }
              String name = update.get("name").asText();
              List<ObjectNode> existing = rowsNamed(state, projectId, name);
              if (existing.isEmpty()) {
                throw reason("There is no environment variable named " + name + " in this project");
              }
              String newName =
                  update.path("new_name").isTextual() ? update.get("new_name").asText() : name;
              if (!newName.equals(name)) {
                Optional<String> bad = nameProblem(state, projectId, newName);
                if (bad.isPresent()) {
                  throw reason(bad.get());
                }
              }
              Map<String, Long> envIds = new LinkedHashMap<>();
              environments(state, projectId)
                  .forEach(e -> envIds.put(e.get("name").asText(), e.get("id").asLong()));
              ArrayNode created = Json.MAPPER.createArrayNode();
              ArrayNode deleted = Json.MAPPER.createArrayNode();
              ObjectNode failures = Json.MAPPER.createObjectNode();
              String now = Timestamps.isoT(ctx.clock().instant());
              if (ctx.settings().strict()) {
                for (Map.Entry<String, JsonNode> e : update.properties()) {
                  JsonNode v = e.getValue();
                  if (!e.getKey().equals("name") && !v.isNull() && !v.isTextual()) {
                    throw reason(valueProblem(e.getKey(), v));
                  }
                }
              }
              for (Map.Entry<String, JsonNode> e : update.properties()) {
                String key = e.getKey();
                if (key.equals("name") || key.equals("new_name")) {
                  continue;
                }
                boolean remove = e.getValue().isNull() || e.getValue().asText().isEmpty();
                ObjectNode byId =
                    key.chars().allMatch(Character::isDigit)
                        ? existing.stream()
                            .filter(r -> r.get("id").asText().equals(key))
                            .findFirst()
                            .orElse(null)
                        : null;
                if (byId != null) {
                  if (remove) {
                    byId.put("state", 2);
                    deleted.add(byId.get("id").asLong());
                  } else {
                    byId.put("raw_value", e.getValue().asText());
                  }
                  byId.put("updated_at", now);
                } else if (key.equals("project") || envIds.containsKey(key)) {
                  Long envId = key.equals("project") ? null : envIds.get(key);
                  String type = envId == null ? "project" : "environment";
                  ObjectNode same =
                      existing.stream()
                          .filter(
                              r ->
                                  r.path("type").asText().equals(type)
                                      && (envId == null
                                          || r.path("environment_id").asLong() == envId))
                          .findFirst()
                          .orElse(null);
                  if (remove && same != null) {
                    same.put("state", 2);
                    same.put("updated_at", now);
                    deleted.add(same.get("id").asLong());
                  } else if (!remove && same != null) {
                    same.put("raw_value", e.getValue().asText());
                    same.put("updated_at", now);
                  } else if (!remove) {
                    created.add(
                        insertRow(
                                state,
                                projectId,
                                name,
                                type,
                                envId,
                                null,
                                null,
                                e.getValue().asText())
                            .get("id")
                            .asLong());
                  }
                } else {
                  failures.put(
                      key,
                      "Neither an id of a value of "
                          + name
                          + " nor an environment of this project");
                }
              }
              for (ObjectNode row : rowsNamed(state, projectId, name)) {
                row.put("name", newName);
              }
              ObjectNode data = Json.MAPPER.createObjectNode();
              data.put("message", "Successfully updated environment variable " + newName + ".");
              data.set("new_var_ids", created);
              data.set("deleted_var_ids", deleted);
              data.set("failures", failures);
              return ApiResponse.ok(Envelope.success(200, data));
            });
  }

  private ApiResponse bulkDelete(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              long projectId = project(request, state);
              JsonNode name = request.body().path("name");
              if (!name.isTextual()) {
                throw ApiError.invalidField("name", "This field is required.");
              }
              List<ObjectNode> rows = rowsNamed(state, projectId, name.asText());
              if (rows.isEmpty()) {
                throw ApiError.notFound();
              }
              String now = Timestamps.isoT(ctx.clock().instant());
              for (ObjectNode row : rows) {
                row.put("state", 2);
                row.put("updated_at", now);
              }
              return ApiResponse.noContent();
            });
  }

  // ---- single variable -------------------------------------------------------------------------

  private ApiResponse create(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              long projectId = project(request, state);
              ObjectNode row = single(state, projectId, request.body(), null);
              return ApiResponse.created(Envelope.success(201, view(row)));
            });
  }

  private ApiResponse update(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              long projectId = project(request, state);
              ObjectNode current = findRow(request, state, projectId);
              ObjectNode row = single(state, projectId, request.body(), current);
              return ApiResponse.ok(Envelope.success(200, view(row)));
            });
  }

  private ApiResponse delete(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              long projectId = project(request, state);
              ObjectNode row = findRow(request, state, projectId);
              row.put("state", 2);
              row.put("updated_at", Timestamps.isoT(ctx.clock().instant()));
              return ApiResponse.noContent();
            });
  }

  private static ObjectNode findRow(ApiRequest request, EmulatorState state, long projectId) {
    return state
        .table(EmulatorState.ENVIRONMENT_VARIABLES)
        .get(request.idParam("id"))
        .filter(r -> r.get("project_id").asLong() == projectId && r.path("state").asInt(1) == 1)
        .orElseThrow(ApiError::notFound);
  }

  /**
   * A single-variable create ({@code current} null) or update, e.g. a job override with {@code
   * type: job}.
   */
  private ObjectNode single(
      EmulatorState state, long projectId, JsonNode body, ObjectNode current) {
    if (ctx.settings().strict()) {
      checkSingle(body, projectId);
    }
    ObjectNode missing = Json.MAPPER.createObjectNode();
    for (String key : List.of("name", "type")) {
      if (!body.path(key).isTextual() || body.get(key).asText().isBlank()) {
        missing.put(key, "This field is required.");
      }
    }
    if (current == null
        && (!body.path("raw_value").isTextual() || body.get("raw_value").asText().isEmpty())) {
      missing.put("raw_value", "This field is required.");
    }
    if (!missing.isEmpty()) {
      throw ApiError.invalid(missing);
    }
    String name = body.get("name").asText();
    String type = body.get("type").asText();
    if (!List.of("project", "environment", "job", "user").contains(type)) {
      throw ApiError.invalidField("type", "\"" + type + "\" is not a valid choice.");
    }
    if (!name.startsWith("DBT_")) {
      throw reason(PREFIX_REASON);
    }
    Long environmentId = null;
    Long jobId = null;
    Long userId = null;
    if (type.equals("environment")) {
      environmentId = requiredRef(body, "environment_id");
      long envId = environmentId;
      if (environments(state, projectId).stream().noneMatch(e -> e.get("id").asLong() == envId)) {
        throw ApiError.notFound();
      }
    } else if (type.equals("job")) {
      jobId = requiredRef(body, "job_definition_id");
      long id = jobId;
      ObjectNode job =
          state
              .table(EmulatorState.JOBS)
              .get(id)
              .filter(
                  j -> j.get("project_id").asLong() == projectId && j.path("state").asInt(1) == 1)
              .orElseThrow(ApiError::notFound);
      environmentId = job.get("environment_id").asLong();
    } else if (type.equals("user")) {
      userId = requiredRef(body, "user_id");
    }
    Long env = environmentId;
    Long job = jobId;
    Long user = userId;
    boolean clash =
        rowsNamed(state, projectId, name).stream()
            .anyMatch(
                r ->
                    (current == null || r.get("id").asLong() != current.get("id").asLong())
                        && r.path("type").asText().equals(type)
                        && sameRef(r, "job_definition_id", job)
                        && sameRef(r, "user_id", user)
                        && (type.equals("job")
                            || type.equals("user")
                            || sameRef(r, "environment_id", env)));
    if (clash) {
      throw reason(DUPLICATE_REASON);
    }
    String value =
        body.path("raw_value").isTextual()
            ? body.get("raw_value").asText()
            : current.path("raw_value").asText();
    if (current == null) {
      return insertRow(state, projectId, name, type, environmentId, jobId, userId, value);
    }
    current.put("name", name);
    current.put("type", type);
    current.set(
        "environment_id", env == null ? null : Json.MAPPER.getNodeFactory().numberNode(env));
    current.set(
        "job_definition_id", job == null ? null : Json.MAPPER.getNodeFactory().numberNode(job));
    current.set("user_id", user == null ? null : Json.MAPPER.getNodeFactory().numberNode(user));
    current.put("raw_value", value);
    current.put("updated_at", Timestamps.isoT(ctx.clock().instant()));
    return current;
  }

  /**
   * The JSON types of a single variable as {@code CustomEnvironmentVariableRequest} declares them,
   * and that it names the project in the path.
   */
  private static void checkSingle(JsonNode body, long projectId) {
    if (!body.isObject()) {
      throw ApiError.invalidField(
          "non_field_errors",
          "Invalid data. Expected a dictionary, but got " + FieldChecks.typeName(body) + ".");
    }
    FieldChecks c = new FieldChecks();
    c.integer(body.get("account_id"), "account_id", false);
    c.integer(body.get("project_id"), "project_id", false);
    c.text(body.get("name"), "name", true);
    c.choice(body.get("type"), "type", List.of("project", "environment", "job", "user"));
    c.textOrEmpty(body.get("raw_value"), "raw_value");
    for (String ref : List.of("environment_id", "job_definition_id", "user_id")) {
      c.integer(body.get(ref), ref, false);
    }
    c.intChoice(body.get("state"), "state", java.util.Set.of(1, 2));
    JsonNode project = body.get("project_id");
    if (!c.failed("project_id") && !FieldChecks.absent(project) && project.asLong() != projectId) {
      c.problem(
          "project_id",
          "The variable belongs to project "
              + projectId
              + " (the one in the path), not "
              + project.asLong()
              + ".");
    }
    c.throwIfAny();
  }

  private static boolean sameRef(ObjectNode row, String field, Long value) {
    return value == null
        ? row.path(field).isNull() || row.path(field).isMissingNode()
        : row.path(field).asLong() == value;
  }

  private static long requiredRef(JsonNode body, String field) {
    if (!body.path(field).isIntegralNumber()) {
      throw ApiError.invalidField(field, "This field is required.");
    }
    return body.get(field).asLong();
  }

  /** Adds one value row; also how seed files add variables. */
  ObjectNode insertRow(
      EmulatorState state,
      long projectId,
      String name,
      String type,
      Long environmentId,
      Long jobId,
      Long userId,
      String value) {
    String now = Timestamps.isoT(ctx.clock().instant());
    ObjectNode project = state.table(EmulatorState.PROJECTS).get(projectId).orElseThrow();
    ObjectNode row = Json.MAPPER.createObjectNode();
    row.put("id", state.newId());
    row.put("account_id", project.get("account_id").asLong());
    row.put("project_id", projectId);
    row.put("name", name);
    row.put("type", type);
    row.set("user_id", userId == null ? null : Json.MAPPER.getNodeFactory().numberNode(userId));
    row.set(
        "environment_id",
        environmentId == null ? null : Json.MAPPER.getNodeFactory().numberNode(environmentId));
    row.set(
        "job_definition_id", jobId == null ? null : Json.MAPPER.getNodeFactory().numberNode(jobId));
    row.put("raw_value", value);
    row.put("display_value", isSecret(name) ? MASK : value);
    row.put("state", 1);
    row.put("created_at", now);
    row.put("updated_at", now);
    state.table(EmulatorState.ENVIRONMENT_VARIABLES).put(row);
    return row;
  }

  /**
   * Seeds one variable: {@code {project_id, name, project: value, environments: {name: value},
   * jobs: {job id: value}}}, with the same rules as the API.
   */
  public void seed(EmulatorState state, JsonNode in) {
    long projectId = in.get("project_id").asLong();
    String name = in.get("name").asText();
    nameProblem(state, projectId, name)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("seed environment variable " + name + ": " + p);
            });
    if (in.hasNonNull("project")) {
      insertRow(state, projectId, name, "project", null, null, null, in.get("project").asText());
    }
    Map<String, Long> envIds = new LinkedHashMap<>();
    environments(state, projectId)
        .forEach(e -> envIds.put(e.get("name").asText(), e.get("id").asLong()));
    in.path("environments")
        .properties()
        .forEach(
            e -> {
              Long envId = envIds.get(e.getKey());
              if (envId == null) {
                throw new IllegalArgumentException(
                    "seed environment variable "
                        + name
                        + ": no environment named '"
                        + e.getKey()
                        + "' in project "
                        + projectId
                        + "; environments are "
                        + envIds.keySet());
              }
              insertRow(
                  state, projectId, name, "environment", envId, null, null, e.getValue().asText());
            });
    in.path("jobs")
        .properties()
        .forEach(
            e -> {
              long jobId = Long.parseLong(e.getKey());
              ObjectNode job =
                  state
                      .table(EmulatorState.JOBS)
                      .get(jobId)
                      .filter(j -> j.get("project_id").asLong() == projectId)
                      .orElseThrow(
                          () ->
                              new IllegalArgumentException(
                                  "seed environment variable "
                                      + name
                                      + ": no job "
                                      + jobId
                                      + " in project "
                                      + projectId));
              insertRow(
                  state,
                  projectId,
                  name,
                  "job",
                  job.get("environment_id").asLong(),
                  jobId,
                  null,
                  e.getValue().asText());
            });
  }

  private static long project(ApiRequest request, EmulatorState state) {
    long projectId = request.idParam("project_id");
    ProjectsApi.find(request, state, projectId);
    return projectId;
  }

  private static List<ObjectNode> environments(EmulatorState state, long projectId) {
    return state
        .table(EmulatorState.ENVIRONMENTS)
        .where(e -> e.get("project_id").asLong() == projectId && e.path("state").asInt(1) == 1);
  }

  private static List<ObjectNode> rows(EmulatorState state, long projectId) {
    return state
        .table(EmulatorState.ENVIRONMENT_VARIABLES)
        .where(r -> r.get("project_id").asLong() == projectId && r.path("state").asInt(1) == 1);
  }

  private static List<ObjectNode> rowsNamed(EmulatorState state, long projectId, String name) {
    return state
        .table(EmulatorState.ENVIRONMENT_VARIABLES)
        .where(
            r ->
                r.get("project_id").asLong() == projectId
                    && r.path("state").asInt(1) == 1
                    && r.path("name").asText().equals(name));
  }

  private static ApiError reason(String reason) {
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("reason", reason);
    return ApiError.invalid(data);
  }
}
