package io.github.dbtcloud.emulator.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.admin.Access;
import io.github.dbtcloud.emulator.admin.AdminContext;
import io.github.dbtcloud.emulator.admin.Lists;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.ApiRequest;
import io.github.dbtcloud.emulator.http.ApiResponse;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.http.Router;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * v3 webhook subscriptions ({@code /api/v3/accounts/{a}/webhooks/subscriptions} and {@code
 * …/subscription/{id}}, no trailing slash), answered as
 * https://docs.getdbt.com/docs/deploy/webhooks shows them: ids {@code wsu_…}, 64-bit numbers
 * (account id, job ids, timestamps in microseconds) as decimal strings, {@code http_status_code
 * "0"} until a first dispatch, and a {@code status} holding only {@code code}. The {@code
 * hmac_secret} that signs deliveries is answered once, by the create, and never again. Event types
 * and job ids come back sorted, not in the order sent (the service does not keep it either, as the
 * tests of https://github.com/dbt-labs/terraform-provider-dbtcloud note in {@code
 * pkg/framework/objects/webhook/resource_unit_test.go}).
 */
public final class WebhooksApi {

  /** The table subscriptions live in. */
  public static final String TABLE = "webhook_subscriptions";

  private static final String BASE = "/api/v3/accounts/{account_id}/webhooks/";

  /** The list's page size when {@code limit} is not given, as the docs' list sample shows. */
  public static final int DEFAULT_LIMIT = 10;

  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private final AdminContext ctx;
  private final SecureRandom random = new SecureRandom();

  public WebhooksApi(AdminContext ctx) {
    this.ctx = ctx;
    ctx.state().addTable(TABLE);
  }

  /** Adds the routes. */
  public void register(Router router) {
    router.add("GET", BASE + "subscriptions", this::list);
    router.add("POST", BASE + "subscriptions", this::create);
    router.add("GET", BASE + "subscription/{subscription_id}/test", this::test);
    router.add("GET", BASE + "subscription/{subscription_id}", this::get);
    router.add("PUT", BASE + "subscription/{subscription_id}", this::update);
    router.add("DELETE", BASE + "subscription/{subscription_id}", this::delete);
  }

  private ApiResponse list(ApiRequest request) {
    return ctx.state()
        .read(
            state -> {
              long account = Access.requireAccount(request, state);
              int limit = intParam(request, "limit", DEFAULT_LIMIT);
              int offset = intParam(request, "offset", 0);
              if (limit < 1 || limit > Lists.MAX_LIMIT) {
                throw ApiError.invalidField(
                    "limit",
                    "Ensure this value is less than or equal to "
                        + Lists.MAX_LIMIT
                        + " and greater than or equal to 1.");
              }
              if (offset < 0) {
                throw ApiError.invalidField(
                    "offset", "Ensure this value is greater than or equal to 0.");
              }
              List<ObjectNode> rows = state.table(TABLE).where(s -> visible(s, account));
              ArrayNode data = Json.MAPPER.createArrayNode();
              rows.stream()
                  .skip(offset)
                  .limit(limit)
                  .forEach(row -> data.add(view(state, row, false)));
              ObjectNode body = Json.MAPPER.createObjectNode();
              body.set("data", data);
              body.set("status", status(200));
              ObjectNode extra = body.putObject("extra");
              ObjectNode pagination = extra.putObject("pagination");
              pagination.put("total_count", rows.size());
              pagination.put("count", data.size());
              ObjectNode filters = extra.putObject("filters");
              filters.put("offset", offset);
              filters.put("limit", limit);
              return ApiResponse.ok(body);
            });
  }

  private static int intParam(ApiRequest request, String name, int fallback) {
    String raw = request.queryParam(name).filter(s -> !s.isBlank()).orElse(null);
    if (raw == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw ApiError.invalidField(name, "A valid integer is required, not '" + raw + "'.");
    }
  }

