package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.config.DeferralSpec;
import io.github.dbtcloud.core.config.JobCompletionTrigger;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.ScheduleSpec;
import io.github.dbtcloud.core.config.TriggersSpec;
import io.github.dbtcloud.core.identity.JobsAsCodeIdentifier;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.identity.MarkerPlacement;
import io.github.dbtcloud.core.resource.Identities.Ref;
import io.github.dbtcloud.core.resource.ManagedFields;
import io.github.dbtcloud.core.resource.Merged;
import io.github.dbtcloud.core.resource.PendingReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies the fields a job spec sets onto a wire job; the rest keeps the server's value. Fields
 * under {@code ignore_changes} (by file key, e.g. {@code threads}, {@code triggers}, {@code
 * triggers.on_merge}) are left alone, except on create. References to environments and jobs by key
 * become ids, or pending references when the target is created in the same apply.
 */
final class JobMerge {

  /** How references by key resolve while planning. */
  interface References {

    /** The environment of this project with this key. */
    Ref environment(String key);

    /**
     * The job with this key, in the given project (null: this job's own), {@code self} included.
     */
    Ref job(String project, String key);

    /** The id of the project with this key (null: this job's own). */
    long projectId(String project);
  }

  private JobMerge() {}

  static Merged<Job> merge(
      Job base, JobSpec spec, Marker marker, Place place, References refs, boolean creating) {
    ManagedFields<Job> f = new ManagedFields<>(base, creating, key -> ignored(spec, key));
    List<PendingReference> pending = new ArrayList<>();

    String name = f.manages("name") ? spec.displayName() : Marker.strip(base.name());
    String suffix = creating ? nameSuffix(null, spec) : nameSuffix(base, spec);
    if (suffix != null) {
      name = name.isBlank() ? suffix : name.strip() + " " + suffix;
    } else if (place == Place.NAME) {
      name = marker.appendTo(name);
    }
    f.managed(f.object().withName(name), Job.NAME);
    String description =
        spec.description() != null && f.manages("description")
            ? spec.description()
            : Marker.strip(base.description());
    f.managed(
        f.object()
            .withDescription(
                place == Place.DESCRIPTION ? marker.appendTo(description) : description),
        Job.DESCRIPTION);
    if (spec.environment() != null && f.manages("environment")) {
      Ref env = refs.environment(spec.environment());
      f.managed(
          env.id() == null ? f.object() : f.object().withEnvironmentId(env.id()),
          Job.ENVIRONMENT_ID);
      pendingIfNeeded(env, Job.ENVIRONMENT_ID, pending);
    }
    f.set(spec.executeSteps(), "execute_steps", Job::withExecuteSteps, Job.EXECUTE_STEPS);
    f.set(spec.dbtVersion(), "dbt_version", Job::withDbtVersion, Job.DBT_VERSION);
    f.set(spec.threads(), "threads", Job::withThreads, Job.THREADS);
    f.set(spec.targetName(), "target_name", Job::withTargetName, Job.TARGET_NAME);
    f.set(spec.timeoutSeconds(), "timeout_seconds", Job::withTimeoutSeconds, Job.TIMEOUT_SECONDS);
    f.set(spec.generateDocs(), "generate_docs", Job::withGenerateDocs, Job.GENERATE_DOCS);
    f.set(
        spec.runGenerateSources(),
        "run_generate_sources",
        Job::withRunGenerateSources,
        Job.RUN_GENERATE_SOURCES);
    ScheduleSpec schedule = spec.schedule();
    if (schedule != null && schedule.cron() == null && !Schedules.structured(schedule)) {
      // schedule: { enabled: false } alone switches the trigger and keeps dbt Cloud's cron
      f.set(schedule.enabled(), "schedule", Job::withScheduleTrigger, Job.TRIGGER_SCHEDULE);
    } else {
      f.set(schedule, "schedule", JobMerge::withSchedule, Job.SCHEDULE_CRON, Job.TRIGGER_SCHEDULE);
    }
    TriggersSpec triggers = spec.triggers();
    f.set(
        triggers.gitProviderWebhook(),
        "triggers.git_provider_webhook",
        Job::withGitProviderWebhook,
        Job.TRIGGER_GIT_PROVIDER_WEBHOOK);
    f.set(
        triggers.githubWebhook(),
        "triggers.github_webhook",
        Job::withGithubWebhook,
        Job.TRIGGER_GITHUB_WEBHOOK);
    f.set(triggers.onMerge(), "triggers.on_merge", Job::withOnMerge, Job.TRIGGER_ON_MERGE);
    f.set(
        triggers.onDraftPr(),
        "triggers.on_draft_pr",
        Job::withTriggersOnDraftPr,
        Job.TRIGGERS_ON_DRAFT_PR);
    JobCompletionTrigger completion = triggers.onJobCompletion();
    if (completion != null && completion.isNone() && f.manages("triggers.on_job_completion")) {
      f.managed(
          f.object().withoutCompletionTrigger(), Job.COMPLETION_JOB_ID, Job.COMPLETION_STATUSES);
    } else if (completion != null
        && completion.jobId() != null
        && f.manages("triggers.on_job_completion")) {
      // a job the file does not manage, by id: its project id is the file's to give, so it is
      // compared too
      f.managed(
          f.object()
              .withCompletionTrigger(
                  completion.jobId(), completion.projectId(), statusCodes(spec, completion)),
          Job.COMPLETION_JOB_ID,
          Job.COMPLETION_PROJECT_ID,
          Job.COMPLETION_STATUSES);
    } else if (completion != null && f.manages("triggers.on_job_completion")) {
      Ref other = refs.job(completion.project(), completion.job());
      f.managed(
          f.object()
              .withCompletionTrigger(
                  other.id(), refs.projectId(completion.project()), statusCodes(spec, completion)),
          Job.COMPLETION_JOB_ID,
          Job.COMPLETION_STATUSES);
      pendingIfNeeded(other, Job.COMPLETION_JOB_ID, pending);
    }
    DeferralSpec deferral = spec.deferral();
    if (deferral != null && f.manages("defer_to")) {
      Ref environment =
          deferral.environment() != null ? refs.environment(deferral.environment()) : null;
      Ref job = deferral.job() != null ? refs.job(null, deferral.job()) : null;
      f.managed(
          f.object()
              .withDeferringEnvironmentId(environment == null ? null : environment.id())
              .withDeferringJobId(job == null ? deferral.jobId() : job.id()),
          Job.DEFERRING_ENVIRONMENT_ID,
          Job.DEFERRING_JOB_ID);
      pendingIfNeeded(environment, Job.DEFERRING_ENVIRONMENT_ID, pending);
      pendingIfNeeded(job, Job.DEFERRING_JOB_ID, pending);
    }
    f.set(
        spec.runCompareChanges(),
        "run_compare_changes",
        Job::withRunCompareChanges,
        Job.RUN_COMPARE_CHANGES);
    f.set(
        spec.compareChangesFlags(),
        "compare_changes_flags",
        Job::withCompareChangesFlags,
        Job.COMPARE_CHANGES_FLAGS);
    f.set(spec.runLint(), "run_lint", Job::withRunLint, Job.RUN_LINT);
    f.set(
        spec.errorsOnLintFailure(),
        "errors_on_lint_failure",
        Job::withErrorsOnLintFailure,
        Job.ERRORS_ON_LINT_FAILURE);
    f.set(
        spec.costOptimizationFeatures(),
        "cost_optimization_features",
        Job::withCostOptimizationFeatures,
        Job.COST_OPTIMIZATION_FEATURES);
    return new Merged<>(f.object(), f.paths(), pending);
  }

