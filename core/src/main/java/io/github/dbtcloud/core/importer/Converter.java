package io.github.dbtcloud.core.importer;

import io.github.dbtcloud.core.config.DeferralSpec;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.JobCompletionTrigger;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.config.ScheduleSpec;
import io.github.dbtcloud.core.config.TriggersSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -Ddbt.convert}: a dbt-jobs-as-code file, as loaded (templates rendered, booleans and nulls
 * read with that tool's meaning), written in the plugin's own format with the same meaning:
 * environments by key (found by their id), references by key, {@code ownership.marker:
 * jobs-as-code} so that every job keeps dbt-jobs-as-code's {@code [[identifier]]} in its name and
 * nothing else, explicit {@code null} where the original clears a field. Loading the result gives
 * the same jobs, so the plan is the same.
 */
public final class Converter {

  private Converter() {}

  /** The converted file's text; {@code source} names the original in the header comment. */
  public static String convert(DesiredState state, String source) {
    YamlText.Block root = new YamlText.Block();
    root.entries.put("version", 1);
    root.block("account").entries.put("id", state.account().id());
    YamlText.Block ownership = root.block("ownership");
    ownership.entries.put("marker", "jobs-as-code");
    root.comment(
        "ownership",
        List.of(
            "jobs-as-code: each job keeps dbt-jobs-as-code's [[identifier]] in its name and"
                + " nothing else of the plugin's,",
            "so dbt-jobs-as-code still finds them; write description (or remove the line) to move"
                + " to the plugin's marker"));
    YamlText.Block projects = root.block("projects");
    for (ProjectSpec p : state.projects().values()) {
      YamlText.Block project = projects.block(p.key());
      if (p.id() != null) {
        project.entries.put("id", p.id());
      } else {
        project.entries.put("name", p.name());
      }
      if (!p.environments().isEmpty()) {
        YamlText.Block environments = project.block("environments");
        for (EnvironmentSpec e : p.environments().values()) {
          YamlText.Block environment = environments.block(e.key());
          if (e.id() != null) {
            environment.entries.put("id", e.id());
          }
        }
      }
      YamlText.Block jobs = project.block("jobs");
      p.jobs().values().forEach(j -> job(jobs.block(j.key()), j));
    }
    return YamlText.write(
        List.of(
            "Converted by -Ddbt.convert from " + source + " (dbt-jobs-as-code's format).",
            "The plan on this file is the plan on the original; see"
                + " docs/migrating-from-dbt-jobs-as-code.md."),
        root);
  }

  private static void job(YamlText.Block b, JobSpec j) {
    put(b, "name", j.name());
    put(b, "description", j.description());
    put(b, "environment", j.environment());
    put(b, "execute_steps", j.executeSteps());
    if (j.dbtVersion() != null) {
      // "" is how an explicit null (inherit the environment's version) is held
      b.entries.put("dbt_version", j.dbtVersion().isEmpty() ? null : j.dbtVersion());
    }
    put(b, "threads", j.threads());
    put(b, "target_name", j.targetName());
    put(b, "timeout_seconds", j.timeoutSeconds());
    put(b, "generate_docs", j.generateDocs());
    put(b, "run_generate_sources", j.runGenerateSources());
    ScheduleSpec s = j.schedule();
    if (s != null) {
      YamlText.Block schedule = b.block("schedule");
      // dbt-jobs-as-code schedules are cron expressions only
      put(schedule, "cron", s.cron());
      if (!s.enabled()) {
        schedule.entries.put("enabled", false);
      }
    }
    TriggersSpec t = j.triggers();
    if (!t.equals(TriggersSpec.NONE)) {
      YamlText.Block triggers = b.block("triggers");
      put(triggers, "git_provider_webhook", t.gitProviderWebhook());
      put(triggers, "github_webhook", t.githubWebhook());
      put(triggers, "on_merge", t.onMerge());
      put(triggers, "on_draft_pr", t.onDraftPr());
      JobCompletionTrigger c = t.onJobCompletion();
      if (c != null && c.isNone()) {
        triggers.entries.put("on_job_completion", null);
      } else if (c != null) {
        YamlText.Block completion = triggers.block("on_job_completion");
        put(completion, "job", c.job());
        put(completion, "project", c.project());
        put(completion, "job_id", c.jobId());
        put(completion, "project_id", c.projectId());
        completion.entries.put("statuses", new ArrayList<>(c.statuses()));
      }
    }
    DeferralSpec d = j.deferral();
    if (d != null) {
      if (d.environment() != null) {
        b.entries.put("defer_to", d.environment());
      } else if (d.job() != null) {
        b.block("defer_to").entries.put("job", d.job());
      } else if (d.jobId() != null) {
        b.block("defer_to").entries.put("job_id", d.jobId());
      } else {
        b.entries.put("defer_to", null);
      }
    }
    put(b, "run_compare_changes", j.runCompareChanges());
    put(b, "compare_changes_flags", j.compareChangesFlags());
    put(b, "run_lint", j.runLint());
    put(b, "errors_on_lint_failure", j.errorsOnLintFailure());
    put(b, "cost_optimization_features", j.costOptimizationFeatures());
    if (!j.envVars().isEmpty()) {
      YamlText.Block vars = b.block("env_vars");
      j.envVars().forEach(vars.entries::put);
    }
  }

  /** Only what the original manages: an absent field stays absent (not managed). */
  private static void put(YamlText.Block b, String key, Object value) {
    if (value != null) {
      b.entries.put(key, value);
    }
  }
}
