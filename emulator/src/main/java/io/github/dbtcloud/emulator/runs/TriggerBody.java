package io.github.dbtcloud.emulator.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.Json;
import java.util.List;

/**
 * The trigger body of {@code POST .../jobs/{id}/run/} ({@code TriggerRunRequestRequest} in the
 * spec), validated as production's serializer does: {@code cause} required and at most 255
 * characters, strings with {@code minLength: 1} refuse {@code ""}, {@code null} means "not given".
 * Every problem is reported at once, field by field, in the 400's {@code data}.
 */
final class TriggerBody {

  /** dbt Cloud's limit on {@code cause} (Airflow's dbt Cloud hook truncates to it). */
  static final int CAUSE_MAX = 255;

  private static final List<String> STRINGS =
      List.of(
          "git_sha",
          "git_branch",
          "schema_override",
          "dbt_version_override",
          "target_name_override");
  private static final List<String> PULL_REQUESTS =
      List.of(
          "azure_pull_request_id",
          "github_pull_request_id",
          "gitlab_merge_request_id",
          "non_native_pull_request_id");

  private TriggerBody() {}

  /** The run's {@code trigger} object (RunTrigger, in the spec's field order) for a valid body. */
  static ObjectNode validate(JsonNode body, long jobId) {
    if (body.isMissingNode()) {
      throw ApiError.invalidField("cause", "This field is required.");
    }
    if (!body.isObject()) {
      throw ApiError.invalidField(
          "non_field_errors",
          "Invalid data. Expected a dictionary, but got " + body.getNodeType() + ".");
    }
    ObjectNode errors = Json.MAPPER.createObjectNode();
    JsonNode cause = body.path("cause");
    if (cause.isMissingNode()) {
      errors.put("cause", "This field is required.");
    } else {
      checkString(body, "cause", errors);
      if (cause.isTextual() && cause.asText().length() > CAUSE_MAX) {
        errors.put("cause", "Ensure this field has no more than " + CAUSE_MAX + " characters.");
      }
    }
    STRINGS.forEach(f -> checkString(body, f, errors));
    PULL_REQUESTS.forEach(f -> checkInt(body, f, errors));
    checkInt(body, "threads_override", errors);
    checkInt(body, "timeout_seconds_override", errors);
    JsonNode docs = body.path("generate_docs_override");
    if (!docs.isMissingNode() && !docs.isNull() && !docs.isBoolean()) {
      errors.put("generate_docs_override", "Must be a valid boolean.");
    }
    JsonNode steps = body.path("steps_override");
    if (!steps.isMissingNode() && !steps.isNull()) {
      if (!steps.isArray()) {
        errors.put(
            "steps_override", "Expected a list of items but got type \"" + typeName(steps) + "\".");
      } else {
        for (JsonNode s : steps) {
          if (!s.isTextual()) {
            errors.put("steps_override", "Not a valid string.");
          } else if (s.asText().isEmpty()) {
            errors.put("steps_override", "This field may not be blank.");
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalid(errors);
    }
    ObjectNode trigger = Json.MAPPER.createObjectNode();
    trigger.set("cause", body.get("cause"));
    trigger.put("job_definition_id", jobId);
    copy(body, trigger, "git_branch");
    copy(body, trigger, "git_sha");
    PULL_REQUESTS.forEach(f -> copy(body, trigger, f));
    copy(body, trigger, "schema_override");
    copy(body, trigger, "dbt_version_override");
    copy(body, trigger, "threads_override");
    copy(body, trigger, "target_name_override");
    copy(body, trigger, "generate_docs_override");
    copy(body, trigger, "timeout_seconds_override");
    if (steps.isArray()) {
      trigger.set("steps_override", steps.deepCopy());
    } else {
      trigger.putNull("steps_override");
    }
    boolean pullRequest = PULL_REQUESTS.stream().anyMatch(f -> body.path(f).isIntegralNumber());
    trigger.put("cause_category", pullRequest ? "ci" : "api");
    return trigger;
  }

  /** The steps this trigger runs instead of the job's, or null. */
  static ArrayNode stepsOverride(JsonNode trigger) {
    JsonNode steps = trigger.path("steps_override");
    return steps.isArray() && !steps.isEmpty() ? (ArrayNode) steps : null;
  }

  private static void checkString(JsonNode body, String field, ObjectNode errors) {
    JsonNode v = body.path(field);
    if (v.isMissingNode() || v.isNull()) {
      if (v.isNull() && field.equals("cause")) {
        errors.put(field, "This field may not be null.");
      }
      return;
    }
    if (!v.isTextual()) {
      errors.put(field, "Not a valid string.");
    } else if (v.asText().isEmpty()) {
      errors.put(field, "This field may not be blank.");
    }
  }

  private static void checkInt(JsonNode body, String field, ObjectNode errors) {
    JsonNode v = body.path(field);
    if (!v.isMissingNode() && !v.isNull() && !v.isIntegralNumber()) {
      errors.put(field, "A valid integer is required.");
    }
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    JsonNode v = from.get(field);
    to.set(field, v == null ? null : v.deepCopy());
  }

  private static String typeName(JsonNode node) {
    if (node.isTextual()) {
      return "str";
    }
    if (node.isObject()) {
      return "dict";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    return node.isIntegralNumber()
        ? "int"
        : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