  /**
   * A cron, or the structured form with the cron dbt Cloud derives from it; and the schedule
   * trigger.
   */
  private static Job withSchedule(Job job, ScheduleSpec schedule) {
    String cron = Schedules.cronOf(schedule);
    Job j =
        Schedules.structured(schedule)
            ? job.withStructuredSchedule(
                schedule.days(), schedule.hours(), schedule.intervalHours(), cron)
            : job.withScheduleCron(cron);
    return j.withScheduleTrigger(schedule.enabled());
  }

  private static void pendingIfNeeded(Ref ref, String field, List<PendingReference> pending) {
    if (ref != null && ref.id() == null) {
      pending.add(new PendingReference(field, ref.target()));
    }
  }

  /** Where a job's marker is written. */
  enum Place {
    /** At the end of the name (the build's placement says so). */
    NAME,
    /** At the end of the description. */
    DESCRIPTION,
    /**
     * Nowhere: a job of a dbt-jobs-as-code file is known by that tool's {@code [[key]]} in its name
     * alone, since that tool compares every other text field and would undo anything added there.
     */
    NONE
  }

  /**
   * Where this job's marker goes: nowhere for a job of a dbt-jobs-as-code file, or for a job whose
   * name carries a dbt-jobs-as-code identifier when markers go in names; in the description for
   * such a job otherwise (the name keeps it as it is); else where the build's placement says.
   */
  static Place place(Job current, JobSpec spec, MarkerPlacement placement) {
    if (spec.identityInName()) {
      return Place.NONE;
    }
    if (nameSuffix(current, spec) != null) {
      // with markers in names the identifier there is the job's identity (what dbt:import writes
      // for
      // such jobs); otherwise the plugin's marker goes where dbt-jobs-as-code does not read names
      return placement == MarkerPlacement.NAME ? Place.NONE : Place.DESCRIPTION;
    }
    return placement == MarkerPlacement.NAME ? Place.NAME : Place.DESCRIPTION;
  }

