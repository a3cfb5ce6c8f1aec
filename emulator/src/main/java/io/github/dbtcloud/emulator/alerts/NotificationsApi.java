package io.github.dbtcloud.emulator.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.admin.Access;
import io.github.dbtcloud.emulator.admin.AdminContext;
import io.github.dbtcloud.emulator.admin.AdminSettings;
import io.github.dbtcloud.emulator.admin.Lists;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.ApiRequest;
import io.github.dbtcloud.emulator.http.ApiResponse;
import io.github.dbtcloud.emulator.http.Envelope;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.http.Router;
import io.github.dbtcloud.emulator.state.EmulatorState;
import io.github.dbtcloud.emulator.state.Timestamps;
import io.github.dbtcloud.emulator.users.UsersApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * v2 job notifications ({@code /api/v2/accounts/{a}/notifications/}): who hears about which jobs'
 * runs succeeding, warning, failing or being cancelled, by internal email, external email or Slack.
 * CRUD as for jobs: a POST to {@code {id}/} replaces the whole configuration (and with {@code
 * state: 2} deletes it, as https://github.com/dbt-labs/terraform-provider-dbtcloud deletes), DELETE
 * soft-deletes. Answers are the spec's {@code JobNotificationSettingsResponse}, with the {@code
 * user} it names.
 */
public final class NotificationsApi {

  /** The table notifications live in. */
  public static final String TABLE = "notifications";

  private static final String BASE = "/api/v2/accounts/{account_id}/notifications/";

  private final AdminContext ctx;

