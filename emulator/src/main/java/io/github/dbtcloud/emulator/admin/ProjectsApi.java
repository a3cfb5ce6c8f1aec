package io.github.dbtcloud.emulator.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.ApiRequest;
import io.github.dbtcloud.emulator.http.ApiResponse;
import io.github.dbtcloud.emulator.http.Envelope;
import io.github.dbtcloud.emulator.http.Router;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.util.List;
import java.util.Map;

/** Read-only v3 projects: {@code /api/v3/accounts/{a}/projects/[{id}/]}. */
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
    return ctx.state().read(state -> {
      long account = Access.requireAccount(request, state);
      List<ObjectNode> rows = state.table(EmulatorState.PROJECTS).where(
          p -> p.get("account_id").asLong() == account && Lists.stateMatches(request, p));
      return Lists.page(request, rows, Map.of("account_id", account));
    });
  }

  private ApiResponse get(ApiRequest request) {
    return ctx.state().read(state -> {
      ObjectNode project = find(request, state, request.idParam("id"));
      return ApiResponse.ok(Envelope.success(200, project));
    });
  }

  /** The project in the path, or 404; shared with the project-scoped routes. */
  static ObjectNode find(ApiRequest request, EmulatorState state, long projectId) {
    long account = Access.requireAccount(request, state);
    return state.table(EmulatorState.PROJECTS).get(projectId)
        .filter(p -> p.get("account_id").asLong() == account)
        .filter(p -> p.path("state").asInt(1) == 1)
        .orElseThrow(ApiError::notFound);
  }
}
