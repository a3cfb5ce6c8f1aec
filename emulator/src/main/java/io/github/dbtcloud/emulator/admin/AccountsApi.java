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

/** {@code /api/v2/accounts/}, {@code /api/v2/accounts/{id}/} and {@code /api/v3/accounts/}. */
public final class AccountsApi {

  private final AdminContext ctx;

  public AccountsApi(AdminContext ctx) {
    this.ctx = ctx;
  }

  /** Adds the routes. */
  public void register(Router router) {
    router.add("GET", "/api/v2/accounts/", this::list);
    router.add("GET", "/api/v3/accounts/", this::list);
    router.add("GET", "/api/v2/accounts/{account_id}/", this::get);
    router.add("GET", "/api/v3/accounts/{account_id}/", this::get);
  }

  private ApiResponse list(ApiRequest request) {
    return ctx.state().read(state -> {
      long account = Access.account(request, state);
      List<ObjectNode> rows = state.table(EmulatorState.ACCOUNTS).where(a -> a.get("id").asLong() == account);
      return Lists.page(request, rows, Map.of("pk__in", List.of(account)));
    });
  }

  private ApiResponse get(ApiRequest request) {
    return ctx.state().read(state -> {
      long account = Access.requireAccount(request, state);
      ObjectNode row = state.table(EmulatorState.ACCOUNTS).get(account).orElseThrow(ApiError::notFound);
      return ApiResponse.ok(Envelope.success(200, row));
    });
  }
}