  public NotificationsApi(AdminContext ctx) {
    this.ctx = ctx;
    ctx.state().addTable(TABLE);
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
              long account = Access.requireAccount(request, state);
              Map<String, Object> filters = new LinkedHashMap<>();
              filters.put("account_id", account);
              Predicate<ObjectNode> filter = n -> n.path("account_id").asLong() == account;
              filter = filter.and(Lists.statePredicate(request, "active"));
              for (String field : List.of("user_id", "pk")) {
                Long value = Lists.longParam(request, field).orElse(null);
                if (value != null) {
                  filters.put(field, value);
                  String column = field.equals("pk") ? "id" : field;
                  filter = filter.and(n -> n.path(column).asLong() == value);
                }
              }
              String type = request.queryParam("type").filter(s -> !s.isBlank()).orElse(null);
              if (type != null) {
                int wanted = typeFilter(type);
                filters.put("type", wanted);
                filter = filter.and(n -> n.path("type").asInt() == wanted);
              }
              for (String field : List.of("external_email", "slack_channel_id")) {
                String value = request.queryParam(field).orElse(null);
                if (value != null) {
                  filters.put(field, value);
                  filter = filter.and(n -> value.equals(n.path(field).asText(null)));
                }
              }
              List<ObjectNode> rows = state.table(TABLE).where(filter);
              return Lists.page(request, rows, filters, n -> view(state, n));
            });
  }

  private static int typeFilter(String raw) {
    try {
      int type = Integer.parseInt(raw.trim());
      if (type >= 1 && type <= 5) {
        return type;
      }
    } catch (NumberFormatException e) {
      // refused below, as any other value outside the enum
    }
    throw ApiError.invalidField("type", "\"" + raw + "\" is not a valid choice.");
  }

  private ApiResponse get(ApiRequest request) {
    return ctx.state()
        .read(state -> ApiResponse.ok(Envelope.success(200, view(state, find(request, state)))));
  }

  private ApiResponse create(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              NotificationBody body =
                  NotificationBody.parse(request.body(), who.accountId(), who, state);
              ObjectNode row = store(state, body, state.newId(), null);
              return ApiResponse.created(Envelope.success(201, view(state, row)));
            });
  }

  private ApiResponse update(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              ObjectNode current = find(request, state);
              NotificationBody body =
                  NotificationBody.parse(request.body(), who.accountId(), who, state);
              ObjectNode row = store(state, body, current.get("id").asLong(), current);
              return ApiResponse.ok(Envelope.success(200, view(state, row)));
            });
  }

  private ApiResponse delete(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              ObjectNode row = find(request, state).deepCopy();
              row.put("state", 2);
              row.put("updated_at", Timestamps.isoT(ctx.clock().instant()));
              state.table(TABLE).put(row);
              if (ctx.settings().deleteAnswer() == AdminSettings.DeleteAnswer.NO_CONTENT) {
                return ApiResponse.noContent();
              }
              return ApiResponse.ok(Envelope.success(200, view(state, row)));
            });
  }

  /** An active notification of the path's account; 404 otherwise (deleted ones too). */
  private ObjectNode find(ApiRequest request, EmulatorState state) {
    long account = Access.requireAccount(request, state);
    return state
        .table(TABLE)
        .get(request.idParam("id"))
        .filter(n -> n.path("account_id").asLong() == account)
        .filter(n -> n.path("state").asInt(1) == 1)
        .orElseThrow(ApiError::notFound);
  }

  /** Writes a checked body as the row with {@code id}, keeping {@code created_at} on updates. */
  private ObjectNode store(
      EmulatorState state, NotificationBody body, long id, ObjectNode current) {
    String now = Timestamps.isoT(ctx.clock().instant());
    ObjectNode row = Json.MAPPER.createObjectNode();
    row.put("id", id);
    row.put("account_id", body.accountId());
    row.put("user_id", body.userId());
    row.put("type", body.type());
    row.put("external_email", body.externalEmail());
    row.put("slack_channel_id", body.slackChannelId());
    row.put("slack_channel_name", body.slackChannelName());
    ids(row.putArray("on_cancel"), body.onCancel());
    ids(row.putArray("on_failure"), body.onFailure());
    ids(row.putArray("on_success"), body.onSuccess());
    ids(row.putArray("on_warning"), body.onWarning());
    row.put("state", body.state());
    row.put("created_at", current == null ? now : current.path("created_at").asText(now));
    row.put("updated_at", now);
    state.table(TABLE).put(row);
    state.reserveId(id);
    return row;
  }

  private static void ids(ArrayNode target, List<Long> ids) {
    ids.forEach(target::add);
  }

  /** A notification as answered: the row plus the {@code user} it names (first and last name). */
  private static ObjectNode view(EmulatorState state, ObjectNode row) {
    ObjectNode out = row.deepCopy();
    ObjectNode user =
        UsersApi.find(state, row.path("account_id").asLong(), row.path("user_id").asLong())
            .orElse(null);
    if (user == null) {
      out.putNull("user");
    } else {
      ObjectNode summary = out.putObject("user");
      summary.put("first_name", user.path("first_name").asText(""));
      summary.put("last_name", user.path("last_name").asText(""));
    }
    return out;
  }

  /**
   * Loads the seed's {@code notifications:} section through the API's checks. An entry is a create
   * body with {@code account_id}; the job lists default to empty and {@code type} and {@code state}
   * to 1, so seeds stay short.
   */
  public void seed(JsonNode section, EmulatorState state) {
    int i = 0;
    for (JsonNode entry : section) {
      String where = "seed notifications[" + i++ + "]";
      if (!entry.isObject() || !entry.path("account_id").isIntegralNumber()) {
        throw new IllegalArgumentException(
            where + ": 'account_id' is required: the id of an account declared under 'accounts:'");
      }
      ObjectNode body = entry.deepCopy();
      NotificationBody.JOB_LISTS.forEach(
          field -> {
            if (!body.has(field)) {
              body.putArray(field);
            }
          });
      if (!body.has("type")) {
        body.put("type", NotificationBody.EMAIL);
      }
      if (!body.has("state")) {
        body.put("state", 1);
      }
      body.remove("id");
      long account = entry.get("account_id").asLong();
      long id = entry.path("id").isIntegralNumber() ? entry.get("id").asLong() : state.newId();
      try {
        NotificationBody parsed =
            NotificationBody.parse(body, account, new Access.Principal(account, null), state);
        store(state, parsed, id, null);
      } catch (ApiError e) {
        throw new IllegalArgumentException(
            where
                + " is refused as the API would refuse it: "
                + e.response().body().path("data")
                + " (users come from 'users:', jobs from 'jobs:')",
            e);
      }
    }
  }
}
