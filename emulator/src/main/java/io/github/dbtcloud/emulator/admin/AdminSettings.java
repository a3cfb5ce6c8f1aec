package io.github.dbtcloud.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The switches for behaviour where production and the spec disagree, or where a test wants the
 * emulator more forgiving than dbt Cloud. The defaults are what dbt Cloud was recorded or
 * documented to do.
 *
 * @param deleteAnswer what a DELETE of a job or environment answers
 * @param requiredJobFields which job keys a create or update must carry
 * @param validation whether writes are checked as dbt Cloud checks them, or leniently
 */
public record AdminSettings(
    DeleteAnswer deleteAnswer, RequiredJobFields requiredJobFields, Validation validation) {

  /**
   * As recorded: DELETE answers 200 with the object; job writes need the spec's keys minus {@code
   * lifecycle_webhooks}; writes are validated strictly.
   */
  public static final AdminSettings DEFAULTS =
      new AdminSettings(
          DeleteAnswer.OBJECT,
          RequiredJobFields.SPEC_WITHOUT_LIFECYCLE_WEBHOOKS,
          Validation.STRICT);

  /** What DELETE answers. */
  public enum DeleteAnswer {
    /** 200 with the soft-deleted object ({@code state: 2}), as recorded in 2021 and 2023. */
    OBJECT,
    /** 204 with no body, as the specs say. */
    NO_CONTENT
  }

  /**
   * Which keys a job create or update must carry; missing ones answer 400 "required key not
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
     * (the Terraform provider and dbt-jobs-as-code leave it out and dbt Cloud accepts that).
     */
    SPEC_WITHOUT_LIFECYCLE_WEBHOOKS,
    /** Exactly the spec's required list. */
    SPEC
  }

  /** How closely writes of jobs, environments and environment variables are checked. */
  public enum Validation {
    /**
     * As dbt Cloud checks them: every field's JSON type as the OpenAPI spec declares it, {@code
     * execute_steps} present and non-empty, crons, dbt versions and references across objects; the
     * rules and their sources are listed in docs/emulator.md.
     */
    STRICT,
    /**
     * The emulator's older, forgiving checks: values are coerced to the declared type, a job may
     * have no steps, any dbt version and any reference in the account is accepted. Only for tests
     * that need to put a state dbt Cloud would refuse into the emulator.
     */
    LENIENT
  }

  /** Whether writes are checked as dbt Cloud checks them. */
  public boolean strict() {
    return validation == Validation.STRICT;
  }

  /** These settings with another DELETE answer. */
  public AdminSettings withDeleteAnswer(DeleteAnswer answer) {
    return new AdminSettings(answer, requiredJobFields, validation);
  }

  /** These settings with other required job keys. */
  public AdminSettings withRequiredJobFields(RequiredJobFields required) {
    return new AdminSettings(deleteAnswer, required, validation);
  }

  /** These settings with another validation of writes. */
  public AdminSettings withValidation(Validation how) {
    return new AdminSettings(deleteAnswer, requiredJobFields, how);
  }

  /**
   * These settings overridden by a seed file's {@code settings:} section: {@code delete_answer:
   * object|no_content}, {@code required_job_fields: minimal|spec_without_lifecycle_webhooks|spec},
   * {@code validation: strict|lenient}.
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
    if (section.hasNonNull("validation")) {
      s =
          s.withValidation(
              enumValue(
                  Validation.class, section.get("validation").asText(), "settings.validation"));
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
