package io.github.dbtcloud.core.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST .../jobs/{id}/run/} ({@code TriggerRunRequestRequest},
 * docs/wire-format.md#runs). Fields left null (or empty) are not sent: dbt Cloud refuses {@code ""}
 * for its optional strings.
 *
 * @param cause why the run happens (required by dbt Cloud, at most 255 characters)
 * @param gitBranch branch to check out, or null
 * @param gitSha commit to check out, or null
 * @param schemaOverride target schema override, or null
 * @param stepsOverride commands replacing the job's steps for this run, or empty
 * @param threadsOverride threads override, or null
 * @param targetNameOverride {@code target.name} override, or null
 */
public record TriggerRequest(
    String cause,
    String gitBranch,
    String gitSha,
    String schemaOverride,
    List<String> stepsOverride,
    Integer threadsOverride,
    String targetNameOverride) {

  /** dbt Cloud's limit on {@code cause}. */
  public static final int CAUSE_MAX_LENGTH = 255;

  public TriggerRequest {
    if (cause == null || cause.isBlank()) {
      throw new IllegalArgumentException("a run needs a cause");
    }
    if (cause.length() > CAUSE_MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a run's cause has at most " + CAUSE_MAX_LENGTH + " characters");
    }
    stepsOverride = stepsOverride == null ? List.of() : List.copyOf(stepsOverride);
  }

  /** The JSON body: only the fields given. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("cause", cause);
    putText(body, "git_branch", gitBranch);
    putText(body, "git_sha", gitSha);
    putText(body, "schema_override", schemaOverride);
    if (threadsOverride != null) {
      body.put("threads_override", threadsOverride);
    }
    putText(body, "target_name_override", targetNameOverride);
    if (!stepsOverride.isEmpty()) {
      body.put("steps_override", stepsOverride);
    }
    return body;
  }

  private static void putText(Map<String, Object> body, String field, String value) {
    if (value != null && !value.isBlank()) {
      body.put(field, value);
    }
  }
}
