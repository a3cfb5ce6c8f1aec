package io.github.dbtcloud.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The switches for behaviour where production and the spec disagree, defaulting to what was
 * recorded (§F).
 *
 * @param deleteAnswer what a DELETE of a job or environment answers (F1)
 * @param requiredJobFields which job keys a create or update must carry (F4)
 */
public record AdminSettings(DeleteAnswer deleteAnswer, RequiredJobFields requiredJobFields) {

  /**
   * As recorded: DELETE answers 200 with the object; job writes need the spec's keys minus {@code
   * lifecycle_webhooks}.
   */
  public static final AdminSettings DEFAULTS =
      new AdminSettings(DeleteAnswer.OBJECT, RequiredJobFields.SPEC_WITHOUT_LIFECYCLE_WEBHOOKS);

  /** What DELETE answers (F1). */
  public enum DeleteAnswer {
    /** 200 with the soft-deleted object ({@code state: 2}), as recorded in 2021 and 2023. */
    OBJECT,
    /** 204 with no body, as the specs say. */
    NO_CONTENT
  }

  /**
   * Which keys a job create or update must carry (F4); missing ones answer 400 "required key not
   * provided".
   */
  public enum RequiredJobFields {
    /**
     * Only {@code project_id}, {@code environment_id} and {@code name}, as minimal clients
     * (dagster) send.
     */
    MINIMAL,
    /**
     * The spec's required list without {@code lifecycle_webhooks}, which no production client sends
     * (F4).
     */
    SPEC_WITHOUT_LIFECYCLE_WEBHOOKS,
    /** Exactly the spec's required list. */
    SPEC
  }

  /** These settings with another DELETE answer. */
  public AdminSettings withDeleteAnswer(DeleteAnswer answer) {
    return new AdminSettings(answer, requiredJobFields);
  }

  /** These settings with other required job keys. */
  public AdminSettings withRequiredJobFields(RequiredJobFields required) {
    return new AdminSettings(deleteAnswer, required);
  }

  /**
   * These settings overridden by a seed file's {@code settings:} section: {@code delete_answer:
   * object|no_content}, {@code required_job_fields: minimal|spec_without_lifecycle_webhooks|spec}.
   */
  public AdminSettings with(JsonNode section) {
    AdminSettings s = this;
    if (section.hasNonNull("delete_answer")) {
      s =
          s.withDeleteAnswer(
              enumValue(
                  DeleteAnswer.class,
                  section.get("delete_answer").asText(),
                  "settings.delete_answer"));
    }
    if (section.hasNonNull("required_job_fields")) {
      s =
          s.withRequiredJobFields(
              enumValue(
                  RequiredJobFields.class,
                  section.get("required_job_fields").asText(),
                  "settings.required_job_fields"));
    }
    return s;
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String raw, String where) {
    try {
      return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E c : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException(where + ": '" + raw + "' is not one of " + allowed, e);
    }
  }
}
