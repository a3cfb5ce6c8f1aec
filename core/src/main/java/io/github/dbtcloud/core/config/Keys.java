package io.github.dbtcloud.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys each section of the version-1 format accepts. The loader rejects every other key, and
 * the JSON Schema test checks that the schema's {@code $defs} declare exactly these.
 */
final class Keys {

  static final Set<String> ROOT =
      of(
          "version",
          "account",
          "ownership",
          "projects",
          "verify",
          "semantic_layer",
          "notifications",
          "webhooks");
  static final Set<String> ACCOUNT = of("id", "host");
  static final Set<String> OWNERSHIP = of("namespace", "prune", "max_deletes", "marker");
  static final Set<String> PROJECT = of("id", "name", "environments", "env_vars", "jobs");
  static final Set<String> ENVIRONMENT =
      of(
          "id",
          "name",
          "previous_names",
          "type",
          "deployment_type",
          "dbt_version",
          "credentials_id",
          "connection_id",
          "extended_attributes_id",
          "primary_profile_id",
          "custom_branch",
          "use_custom_branch",
          "supports_docs",
          "enable_model_query_history",
          "enable_dbt_state",
          "ignore_changes",
          "protect");
  static final Set<String> JOB =
      of(
          "id",
          "name",
          "description",
          "environment",
          "execute_steps",
          "dbt_version",
          "threads",
          "target_name",
          "timeout_seconds",
          "generate_docs",
          "run_generate_sources",
          "schedule",
          "triggers",
          "defer_to",
          "run_compare_changes",
          "compare_changes_flags",
          "run_lint",
          "errors_on_lint_failure",
          "cost_optimization_features",
          "env_vars",
          "ignore_changes",
          "protect",
          "notify");
  static final Set<String> SCHEDULE =
      of("cron", "days_of_week", "at_exact_hours", "every_n_hours", "enabled");
  static final Set<String> TRIGGERS =
      of("git_provider_webhook", "on_merge", "on_draft_pr", "on_job_completion", "github_webhook");
  static final Set<String> JOB_COMPLETION =
      of("job", "project", "job_id", "project_id", "statuses");
  static final Set<String> DEFER_TO = of("environment", "job", "job_id");
  static final Set<String> VERIFY =
      of(
          "job",
          "project",
          "cause",
          "git_branch",
          "git_sha",
          "schema_override",
          "steps_override",
          "threads_override",
          "target_name_override",
          "timeout",
          "poll_min",
          "poll_max",
          "cancel_on_timeout");
  static final Set<String> NOTIFY = of("on_failure", "on_warning", "on_success", "on_cancel");
  static final Set<String> WEBHOOK = of("name", "description", "url", "events", "jobs", "active");
  static final Set<String> SEMANTIC_LAYER =
      of("environment", "project", "metrics", "group_by", "grain", "dimensions", "parallelism");

  /**
   * Fields {@code ignore_changes} may name on a job: every field except the identity and the
   * bookkeeping ones.
   */
  static final Set<String> JOB_IGNORABLE =
      without(JOB, "id", "ignore_changes", "protect", "notify");

  /** Fields {@code ignore_changes} may name on an environment (never its identity: id, name). */
  static final Set<String> ENVIRONMENT_IGNORABLE =
      without(ENVIRONMENT, "id", "name", "previous_names", "ignore_changes", "protect");

  /** Each fixed-key section by its name in the JSON Schema's {@code $defs}. */
  static final Map<String, Set<String>> SECTIONS = sections();

  private Keys() {}

  private static Map<String, Set<String>> sections() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("root", ROOT);
    m.put("account", ACCOUNT);
    m.put("ownership", OWNERSHIP);
    m.put("project", PROJECT);
    m.put("environment", ENVIRONMENT);
    m.put("job", JOB);
    m.put("schedule", SCHEDULE);
    m.put("triggers", TRIGGERS);
    m.put("job_completion", JOB_COMPLETION);
    m.put("defer_to", DEFER_TO);
    m.put("verify", VERIFY);
    m.put("semantic_layer", SEMANTIC_LAYER);
    m.put("notify", NOTIFY);
    m.put("webhook", WEBHOOK);
    return Collections.unmodifiableMap(m);
  }

  private static Set<String> of(String... keys) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
  }

  private static Set<String> without(Set<String> keys, String... removed) {
    Set<String> out = new LinkedHashSet<>(keys);
    List.of(removed).forEach(out::remove);
    return Collections.unmodifiableSet(out);
  }
}