  /**
   * The dbt-jobs-as-code identifier the name ends with, kept exactly as it is ({@code
   * [[prod:nightly]]} stays so), or for a job of a dbt-jobs-as-code file the form that tool writes
   * ({@code [[nightly]]}); null when the name carries none.
   */
  static String nameSuffix(Job current, JobSpec spec) {
    if (current != null) {
      var kept = JobsAsCodeIdentifier.in(current.name()).filter(JobsAsCodeIdentifier::atEnd);
      if (kept.isPresent()) {
        return kept.get().text();
      }
    }
    return spec.identityInName() ? JobsAsCodeIdentifier.written(spec.key()) : null;
  }

  /** The job with its marker (now carrying a fingerprint) written where it goes. */
  static Job stamp(Job job, Marker marker, Place place) {
    return switch (place) {
      case NAME -> job.withName(marker.appendTo(job.name()));
      case DESCRIPTION -> job.withDescription(marker.appendTo(job.description()));
      case NONE -> job;
    };
  }

  /** Whether the file leaves this field (by file key, or a parent key) to dbt Cloud. */
  static boolean ignored(JobSpec spec, String key) {
    if (spec.ignoreChanges().contains(key)) {
      return true;
    }
    int dot = key.indexOf('.');
    return dot > 0 && spec.ignoreChanges().contains(key.substring(0, dot));
  }

  private static List<Long> statusCodes(JobSpec spec, JobCompletionTrigger trigger) {
    List<Long> codes = new ArrayList<>();
    for (String status : trigger.statuses()) {
      String s = status.toLowerCase(Locale.ROOT).replace("cancelled", "canceled");
      Long code = Job.RUN_STATUS_CODES.get(s);
      if (code == null) {
        throw new DbtCloudException(
            trigger.position()
                + " projects.*.jobs."
                + spec.key()
                + ".triggers.on_job_completion.statuses: '"
                + status
                + "' is not a run status; use success, error or"
                + " canceled");
      }
      if (!codes.contains(code)) {
        codes.add(code);
      }
    }
    codes.sort(Long::compare);
    return codes;
  }
}
