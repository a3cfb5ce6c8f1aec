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
import java.util.function.Predicate;

/**
 * Read-only v3 projects: {@code /api/v3/accounts/{a}/projects/[{id}/]}. Projects carry their {@code
 * connection} and {@code repository} objects (from the seed, or null) and space-separated
 * timestamps, as recorded. A token limited to some projects sees only those.
 */
public final class ProjectsApi {

  private final AdminContext ctx;

  public ProjectsApi(AdminContext ctx) {
    this.ctx = ctx;
  }

  /** Adds the routes. */
  public void register(Router router) {
    router.add("GET", "/api/v3/accounts/{account_id}/projects/", this::list);
    router.add("GET", "/api/v3/accounts/{account_id}/projects/{id}/", this::get);
  }

  private ApiResponse list(ApiRequest request) {
    return ctx.state()
        .read(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              Map<String, Object> filters = new LinkedHashMap<>();
              filters.put("account_id", who.accountId());
              Predicate<ObjectNode> filter =
                  p ->
                      p.get("account_id").asLong() == who.accountId()
                          && who.covers(p.get("id").asLong());
              filter = filter.and(Lists.statePredicate(request, "active"));
              String nameLike = request.queryParam("name__icontains").orElse(null);
              if (nameLike != null) {
                filters.put("name__icontains", nameLike);
                String needle = nameLike.toLowerCase(Locale.ROOT);
                filter =
                    filter.and(
                        p -> p.path("name").asText().toLowerCase(Locale.ROOT).contains(needle));
              }
              filter = filter.and(idFilters(request, filters));
              List<ObjectNode> rows = state.table(EmulatorState.PROJECTS).where(filter);
              return Lists.page(request, rows, filters);
            });
  }

  /**
   * The {@code pk}, {@code pk__in}, {@code pk__gt}/{@code id__gt} filters every v3 list accepts.
   */
  static Predicate<ObjectNode> idFilters(ApiRequest request, Map<String, Object> filters) {
    Predicate<ObjectNode> filter = row -> true;
    Long pk = Lists.longParam(request, "pk").orElse(null);
    if (pk != null) {
      filters.put("pk", pk);
      filter = filter.and(row -> row.path("id").asLong() == pk);
    }
    List<Long> pks = Lists.longsParam(request, "pk__in").orElse(null);
    if (pks != null) {
      filters.put("pk__in", pks);
      filter = filter.and(row -> pks.contains(row.path("id").asLong()));
    }
    for (String gt : new String[] {"pk__gt", "id__gt"}) {
      Long bound = Lists.longParam(request, gt).orElse(null);
      if (bound != null) {
        filters.put(gt, bound);
        filter = filter.and(row -> row.path("id").asLong() > bound);
      }
    }
    return filter;
  }

  private ApiResponse get(ApiRequest request) {
    return ctx.state()
        .read(
            state -> {
              ObjectNode project = find(request, state, request.idParam("id"));
              return ApiResponse.ok(Envelope.success(200, project));
            });
  }

  /**
   * The active project in the path, or 404 (also outside the token's project scope); shared with
   * the project-scoped routes.
   */
  static ObjectNode find(ApiRequest request, EmulatorState state, long projectId) {
    Access.Principal who = Access.requirePrincipal(request, state);
    return state
        .table(EmulatorState.PROJECTS)
        .get(projectId)
        .filter(p -> p.get("account_id").asLong() == who.accountId())
        .filter(p -> p.path("state").asInt(1) == 1)
        .filter(p -> who.covers(projectId))
        .orElseThrow(ApiError::notFound);
  }

  /** Adds a project from a seed entry, with the recorded fields in the recorded order. */
  public ObjectNode insert(EmulatorState state, JsonNode in) {
    String now = Timestamps.spaced(ctx.clock().instant());
    long id = in.get("id").asLong();
    ObjectNode p = Json.MAPPER.createObjectNode();
    p.put("name", in.get("name").asText());
    p.put("account_id", in.get("account_id").asLong());
    p.set(
        "repository_id",
        in.path("repository_id").isIntegralNumber() ? in.get("repository_id") : null);
    p.set(
        "connection_id",
        in.path("connection_id").isIntegralNumber() ? in.get("connection_id") : null);
    p.put("id", id);
    p.put("created_at", now);
    p.put("updated_at", now);
    p.put("skipped_setup", false);
    p.put("state", 1);
    p.set(
        "dbt_project_subdirectory",
        in.path("dbt_project_subdirectory").isTextual()
            ? in.get("dbt_project_subdirectory")
            : null);
    p.set("connection", in.path("connection").isObject() ? in.get("connection").deepCopy() : null);
    p.set("repository", in.path("repository").isObject() ? in.get("repository").deepCopy() : null);
    p.putArray("group_permissions");
    p.putNull("docs_job_id");
    p.putNull("freshness_job_id");
    p.putNull("docs_job");
    p.putNull("freshness_job");
    p.put("description", in.path("description").asText(""));
    p.putNull("semantic_layer_config_id");
    p.put("type", 0);
    state.table(EmulatorState.PROJECTS).put(p);
    state.reserveId(id);
    return p;
  }
}
