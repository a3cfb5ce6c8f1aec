package io.github.dbtcloud.core.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A dbt Cloud job in wire form (v2, shared api doc §C.1). Keeps every field the server sent, since
 * an update POSTs the whole object back. The {@code with*} methods leave the object untouched when
 * the value already means the same, so that a no-op merge produces no diff.
 *
 * @param fields the wire object
 */
public record Job(Map<String, Object> fields) implements WireObject {

  /** Fields the server computes or returns only for reading; a plan never compares them. */
  public static final Set<String> READ_ONLY = Set.of("id", "account_id", "project_id", "created_at", "updated_at",
      "raw_dbt_version", "is_deferrable", "cron_humanized", "next_run", "next_run_humanized", "job_type",
      "generate_sources", "lifecycle_webhooks_url", "account", "project", "environment", "most_recent_run",
      "most_recent_completed_run", "fusion_readiness", "run_failure_count", "deactivated", "is_system", "state",
      "force_node_selection", "custom_environment_variables");

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
    f.put("triggers", Map.of("github_webhook", false, "schedule", false, "git_provider_webhook", false,
        "on_merge", false));
    f.put("settings", Map.of("threads", 1, "target_name", "default"));
    f.put("execution", Map.of("timeout_seconds", 0));
    f.put("state", 1);
    f.put("generate_docs", false);
    f.put("run_generate_sources", false);
    f.put("schedule", Map.of("cron", "0 * * * *", "date", Map.of("type", "custom_cron", "cron", "0 * * * *"),
        "time", Map.of("type", "every_hour", "interval", 1)));
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

  /** 1 active, 2 deleted. */
  public int state() {
    Long s = WireMaps.asLong(fields.get("state"));
    return s == null ? 1 : s.intValue();
  }

  /** The server-derived job type ({@code ci}, {@code scheduled}, ...). */
  public String jobType() {
    return WireMaps.asString(fields.get("job_type"));
  }

  @SuppressWarnings("unchecked")
  public List<String> executeSteps() {
    Object v = fields.get("execute_steps");
    return v instanceof List<?> l ? (List<String>) l : List.of();
  }

  public String scheduleCron() {
    return WireMaps.asString(WireMaps.get(fields, "schedule.cron"));
  }

  public Job withName(String name) {
    return set("name", name);
  }

  public Job withDescription(String description) {
    return set("description", description);
  }

  public Job withEnvironmentId(long environmentId) {
    return set("environment_id", environmentId);
  }

  public Job withExecuteSteps(List<String> steps) {
    return set("execute_steps", steps);
  }

  public Job withDbtVersion(String dbtVersion) {
    return set("dbt_version", dbtVersion);
  }

  public Job withThreads(int threads) {
    return set("settings.threads", (long) threads);
  }

  public Job withTargetName(String targetName) {
    return set("settings.target_name", targetName);
  }

  public Job withTimeoutSeconds(int seconds) {
    return set("execution.timeout_seconds", (long) seconds);
  }

  public Job withGenerateDocs(boolean on) {
    return set("generate_docs", on);
  }

  public Job withRunGenerateSources(boolean on) {
    return set("run_generate_sources", on);
  }

  /** Turns the schedule trigger on or off. */
  public Job withScheduleTrigger(boolean on) {
    return set("triggers.schedule", on);
  }

  /**
   * Schedules by cron. When the server already holds this cron (however its date/time form was
   * written, e.g. from the UI), nothing changes: the cron is what the schedule means.
   */
  public Job withScheduleCron(String cron) {
    if (cron.equals(scheduleCron())) {
      return this;
    }
    return set("schedule", Map.of("cron", cron, "date", Map.of("type", "custom_cron", "cron", cron),
        "time", Map.of("type", "every_hour", "interval", 1)));
  }

  public Job withGitProviderWebhook(boolean on) {
    return set("triggers.git_provider_webhook", on);
  }

  public Job withOnMerge(boolean on) {
    return set("triggers.on_merge", on);
  }

  public Job withTriggersOnDraftPr(boolean on) {
    return set("triggers_on_draft_pr", on);
  }

  /** The body a create or full update POSTs: every field, read-only ones included (the server ignores them). */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>(fields);
    for (String nested : new String[] {"account", "project", "environment", "most_recent_run",
        "most_recent_completed_run", "fusion_readiness", "custom_environment_variables"}) {
      body.remove(nested);
    }
    return body;
  }

  private Job set(String path, Object value) {
    if (Objects.equals(WireMaps.get(fields, path), WireMaps.freeze(value))) {
      return this;
    }
    return new Job(WireMaps.with(fields, path, value));
  }
}
