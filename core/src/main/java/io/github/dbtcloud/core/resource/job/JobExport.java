package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.api.WireMaps;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.resource.ExportContext;
import io.github.dbtcloud.core.resource.Exported;
import io.github.dbtcloud.core.resource.environment.EnvironmentKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job as {@code dbt:import} writes it: its id (so that the file finds it before it carries a
 * marker), its environment, deferral and completion trigger by key, and each field whose compared
 * form ({@link JobForms}) differs from dbt Cloud's default.
 */
final class JobExport {

  /**
   * The cron of a job created without a schedule (whatever date/time form dbt Cloud shows it in):
   * not worth writing while the trigger is off.
   */
  private static final String DRAFT_CRON = "0 * * * *";

  private JobExport() {}

  static List<Exported> of(JobSnapshot part, ExportContext context) {
    List<Exported> out = new ArrayList<>();
    for (Job job : part.all()) {
      String key = context.keyOf(JobKind.INSTANCE, job.id());
      if (key != null) {
        out.add(new Exported("jobs", key, fields(job, key, context), List.of(origin(job))));
      }
    }
    return out;
  }

  static Map<String, Object> fields(Job job, String key, ExportContext context) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", job.id());
    String name = Marker.strip(job.name()).strip();
    if (!name.equals(key) && !name.isEmpty()) {
      f.put("name", name);
    }
    String description = Marker.strip(job.description()).strip();
    if (!description.isEmpty()) {
      f.put("description", description);
    }
    f.put("environment", context.keyOf(EnvironmentKind.INSTANCE, job.environmentId()));
    f.put("execute_steps", job.executeSteps());
    if (job.value(Job.DBT_VERSION) instanceof String v && !v.isBlank()) {
      f.put("dbt_version", v);
    }
    putIfNotDefault(f, "threads", job, Job.THREADS);
    putIfNotDefault(f, "target_name", job, Job.TARGET_NAME);
    putIfNotDefault(f, "timeout_seconds", job, Job.TIMEOUT_SECONDS);
    putIfNotDefault(f, "generate_docs", job, Job.GENERATE_DOCS);
    putIfNotDefault(f, "run_generate_sources", job, Job.RUN_GENERATE_SOURCES);
    Object schedule = schedule(job);
    if (schedule != null) {
      f.put("schedule", schedule);
    }
    Map<String, Object> triggers = new LinkedHashMap<>();
    boolean webhook =
        isTrue(job.value(Job.TRIGGER_GIT_PROVIDER_WEBHOOK))
            || isTrue(job.value(Job.TRIGGER_GITHUB_WEBHOOK));
    if (webhook) {
      triggers.put("git_provider_webhook", true);
    }
    if (isTrue(job.value(Job.TRIGGER_ON_MERGE))) {
      triggers.put("on_merge", true);
    }
    if (isTrue(job.value(Job.TRIGGERS_ON_DRAFT_PR)) && webhook) {
      triggers.put("on_draft_pr", true);
    }
    Map<String, Object> completion = completion(job, context);
    if (completion != null) {
      triggers.put("on_job_completion", completion);
    }
    if (!triggers.isEmpty()) {
      f.put("triggers", triggers);
    }
    Object deferral = deferral(job, context);
    if (deferral != null) {
      f.put("defer_to", deferral);
    }
    if (deferral != null) {
      putIfNotDefault(f, "run_compare_changes", job, Job.RUN_COMPARE_CHANGES);
    }
    if (isTrue(job.value(Job.RUN_COMPARE_CHANGES)) && deferral != null) {
      putIfNotDefault(f, "compare_changes_flags", job, Job.COMPARE_CHANGES_FLAGS);
    }
    putIfNotDefault(f, "run_lint", job, Job.RUN_LINT);
    putIfNotDefault(f, "errors_on_lint_failure", job, Job.ERRORS_ON_LINT_FAILURE);
    if (job.value(Job.COST_OPTIMIZATION_FEATURES) instanceof List<?> features
        && !features.isEmpty()) {
      f.put("cost_optimization_features", features.stream().map(String::valueOf).toList());
    }
    return f;
  }

  /**
   * The schedule while its trigger is on (the structured form when dbt Cloud holds one, else the
   * cron); a schedule switched off only when it is not the cron every new job gets.
   */
  private static Object schedule(Job job) {
    boolean on = isTrue(job.value(Job.TRIGGER_SCHEDULE));
    String cron = job.scheduleCron();
    String dateType = WireMaps.asString(job.value(Job.SCHEDULE_DATE_TYPE));
    String timeType = WireMaps.asString(job.value(Job.SCHEDULE_TIME_TYPE));
    boolean structured =
        ("every_day".equals(dateType) || "days_of_week".equals(dateType))
            && ("at_exact_hours".equals(timeType) || "every_hour".equals(timeType));
    if (!on && (cron == null || DRAFT_CRON.equals(cron))) {
      return null;
    }
    Map<String, Object> s = new LinkedHashMap<>();
    if (structured) {
      if ("days_of_week".equals(dateType) && job.value(Job.SCHEDULE_DAYS) instanceof List<?> d) {
        s.put("days_of_week", numbers(d));
      }
      if ("at_exact_hours".equals(timeType) && job.value(Job.SCHEDULE_HOURS) instanceof List<?> h) {
        s.put("at_exact_hours", numbers(h));
      } else {
        Long interval = WireMaps.asLong(job.value(Job.SCHEDULE_INTERVAL));
        s.put("every_n_hours", interval == null ? 1L : interval);
      }
    } else if (cron != null) {
      if (on) {
        return cron;
      }
      s.put("cron", cron);
    }
    if (!on) {
      s.put("enabled", false);
    }
    return s;
  }

  private static Map<String, Object> completion(Job job, ExportContext context) {
    Long other = WireMaps.asLong(job.value(Job.COMPLETION_JOB_ID));
    if (other == null) {
      return null;
    }
    Map<String, Object> c = new LinkedHashMap<>();
    String key = context.keyOf(JobKind.INSTANCE, other);
    String elsewhere = key == null ? context.keyElsewhere(JobKind.INSTANCE, other) : null;
    if (key != null) {
      c.put("job", key);
    } else if (elsewhere != null) {
      int slash = elsewhere.indexOf('/');
      c.put("job", elsewhere.substring(slash + 1));
      c.put("project", elsewhere.substring(0, slash));
    } else {
      c.put("job_id", other);
      Long project = WireMaps.asLong(job.value(Job.COMPLETION_PROJECT_ID));
      c.put("project_id", project == null ? context.projectId() : project);
    }
    List<String> statuses = new ArrayList<>();
    if (job.value(Job.COMPLETION_STATUSES) instanceof List<?> codes) {
      Job.RUN_STATUS_CODES.entrySet().stream()
          .sorted(Map.Entry.comparingByValue())
          .forEach(
              e -> {
                if (codes.stream()
                    .anyMatch(x -> Objects.equals(WireMaps.asLong(x), e.getValue()))) {
                  statuses.add(e.getKey());
                }
              });
    }
    c.put("statuses", statuses);
    return c;
  }

  private static Object deferral(Job job, ExportContext context) {
    Long environment = job.deferringEnvironmentId();
    Long other = job.deferringJobId();
    String envKey =
        environment == null ? null : context.keyOf(EnvironmentKind.INSTANCE, environment);
    String jobKey =
        other == null
            ? null
            : other.equals(job.id()) ? "self" : context.keyOf(JobKind.INSTANCE, other);
    if (envKey == null && jobKey == null) {
      return null;
    }
    if (jobKey == null) {
      return envKey;
    }
    Map<String, Object> d = new LinkedHashMap<>();
    if (envKey != null) {
      d.put("environment", envKey);
    }
    d.put("job", jobKey);
    return d;
  }

  private static void putIfNotDefault(Map<String, Object> f, String key, Job job, String path) {
    Object form = JobForms.of(path, job.value(path));
    if (!Objects.equals(form, JobForms.of(path, null))) {
      f.put(key, form);
    }
  }

  private static List<Long> numbers(List<?> values) {
    return values.stream().map(WireMaps::asLong).toList();
  }

  private static boolean isTrue(Object value) {
    return Boolean.TRUE.equals(WireMaps.asBoolean(value));
  }

  private static String origin(Job job) {
    return "job " + job.id() + " \"" + Marker.strip(job.name()).strip() + "\"";
  }
}
