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
import java.util.Map;

/**
 * {@code /api/v2/accounts/}, {@code /api/v2/accounts/{id}/}, {@code /api/v3/accounts/} and the v3
 * retrieve (not in the v3 spec; served like the v2 one). A token sees exactly its own account.
 */
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
    return ctx.state()
        .read(
            state -> {
              long account = Access.account(request, state);
              List<ObjectNode> rows =
                  state.table(EmulatorState.ACCOUNTS).where(a -> a.get("id").asLong() == account);
              Map<String, Object> filters = new LinkedHashMap<>();
              filters.put("pk__in", List.of(account));
              // Recorded: the account list echoes only pk__in and an order_by of null, and does not
              // page.
              return ApiResponse.ok(Envelope.page(rows, filters, null, rows.size()));
            });
  }

  private ApiResponse get(ApiRequest request) {
    return ctx.state()
        .read(
            state -> {
              long account = Access.requireAccount(request, state);
              ObjectNode row =
                  state.table(EmulatorState.ACCOUNTS).get(account).orElseThrow(ApiError::notFound);
              return ApiResponse.ok(Envelope.success(200, row));
            });
  }

  /**
   * Adds an account from a seed entry, with every field a recorded account carries, in the recorded
   * order.
   */
  public ObjectNode insert(EmulatorState state, JsonNode in) {
    String now = Timestamps.isoT(ctx.clock().instant());
    long id = in.get("id").asLong();
    ObjectNode a = Json.MAPPER.createObjectNode();
    a.putNull("docs_job_id");
    a.putNull("freshness_job_id");
    a.putNull("lock_reason");
    a.put("unlock_if_subscription_renewed", false);
    a.put("read_only_seats", in.path("read_only_seats").asInt(10));
    a.put("id", id);
    a.put("name", in.path("name").asText("Demo account"));
    a.put("state", 1);
    a.put("plan", in.path("plan").asText("enterprise"));
    a.put("pending_cancel", false);
    a.put("run_slots", in.path("run_slots").asInt(5));
    a.put("developer_seats", in.path("developer_seats").asInt(10));
    a.put("queue_limit", in.path("queue_limit").asInt(50));
    a.put("pod_memory_request_mebibytes", 600);
    a.put("run_duration_limit_seconds", 86400);
    a.putNull("enterprise_authentication_method");
    a.putNull("enterprise_login_slug");
    a.putNull("enterprise_unique_identifier");
    a.set(
        "billing_email_address",
        in.path("billing_email_address").isTextual() ? in.get("billing_email_address") : null);
    a.put("locked", false);
    a.put("develop_file_system", true);
    a.putNull("unlocked_at");
    a.put("created_at", now);
    a.put("updated_at", now);
    a.putNull("starter_repo_url");
    a.put("sso_reauth", false);
    a.put("git_auth_level", in.path("git_auth_level").asText("team"));
    a.put("identifier", in.path("identifier").asText("act_" + id));
    a.putNull("docs_job");
    a.putNull("freshness_job");
    a.put("enterprise_login_url", "https://cloud.getdbt.com/enterprise-login/None/");
    a.put("it_seats", 0);
    a.put("explorer_seats", 0);
    a.put("analyst_seats", 0);
    a.put("business_critical", false);
    state.table(EmulatorState.ACCOUNTS).put(a);
    state.reserveId(id);
    return a;
  }
}