  private ApiResponse get(ApiRequest request) {
    return ctx.state()
        .read(state -> ApiResponse.ok(envelope(200, view(state, find(request, state), false))));
  }

  private ApiResponse create(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              SubscriptionBody body =
                  SubscriptionBody.parse(request.body(), who.accountId(), who, state);
              ObjectNode row = insert(state, who.accountId(), body, null, null);
              return ApiResponse.created(envelope(201, view(state, row, true)));
            });
  }

  private ApiResponse update(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              Access.Principal who = Access.requirePrincipal(request, state);
              ObjectNode row = find(request, state).deepCopy();
              SubscriptionBody body =
                  SubscriptionBody.parse(request.body(), who.accountId(), who, state);
              write(row, body);
              row.put("updated_at", micros(ctx.clock().instant()));
              state.table(TABLE).put(row);
              return ApiResponse.ok(envelope(200, view(state, row, false)));
            });
  }

  private ApiResponse delete(ApiRequest request) {
    return ctx.state()
        .write(
            state -> {
              ObjectNode row = find(request, state).deepCopy();
              row.put("state", 2);
              row.put("updated_at", micros(ctx.clock().instant()));
              state.table(TABLE).put(row);
              ObjectNode body = Json.MAPPER.createObjectNode();
              body.putObject("data").put("id", row.path("subscription_id").asText());
              body.set("status", status(200).put("is_success", true));
              return ApiResponse.ok(body);
            });
  }

  /**
   * The spec's test answer: the id of the test event queued for the endpoint. The emulator sends
   * nothing, so {@code http_status_code} and {@code dispatched_at} stay as they were.
   */
  private ApiResponse test(ApiRequest request) {
    return ctx.state()
        .read(
            state -> {
              find(request, state);
              ObjectNode data = Json.MAPPER.createObjectNode();
              data.put("event_id", "wev_" + base62(state.newId()));
              return ApiResponse.ok(envelope(200, data));
            });
  }

  private static boolean visible(ObjectNode row, long account) {
    return row.path("account_id").asLong() == account && row.path("state").asInt(1) == 1;
  }

  /** A live subscription of the path's account; 404 otherwise (deleted ones too). */
  private ObjectNode find(ApiRequest request, EmulatorState state) {
    long account = Access.requireAccount(request, state);
    String id = request.pathParam("subscription_id");
    return state
        .table(TABLE)
        .where(s -> visible(s, account) && s.path("subscription_id").asText().equals(id))
        .stream()
        .findFirst()
        .orElseThrow(ApiError::notFound);
  }

  /**
   * Stores a new subscription; {@code id} and {@code hmacSecret} are made up when null (a seed may
   * fix them, e.g. to check delivery signatures).
   */
  private ObjectNode insert(
      EmulatorState state, long account, SubscriptionBody body, String id, String hmacSecret) {
    long key = state.newId();
    String now = micros(ctx.clock().instant());
    ObjectNode row = Json.MAPPER.createObjectNode();
    row.put("id", key);
    row.put("subscription_id", id != null ? id : "wsu_" + base62(key));
    row.put("account_id", account);
    write(row, body);
    row.put(
        "hmac_secret", hmacSecret != null ? hmacSecret : HexFormat.of().formatHex(secretBytes()));
    row.put("http_status_code", "0");
    row.put("created_at", now);
    row.put("updated_at", now);
    row.put("state", 1);
    state.table(TABLE).put(row);
    return row;
  }

  private byte[] secretBytes() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return bytes;
  }

  private static void write(ObjectNode row, SubscriptionBody body) {
    row.put("name", body.name());
    row.put("description", body.description());
    row.put("client_url", body.clientUrl());
    ArrayNode events = row.putArray("event_types");
    body.eventTypes().forEach(events::add);
    ArrayNode jobs = row.putArray("job_ids");
    body.jobIds().forEach(jobs::add);
    row.put("active", body.active());
  }

  /**
   * A subscription as the docs show it, field by field; {@code withSecret} only for the create
   * answer.
   */
  private static ObjectNode view(EmulatorState state, ObjectNode row, boolean withSecret) {
    long account = row.path("account_id").asLong();
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", row.path("subscription_id").asText());
    out.put(
        "account_identifier",
        state
            .table(EmulatorState.ACCOUNTS)
            .get(account)
            .map(a -> a.path("identifier").asText("act_" + account))
            .orElse("act_" + account));
    out.put("name", row.path("name").asText());
    out.put("description", row.path("description").asText(""));
    ArrayNode jobs = out.putArray("job_ids");
    row.path("job_ids").forEach(id -> jobs.add(String.valueOf(id.asLong())));
    out.set("event_types", row.path("event_types").deepCopy());
    out.put("client_url", row.path("client_url").asText());
    if (withSecret) {
      out.put("hmac_secret", row.path("hmac_secret").asText());
    }
    out.put("active", row.path("active").asBoolean());
    out.put("created_at", row.path("created_at").asText());
    out.put("updated_at", row.path("updated_at").asText());
    if (row.hasNonNull("dispatched_at")) {
      out.put("dispatched_at", row.get("dispatched_at").asText());
    }
    out.put("account_id", String.valueOf(account));
    out.put("http_status_code", row.path("http_status_code").asText("0"));
    return out;
  }

  private static ObjectNode envelope(int code, JsonNode data) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("data", data);
    body.set("status", status(code));
    return body;
  }

  private static ObjectNode status(int code) {
    return Json.MAPPER.createObjectNode().put("code", code);
  }

  /** Microseconds since the epoch, as a decimal string, as the docs' timestamps are. */
  static String micros(Instant instant) {
    return String.valueOf(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000);
  }

  private static String base62(long value) {
    StringBuilder out = new StringBuilder();
    long v = value;
    do {
      out.append(BASE62[(int) (v % 62)]);
      v /= 62;
    } while (v > 0);
    return out.reverse().toString();
  }

  /**
   * Loads the seed's {@code webhooks:} section through the API's checks. An entry is a create body
   * with {@code account_id}; {@code id} ({@code wsu_…}) and {@code hmac_secret} are optional (made
   * up otherwise), and {@code active} defaults to true here, as the Terraform resource's does.
   */
  public void seed(JsonNode section, EmulatorState state) {
    int i = 0;
    for (JsonNode entry : section) {
      String where = "seed webhooks[" + i++ + "]";
      if (!entry.isObject() || !entry.path("account_id").isIntegralNumber()) {
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
      JsonNode idNode = entry.path("id");
      String id = idNode.isMissingNode() || idNode.isNull() ? null : idNode.asText();
      if (id != null && (!idNode.isTextual() || !id.matches("wsu_[0-9A-Za-z]+"))) {
        throw new IllegalArgumentException(
            where
                + ": id '"
                + id
                + "' is not a subscription id; use wsu_ followed by letters or"
                + " digits, or leave it out");
      }
      if (id != null
          && !state
              .table(TABLE)
              .where(s -> id.equals(s.path("subscription_id").asText()))
              .isEmpty()) {
        throw new IllegalArgumentException(
            where + ": id " + id + " is declared twice; give each webhook its own id");
      }
      ObjectNode body = entry.deepCopy();
      if (!body.has("active")) {
        body.put("active", true);
      }
      try {
        SubscriptionBody parsed =
            SubscriptionBody.parse(body, account, new Access.Principal(account, null), state);
        insert(
            state,
            account,
            parsed,
            id,
            entry.path("hmac_secret").isTextual() ? entry.get("hmac_secret").asText() : null);
      } catch (ApiError e) {
        throw new IllegalArgumentException(
            where
                + " is refused as the API would refuse it: "
                + e.response().body().path("data")
                + " (jobs come from 'jobs:')",
            e);
      }
    }
  }
}
