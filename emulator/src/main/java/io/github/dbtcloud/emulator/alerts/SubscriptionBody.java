package io.github.dbtcloud.emulator.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.admin.Access;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A webhook subscription create or update body ({@code SubscriptionRequest} in the v3 spec),
 * checked: a name, an http(s) endpoint, at least one known event type, and jobs that exist in the
 * account. All refusals of one body come back together, one message per field.
 *
 * @param name the webhook's name
 * @param description its description ({@code ""} when not sent)
 * @param clientUrl where events are sent
 * @param eventTypes the events it is subscribed to, sorted
 * @param jobIds the jobs it fires for, ascending; empty for every job of the account
 * @param active whether it fires
 */
public record SubscriptionBody(
    String name,
    String description,
    String clientUrl,
    List<String> eventTypes,
    List<Long> jobIds,
    boolean active) {

  /** The event types dbt Cloud sends (https://docs.getdbt.com/docs/deploy/webhooks). */
  public static final List<String> EVENT_TYPES =
      List.of("job.run.started", "job.run.completed", "job.run.errored");

  public SubscriptionBody {
    eventTypes = List.copyOf(eventTypes);
    jobIds = List.copyOf(jobIds);
  }

  /**
   * Reads and checks {@code body} for account {@code accountId} as seen by {@code who}; a 400 with
   * every bad field otherwise.
   */
  static SubscriptionBody parse(
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
    String name = requiredText(body, "name", errors);
    String description = "";
    JsonNode d = body.path("description");
    if (d.isTextual()) {
      description = d.asText();
    } else if (!d.isMissingNode() && !d.isNull()) {
      errors.put("description", "Not a valid string.");
    }
    String url = requiredText(body, "client_url", errors);
    if (url != null && !isHttpUrl(url)) {
      errors.put(
          "client_url",
          "Enter a valid URL: an absolute http:// or https:// address with a host, not '"
              + url
              + "'.");
    }
    List<String> events = eventTypes(body, errors);
    List<Long> jobs = jobIds(body, accountId, who, state, errors);
    boolean active = false;
    JsonNode a = body.path("active");
    if (a.isBoolean()) {
      active = a.asBoolean();
    } else if (!a.isMissingNode() && !a.isNull()) {
      errors.put("active", "Must be a valid boolean.");
    }
    if (!errors.isEmpty()) {
      ObjectNode data = Json.MAPPER.createObjectNode();
      errors.forEach(data::put);
      throw ApiError.invalid(data);
    }
    return new SubscriptionBody(name, description, url, events, jobs, active);
  }

  private static String requiredText(JsonNode body, String field, Map<String, String> errors) {
    JsonNode v = body.path(field);
    if (v.isMissingNode()) {
      errors.put(field, "This field is required.");
    } else if (v.isNull()) {
      errors.put(field, "This field may not be null.");
    } else if (!v.isTextual()) {
      errors.put(field, "Not a valid string.");
    } else if (v.asText().isBlank()) {
      errors.put(field, "This field may not be blank.");
    } else {
      return v.asText();
    }
    return null;
  }

  /** Whether {@code url} is an absolute http or https URL with a host. */
  static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && !uri.getHost().isBlank();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static List<String> eventTypes(JsonNode body, Map<String, String> errors) {
    JsonNode v = body.path("event_types");
    if (v.isMissingNode() || v.isNull() || v.isArray() && v.isEmpty()) {
      errors.put(
          "event_types",
          "Must not be empty: subscribe to one or more of " + String.join(", ", EVENT_TYPES) + ".");
      return List.of();
    }
    if (!v.isArray()) {
      errors.put("event_types", "Expected a list of items but got type \"" + kind(v) + "\".");
      return List.of();
    }
    TreeSet<String> events = new TreeSet<>();
    for (JsonNode item : v) {
      if (!item.isTextual() || !EVENT_TYPES.contains(item.asText())) {
        errors.put(
            "event_types",
            "\""
                + item.asText()
                + "\" is not a valid event type; use "
                + String.join(", ", EVENT_TYPES)
                + ".");
        return List.of();
      }
      events.add(item.asText());
    }
    return new ArrayList<>(events);
  }

  /**
   * Job ids as numbers or as the decimal strings answers carry (so a client can send back what it
   * read), each an active job of the account that {@code who} may see.
   */
  private static List<Long> jobIds(
      JsonNode body,
      long accountId,
      Access.Principal who,
      EmulatorState state,
      Map<String, String> errors) {
    JsonNode v = body.path("job_ids");
    if (v.isMissingNode() || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      errors.put("job_ids", "Expected a list of items but got type \"" + kind(v) + "\".");
      return List.of();
    }
    TreeSet<Long> ids = new TreeSet<>();
    for (JsonNode item : v) {
      Long id = null;
      if (item.isIntegralNumber()) {
        id = item.asLong();
      } else if (item.isTextual() && item.asText().matches("\\d{1,18}")) {
        id = Long.parseLong(item.asText());
      }
      if (id == null) {
        errors.put("job_ids", "A valid integer is required, not " + item + ".");
        return List.of();
      }
      long job = id;
      boolean exists =
          state
              .table(EmulatorState.JOBS)
              .get(job)
              .filter(j -> j.path("account_id").asLong() == accountId)
              .filter(j -> j.path("state").asInt(1) == 1)
              .filter(j -> who.covers(j.path("project_id").asLong()))
              .isPresent();
      if (!exists) {
        errors.put(
            "job_ids",
            "Job "
                + job
                + " is not a job of account "
                + accountId
                + "; leave job_ids empty to fire for every job.");
        return List.of();
      }
      ids.add(job);
    }
    return new ArrayList<>(ids);
  }

  private static String kind(JsonNode v) {
    if (v.isTextual()) {
      return "str";
    }
    if (v.isObject()) {
      return "dict";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    return v.isNumber() ? "int" : "NoneType";
  }
}
