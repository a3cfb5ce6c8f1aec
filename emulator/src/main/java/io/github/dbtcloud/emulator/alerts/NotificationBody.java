package io.github.dbtcloud.emulator.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.admin.Access;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.state.EmulatorState;
import io.github.dbtcloud.emulator.users.UsersApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A job notification create or update body, checked as the v2 spec's {@code
 * JobNotificationSettingsRequest} describes it: every field the spec requires must be there, the
 * user and the jobs must exist in the account, and the destination must fit the type. All refusals
 * of one body come back together, one message per field, as Django REST Framework answers.
 *
 * @param accountId the account the notification belongs to
 * @param userId the recipient (type 1) or the user who owns the configuration (other types)
 * @param type 1 internal email, 2 Slack, 4 external email, 5 Slack (v2 integration)
 * @param externalEmail the address of an external email notification, or null
 * @param slackChannelId the Slack channel id, or null
 * @param slackChannelName the Slack channel name, or null
 * @param onCancel job ids notified when a run is cancelled, ascending
 * @param onFailure job ids notified when a run fails, ascending
 * @param onSuccess job ids notified when a run succeeds, ascending
 * @param onWarning job ids notified when a run warns, ascending
 * @param state 1 active, 2 deleted
 */
public record NotificationBody(
    long accountId,
    long userId,
    int type,
    String externalEmail,
    String slackChannelId,
    String slackChannelName,
    List<Long> onCancel,
    List<Long> onFailure,
    List<Long> onSuccess,
    List<Long> onWarning,
    int state) {

  /** Internal email: the user's own address. */
  public static final int EMAIL = 1;

  /** Slack channel. */
  public static final int SLACK = 2;

  /** The deprecated webhook type ("3: Deprecated - do not use" in the v2 spec). */
  public static final int WEBHOOK = 3;

  /** External email address. */
  public static final int EXTERNAL_EMAIL = 4;

  /** Slack channel through the second Slack integration. */
  public static final int SLACK_V2 = 5;

  /** The keys the v2 spec's {@code JobNotificationSettingsRequest} lists as required. */
  static final List<String> REQUIRED =
      List.of(
          "account_id",
          "user_id",
          "type",
          "state",
          "on_cancel",
          "on_failure",
          "on_success",
          "on_warning");

  /** The four job lists, in the order the spec lists them. */
  static final List<String> JOB_LISTS =
      List.of("on_cancel", "on_failure", "on_success", "on_warning");

  public NotificationBody {
    onCancel = List.copyOf(onCancel);
    onFailure = List.copyOf(onFailure);
    onSuccess = List.copyOf(onSuccess);
    onWarning = List.copyOf(onWarning);
  }

  /**
   * Reads and checks {@code body} for account {@code accountId} as seen by {@code who} (jobs of
   * projects outside a scoped token do not exist for it); a 400 with every bad field otherwise.
   */
  static NotificationBody parse(
      JsonNode body, long accountId, Access.Principal who, EmulatorState state) {
    if (!body.isObject()) {
      throw ApiError.invalidField(
          "non_field_errors",
          "Invalid data. Expected a dictionary, but got "
              + (body.isMissingNode()
                  ? "nothing"
                  : body.getNodeType().toString().toLowerCase(Locale.ROOT))
              + ".");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    for (String field : REQUIRED) {
      if (!body.has(field)) {
        errors.put(field, "This field is required.");
      } else if (body.get(field).isNull()) {
        errors.put(field, "This field may not be null.");
      }
    }
    JsonNode account = body.path("account_id");
    if (!account.isMissingNode() && !account.isNull()) {
      if (!account.isIntegralNumber()) {
        errors.put("account_id", "A valid integer is required.");
      } else if (account.asLong() != accountId) {
        errors.put(
            "account_id",
            "Must be the account in the path (" + accountId + "), not " + account.asLong() + ".");
      }
    }
    long userId = -1;
    JsonNode user = body.path("user_id");
    if (!user.isMissingNode() && !user.isNull()) {
      if (!user.isIntegralNumber()) {
        errors.put("user_id", "Incorrect type. Expected pk value, received " + kind(user) + ".");
      } else if (UsersApi.find(state, accountId, user.asLong()).isEmpty()) {
        errors.put("user_id", "Invalid pk \"" + user.asLong() + "\" - object does not exist.");
      } else {
        userId = user.asLong();
      }
    }
    int type = choice(body, "type", List.of(1, 2, 3, 4, 5), errors);
    if (type == WEBHOOK) {
      errors.put(
          "type",
          "Notification type 3 (webhook) is deprecated; create a webhook subscription instead:"
              + " POST /api/v3/accounts/"
              + accountId
              + "/webhooks/subscriptions");
    }
    int stateValue = choice(body, "state", List.of(1, 2), errors);
    String email = text(body, "external_email", errors);
    if (email != null && !errors.containsKey("external_email") && !UsersApi.isEmail(email)) {
      errors.put("external_email", "Enter a valid email address.");
    }
    String channelId = text(body, "slack_channel_id", errors);
    String channelName = text(body, "slack_channel_name", errors);
    if (type == EXTERNAL_EMAIL && email == null && !errors.containsKey("external_email")) {
      errors.put(
          "external_email", "This field is required for an external email notification (type 4).");
    }
    if (type == SLACK || type == SLACK_V2) {
      for (String field : List.of("slack_channel_id", "slack_channel_name")) {
        if (!errors.containsKey(field)
            && (field.equals("slack_channel_id") ? channelId : channelName) == null) {
          errors.put(field, "This field is required for a Slack notification (type " + type + ").");
        }
      }
    }
    Map<String, List<Long>> jobs = new LinkedHashMap<>();
    for (String field : JOB_LISTS) {
      jobs.put(field, jobIds(body, field, accountId, who, state, errors));
    }
    if (!errors.isEmpty()) {
      ObjectNode data = Json.MAPPER.createObjectNode();
      errors.forEach(data::put);
      throw ApiError.invalid(data);
    }
    return new NotificationBody(
        accountId,
        userId,
        type,
        email,
        channelId,
        channelName,
        jobs.get("on_cancel"),
        jobs.get("on_failure"),
        jobs.get("on_success"),
        jobs.get("on_warning"),
        stateValue);
  }

  /** A choice field: an integer among {@code allowed}, else DRF's "not a valid choice". */
  private static int choice(
      JsonNode body, String field, List<Integer> allowed, Map<String, String> errors) {
    JsonNode v = body.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return -1;
    }
    if (v.isIntegralNumber() && allowed.contains(v.asInt())) {
      return v.asInt();
    }
    errors.put(field, "\"" + v.asText() + "\" is not a valid choice.");
    return -1;
  }

  /** An optional text field: null when absent or null; refused when blank or not a string. */
  private static String text(JsonNode body, String field, Map<String, String> errors) {
    JsonNode v = body.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      errors.put(field, "Not a valid string.");
      return null;
    }
    if (v.asText().isBlank()) {
      errors.put(field, "This field may not be blank.");
      return null;
    }
    return v.asText();
  }

  /**
   * A list of job ids, each an active job of the account that {@code who} may see; answered
   * de-duplicated and ascending, as the set it is.
   */
  private static List<Long> jobIds(
      JsonNode body,
      String field,
      long accountId,
      Access.Principal who,
      EmulatorState state,
      Map<String, String> errors) {
    JsonNode v = body.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      errors.put(field, "Expected a list of items but got type \"" + kind(v) + "\".");
      return List.of();
    }
    TreeSet<Long> ids = new TreeSet<>();
    for (JsonNode item : v) {
      if (!item.isIntegralNumber()) {
        errors.put(field, "Incorrect type. Expected pk value, received " + kind(item) + ".");
        return List.of();
      }
      long id = item.asLong();
      boolean exists =
          state
              .table(EmulatorState.JOBS)
              .get(id)
              .filter(j -> j.path("account_id").asLong() == accountId)
              .filter(j -> j.path("state").asInt(1) == 1)
              .filter(j -> who.covers(j.path("project_id").asLong()))
              .isPresent();
      if (!exists) {
        errors.put(field, "Invalid pk \"" + id + "\" - object does not exist.");
        return List.of();
      }
      ids.add(id);
    }
    return new ArrayList<>(ids);
  }

  /** The Python type name DRF puts in its messages. */
  private static String kind(JsonNode v) {
    if (v.isTextual()) {
      return "str";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    if (v.isObject()) {
      return "dict";
    }
    if (v.isArray()) {
      return "list";
    }
    if (v.isFloatingPointNumber()) {
      return "float";
    }
    return v.isIntegralNumber() ? "int" : "NoneType";
  }
}
