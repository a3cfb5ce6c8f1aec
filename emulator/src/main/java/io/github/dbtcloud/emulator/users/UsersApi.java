package io.github.dbtcloud.emulator.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.admin.Access;
import io.github.dbtcloud.emulator.admin.AdminContext;
import io.github.dbtcloud.emulator.admin.Lists;
import io.github.dbtcloud.emulator.http.ApiRequest;
import io.github.dbtcloud.emulator.http.ApiResponse;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.http.Router;
import io.github.dbtcloud.emulator.state.EmulatorState;
import io.github.dbtcloud.emulator.state.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The users of an account, read-only: {@code GET /api/v2/accounts/{a}/users/} (what the Terraform
 * provider reads to find a user id by email) and its v3 twin, both answering the specs' {@code
 * UserResponse}. Users come from the seed's {@code users:} section; job notifications refer to them
 * by id.
 */
public final class UsersApi {

  /** The table users live in. */
  public static final String TABLE = "users";

  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s]+@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}");

  private final AdminContext ctx;

  public UsersApi(AdminContext ctx) {
    this.ctx = ctx;
    ctx.state().addTable(TABLE);
  }

  /** Adds the routes. */
  public void register(Router router) {
    router.add("GET", "/api/v2/accounts/{account_id}/users/", this::list);
    router.add("GET", "/api/v3/accounts/{account_id}/users/", this::list);
  }

  private ApiResponse list(ApiRequest request) {
    return ctx.state()
        .read(
            state -> {
              long account = Access.requireAccount(request, state);
              Map<String, Object> filters = new LinkedHashMap<>();
              filters.put("account_id", account);
              List<ObjectNode> rows =
                  state.table(TABLE).where(u -> u.path("account_id").asLong() == account);
              return Lists.page(request, rows, filters, UsersApi::view);
            });
  }

  /** Whether {@code text} reads as an email address ({@code name@domain.tld}). */
  public static boolean isEmail(String text) {
    return EMAIL.matcher(text).matches();
  }

  /** The user {@code userId} when it belongs to {@code accountId}. */
  public static Optional<ObjectNode> find(EmulatorState state, long accountId, long userId) {
    return state.table(TABLE).get(userId).filter(u -> u.path("account_id").asLong() == accountId);
  }

  /**
   * A user as the specs' {@code UserResponse} lists it; the flags a seed cannot set read as a
   * freshly invited, password-only user.
   */
  static ObjectNode view(ObjectNode row) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", row.get("id").asLong());
    out.put("first_name", row.path("first_name").asText(""));
    out.put("last_name", row.path("last_name").asText(""));
    out.put("email", row.path("email").asText());
    out.put("email_connected", false);
    out.put("email_verified", true);
    out.put("github_connected", false);
    out.putNull("github_username");
    out.put("github_token_retrieval_failure", false);
    out.put("gitlab_connected", false);
    out.putNull("gitlab_username");
    out.put("gitlab_token_retrieval_failure", false);
    out.put("azure_active_directory_connected", false);
    out.putNull("azure_active_directory_username");
    out.put("azure_active_directory_token_retrieval_failure", false);
    out.put("enterprise_connected", false);
    out.putNull("enterprise_authentication_method");
    out.put("is_active", true);
    out.put("is_staff", false);
    out.put("sso_only_user", false);
    out.putNull("last_login");
    out.putNull("apitoken_last_used");
    out.put("created_at", row.path("created_at").asText());
    ObjectNode license = out.putArray("permissions").addObject();
    license.put("account_id", row.get("account_id").asLong());
    license.put("license_type", row.path("license_type").asText("developer"));
    license.put("state", 1);
    return out;
  }

  /**
   * Loads the seed's {@code users:} section: each entry needs {@code account_id} (an account of the
   * seed) and {@code email}; {@code id} (a fresh one otherwise), {@code first_name}, {@code
   * last_name} and {@code license_type} (default {@code developer}) are optional.
   */
  public void seed(JsonNode section, EmulatorState state) {
    int i = 0;
    for (JsonNode entry : section) {
      String where = "seed users[" + i++ + "]";
      if (!entry.path("account_id").isIntegralNumber()) {
        throw new IllegalArgumentException(
            where + ": 'account_id' is required: the id of an account declared under 'accounts:'");
      }
      long account = entry.get("account_id").asLong();
      if (state.table(EmulatorState.ACCOUNTS).get(account).isEmpty()) {
        throw new IllegalArgumentException(
            where
                + ": account_id "
                + account
                + " is not in 'accounts:'; declare the account there first");
      }
      String email = entry.path("email").asText("");
      if (!isEmail(email)) {
        throw new IllegalArgumentException(
            where
                + ": 'email' must be an email address such as ada@example.com, not '"
                + email
                + "'");
      }
      long id = entry.path("id").isIntegralNumber() ? entry.get("id").asLong() : state.newId();
      if (state.table(TABLE).get(id).isPresent()) {
        throw new IllegalArgumentException(
            where + ": user id " + id + " is declared twice; give each user its own id");
      }
      ObjectNode row = Json.MAPPER.createObjectNode();
      row.put("id", id);
      row.put("account_id", account);
      row.put("email", email);
      row.put("first_name", entry.path("first_name").asText(""));
      row.put("last_name", entry.path("last_name").asText(""));
      row.put("license_type", entry.path("license_type").asText("developer"));
      row.put("created_at", Timestamps.isoT(ctx.clock().instant()));
      state.table(TABLE).put(row);
      state.reserveId(id);
    }
  }
}
