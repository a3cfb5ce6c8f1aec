package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.api.WireMaps;
import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.api.WireTimes;
import io.github.dbtcloud.core.identity.Marker;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A dbt Cloud job in wire form (v2, docs/wire-format.md#job-fields). Keeps every field the server
 * sent, since an update POSTs the whole object back. The {@code with*} methods return the same
 * object when the value is already there, and the path constants are the only place job wire names
 * are spelt.
 *
 * @param fields the wire object
 */
public record Job(Map<String, Object> fields) implements WireObject {

  public static final String NAME = "name";
  public static final String DESCRIPTION = "description";
  public static final String ENVIRONMENT_ID = "environment_id";
  public static final String EXECUTE_STEPS = "execute_steps";
  public static final String DBT_VERSION = "dbt_version";
  public static final String THREADS = "settings.threads";
  public static final String TARGET_NAME = "settings.target_name";
  public static final String TIMEOUT_SECONDS = "execution.timeout_seconds";
  public static final String GENERATE_DOCS = "generate_docs";
  public static final String RUN_GENERATE_SOURCES = "run_generate_sources";
  public static final String SCHEDULE_CRON = "schedule.cron";
  public static final String SCHEDULE_DATE_TYPE = "schedule.date.type";
  public static final String SCHEDULE_DAYS = "schedule.date.days";
  public static final String SCHEDULE_TIME_TYPE = "schedule.time.type";
  public static final String SCHEDULE_HOURS = "schedule.time.hours";
  public static final String SCHEDULE_INTERVAL = "schedule.time.interval";
  public static final String TRIGGER_SCHEDULE = "triggers.schedule";
  public static final String TRIGGER_GIT_PROVIDER_WEBHOOK = "triggers.git_provider_webhook";
  public static final String TRIGGER_GITHUB_WEBHOOK = "triggers.github_webhook";
  public static final String TRIGGER_ON_MERGE = "triggers.on_merge";
  public static final String TRIGGERS_ON_DRAFT_PR = "triggers_on_draft_pr";
  public static final String COMPLETION_TRIGGER = "job_completion_trigger_condition";
  public static final String COMPLETION_JOB_ID =
      "job_completion_trigger_condition.condition.job_id";
  public static final String COMPLETION_PROJECT_ID =
      "job_completion_trigger_condition.condition.project_id";
  public static final String COMPLETION_STATUSES =
      "job_completion_trigger_condition.condition.statuses";
  public static final String DEFERRING_ENVIRONMENT_ID = "deferring_environment_id";
  public static final String DEFERRING_JOB_ID = "deferring_job_definition_id";
  public static final String RUN_COMPARE_CHANGES = "run_compare_changes";
  public static final String COMPARE_CHANGES_FLAGS = "compare_changes_flags";
  public static final String RUN_LINT = "run_lint";
  public static final String ERRORS_ON_LINT_FAILURE = "errors_on_lint_failure";
  public static final String COST_OPTIMIZATION_FEATURES = "cost_optimization_features";
  public static final String JOB_TYPE = "job_type";

  /**
   * dbt Cloud's run status codes for a completion trigger: success, error, canceled
   * (docs/wire-format.md#completion-trigger).
   */
  public static final Map<String, Long> RUN_STATUS_CODES =
      Map.of("success", 10L, "error", 20L, "canceled", 30L);

  @SuppressWarnings("unchecked")
  public Job {
    fields = (Map<String, Object>) WireMaps.freeze(fields);
  }

  /** The body a create starts from: the server's defaults for everything the file may leave out. */
  public static Job draft(long accountId, long projectId, Long environmentId) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", null);
    f.put("account_id", accountId);
    f.put("project_id", projectId);
    f.put("environment_id", environmentId);
    f.put("name", null);
    f.put("description", "");
    f.put("execute_steps", List.of());
    f.put("dbt_version", null);
    f.put(
        "triggers",
        Map.of(
            "github_webhook",
            false,
            "schedule",
            false,
            "git_provider_webhook",
            false,
            "on_merge",
            false));
    f.put("settings", Map.of("threads", 1, "target_name", "default"));
    f.put("execution", Map.of("timeout_seconds", 0));
    f.put("state", 1);
    f.put("generate_docs", false);
    f.put("run_generate_sources", false);
    f.put("schedule", cronSchedule("0 * * * *"));
    f.put("deferring_job_definition_id", null);
    f.put("deferring_environment_id", null);
    f.put("triggers_on_draft_pr", false);
    f.put("job_completion_trigger_condition", null);
    f.put("run_compare_changes", false);
    f.put("compare_changes_flags", "--select state:modified");
    f.put("run_lint", false);
    f.put("errors_on_lint_failure", true);
    f.put("cost_optimization_features", List.of());
    return new Job(f);
  }

  /** The id, or null for a draft. */
  @Override
  public Long id() {
    return WireMaps.asLong(fields.get("id"));
  }

  @Override
  public Job with(String path, Object value) {
    return set(path, value);
  }

  public long projectId() {
    return WireMaps.asLong(fields.get("project_id"));
  }

  public Long environmentId() {
    return WireMaps.asLong(fields.get("environment_id"));
  }

  public String name() {
    return WireMaps.asString(fields.get("name"));
  }

  /** The description; never null ({@code ""} when absent). */
  public String description() {
    return Objects.requireNonNullElse(WireMaps.asString(fields.get("description")), "");
  }

  /** The marker at the end of the description, else of the name, if any. */
  public Optional<Marker> marker() {
    return Marker.findIn(description(), name());
  }

  /** 1 active, 2 deleted. */
  public int state() {
    Long s = WireMaps.asLong(fields.get("state"));
    return s == null ? 1 : s.intValue();
  }

  /** The server-derived job type, {@link JobType#UNKNOWN} for values this version does not know. */
  public JobType type() {
    return JobType.of(jobType());
  }

  /** The server-derived job type as sent ({@code ci}, {@code scheduled}, ...). */
  public String jobType() {
    return WireMaps.asString(fields.get("job_type"));
  }

  /** Whether any trigger (schedule, webhook, merge) is on; a job with none only runs when asked. */
  public boolean hasTrigger() {
    return isTrue(TRIGGER_SCHEDULE)
        || isTrue(TRIGGER_GIT_PROVIDER_WEBHOOK)
        || isTrue(TRIGGER_GITHUB_WEBHOOK)
        || isTrue(TRIGGER_ON_MERGE);
  }

  /**
   * The type dbt Cloud derives from this job's triggers, which is what an update will leave it
   * with.
   */
  public JobType effectiveType() {
    return JobType.derivedFrom(
        isTrue(TRIGGER_GIT_PROVIDER_WEBHOOK) || isTrue(TRIGGER_GITHUB_WEBHOOK),
        isTrue(TRIGGER_ON_MERGE),
        isTrue(TRIGGER_SCHEDULE));
  }

  @SuppressWarnings("unchecked")
  public List<String> executeSteps() {
    Object v = fields.get("execute_steps");
    return v instanceof List<?> l ? (List<String>) l : List.of();
  }

  public String scheduleCron() {
    return WireMaps.asString(WireMaps.get(fields, SCHEDULE_CRON));
  }

  public Long deferringEnvironmentId() {
    return WireMaps.asLong(fields.get(DEFERRING_ENVIRONMENT_ID));
  }

  public Long deferringJobId() {
    return WireMaps.asLong(fields.get(DEFERRING_JOB_ID));
  }

  public Long completionTriggerJobId() {
    return WireMaps.asLong(WireMaps.get(fields, COMPLETION_JOB_ID));
  }

  /** When the server last changed the job; null when it sent no readable time. */
  @Override
  public Instant updatedAt() {
    return WireTimes.instant(fields.get("updated_at"));
  }

  public Instant createdAt() {
    return WireTimes.instant(fields.get("created_at"));
  }

  public Job withName(String name) {
    return set(NAME, name);
  }

  public Job withDescription(String description) {
    return set(DESCRIPTION, description);
  }

  public Job withEnvironmentId(long environmentId) {
    return set(ENVIRONMENT_ID, environmentId);
  }

  public Job withExecuteSteps(List<String> steps) {
    return set(EXECUTE_STEPS, steps);
  }

  /**
   * The job's dbt version; null inherits the environment's (never send {@code ""}, which dbt Cloud
   * rejects).
   */
  public Job withDbtVersion(String dbtVersion) {
    return set(DBT_VERSION, dbtVersion == null || dbtVersion.isBlank() ? null : dbtVersion);
  }

  public Job withThreads(int threads) {
    return set(THREADS, (long) threads);
  }

  public Job withTargetName(String targetName) {
    return set(TARGET_NAME, targetName);
  }

  public Job withTimeoutSeconds(int seconds) {
    return set(TIMEOUT_SECONDS, (long) seconds);
  }

  public Job withGenerateDocs(boolean on) {
    return set(GENERATE_DOCS, on);
  }

  public Job withRunGenerateSources(boolean on) {
    return set(RUN_GENERATE_SOURCES, on);
  }

  /** Turns the schedule trigger on or off. */
  public Job withScheduleTrigger(boolean on) {
    return set(TRIGGER_SCHEDULE, on);
  }

  /**
   * Schedules by cron. When the server already holds this cron (however its date/time form was
   * written, e.g. from the UI), nothing changes: the cron is what the schedule means.
   */
  public Job withScheduleCron(String cron) {
    if (cron.equals(scheduleCron())) {
      return this;
    }
    return set("schedule", cronSchedule(cron));
  }

  /**
   * Schedules with the structured form the UI writes (docs/wire-format.md#job-fields): given days
   * of the week (0 = Sunday) or every day, and given hours or every N hours, plus the cron dbt
   * Cloud derives from them.
   */
  public Job withStructuredSchedule(
      List<Integer> days, List<Integer> hours, Integer intervalHours, String cron) {
    Map<String, Object> date = new LinkedHashMap<>();
    if (days.isEmpty()) {
      date.put("type", "every_day");
    } else {
      date.put("type", "days_of_week");
      date.put("days", days);
    }
    Map<String, Object> time = new LinkedHashMap<>();
    if (hours.isEmpty()) {
      time.put("type", "every_hour");
      time.put("interval", intervalHours == null ? 1 : intervalHours);
    } else {
      time.put("type", "at_exact_hours");
      time.put("hours", hours);
    }
    Map<String, Object> schedule = new LinkedHashMap<>();
    schedule.put("cron", cron);
    schedule.put("date", date);
    schedule.put("time", time);
    return set("schedule", schedule);
  }

  public Job withGitProviderWebhook(boolean on) {
    return set(TRIGGER_GIT_PROVIDER_WEBHOOK, on);
  }

  /** The legacy CI trigger, kept apart from {@code git_provider_webhook} as dbt Cloud keeps it. */
  public Job withGithubWebhook(boolean on) {
    return set(TRIGGER_GITHUB_WEBHOOK, on);
  }

  /** No job-completion trigger. */
  public Job withoutCompletionTrigger() {
    return set(COMPLETION_TRIGGER, null);
  }

  public Job withOnMerge(boolean on) {
    return set(TRIGGER_ON_MERGE, on);
  }

  public Job withTriggersOnDraftPr(boolean on) {
    return set(TRIGGERS_ON_DRAFT_PR, on);
  }

  /** Defers to an environment (the current form of deferral), or none. */
  public Job withDeferringEnvironmentId(Long id) {
    return set(DEFERRING_ENVIRONMENT_ID, id);
  }

  /** Defers to a job's last run (the legacy form; a job id, possibly its own), or none. */
  public Job withDeferringJobId(Long id) {
    return set(DEFERRING_JOB_ID, id);
  }

  /**
   * Runs this job when another one finishes with one of the statuses (10 success, 20 error, 30
   * canceled); the job id may be null while it is not known yet. Writable in practice, although the
   * OpenAPI spec marks it read-only (docs/wire-format.md#completion-trigger).
   */
  public Job withCompletionTrigger(Long jobId, long projectId, List<Long> statuses) {
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("job_id", jobId);
    condition.put("project_id", projectId);
    condition.put("statuses", statuses);
    return set(COMPLETION_TRIGGER, Map.of("condition", condition));
  }

  public Job withRunCompareChanges(boolean on) {
    return set(RUN_COMPARE_CHANGES, on);
  }

  public Job withCompareChangesFlags(String flags) {
    return set(COMPARE_CHANGES_FLAGS, flags);
  }

  public Job withRunLint(boolean on) {
    return set(RUN_LINT, on);
  }

  public Job withErrorsOnLintFailure(boolean on) {
    return set(ERRORS_ON_LINT_FAILURE, on);
  }

  public Job withCostOptimizationFeatures(List<String> features) {
    return set(COST_OPTIMIZATION_FEATURES, features);
  }

  /**
   * The body a create or full update POSTs: every field, read-only ones included (the server
   * ignores them).
   */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>(fields);
    for (String nested :
        new String[] {
          "account",
          "project",
          "environment",
          "most_recent_run",
          "most_recent_completed_run",
          "fusion_readiness",
          "custom_environment_variables"
        }) {
      body.remove(nested);
    }
    return body;
  }

  private boolean isTrue(String path) {
    return Boolean.TRUE.equals(WireMaps.get(fields, path));
  }

  private static Map<String, Object> cronSchedule(String cron) {
    return Map.of(
        "cron",
        cron,
        "date",
        Map.of("type", "custom_cron", "cron", cron),
        "time",
        Map.of("type", "every_hour", "interval", 1));
  }

  private Job set(String path, Object value) {
    if (Objects.equals(WireMaps.get(fields, path), WireMaps.freeze(value))) {
      return this;
    }
    return new Job(WireMaps.with(fields, path, value));
  }
}
