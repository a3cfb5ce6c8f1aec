package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.DbtCloudFailure;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.config.DeferralSpec;
import io.github.dbtcloud.core.config.JobCompletionTrigger;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.ScheduleSpec;
import io.github.dbtcloud.core.config.TriggersSpec;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.identity.MarkerPlacement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies the fields a job spec sets onto a wire job; the rest keeps the server's value. Fields
 * under {@code ignore_changes} (by file key, e.g. {@code threads}, {@code triggers},
 * {@code triggers.on_merge}) are left alone, except on create. References to environments and jobs
 * by key become ids, or pending references when the target is created in the same apply.
 */
final class JobMerge {

  /** How references by key resolve while planning. */
  interface References {

    /** The environment of this project with this key. */
    Ref environment(String key);

    /** The job with this key, in the given project (null: this job's own), {@code self} included. */
    Ref job(String project, String key);

    /** The id of the project with this key (null: this job's own). */
    long projectId(String project);
  }

  /**
   * A resolved reference: an id, or the object whose id is not known yet.
   *
   * @param id the id, or null while pending
   * @param target the referenced object
   */
  record Ref(Long id, ResourceAddress target) {}

  private JobMerge() {}

  static Merged<Job> merge(Job base, JobSpec spec, Marker marker, MarkerPlacement placement, References refs,
      boolean creating) {
    List<String> paths = new ArrayList<>();
    List<PendingReference> pending = new ArrayList<>();
    Job j = base;

    String name = creating || !ignored(spec, "name") ? spec.displayName() : Marker.strip(base.name());
    j = j.withName(placement == MarkerPlacement.NAME ? marker.appendTo(name) : name);
    paths.add(Job.NAME);
    String description = spec.description() != null && (creating || !ignored(spec, "description"))
        ? spec.description() : Marker.strip(base.description());
    j = j.withDescription(placement == MarkerPlacement.DESCRIPTION ? marker.appendTo(description) : description);
    paths.add(Job.DESCRIPTION);

    if (spec.environment() != null && (creating || !ignored(spec, "environment"))) {
      Ref env = refs.environment(spec.environment());
      if (env.id() != null) {
        j = j.withEnvironmentId(env.id());
      } else {
        pending.add(new PendingReference(PendingReference.Field.ENVIRONMENT_ID, env.target()));
      }
      paths.add(Job.ENVIRONMENT_ID);
    }
    if (spec.executeSteps() != null && (creating || !ignored(spec, "execute_steps"))) {
      j = j.withExecuteSteps(spec.executeSteps());
      paths.add(Job.EXECUTE_STEPS);
    }
    if (spec.dbtVersion() != null && (creating || !ignored(spec, "dbt_version"))) {
      j = j.withDbtVersion(spec.dbtVersion());
      paths.add(Job.DBT_VERSION);
    }
    if (spec.threads() != null && (creating || !ignored(spec, "threads"))) {
      j = j.withThreads(spec.threads());
      paths.add(Job.THREADS);
    }
    if (spec.targetName() != null && (creating || !ignored(spec, "target_name"))) {
      j = j.withTargetName(spec.targetName());
      paths.add(Job.TARGET_NAME);
    }
    if (spec.timeoutSeconds() != null && (creating || !ignored(spec, "timeout_seconds"))) {
      j = j.withTimeoutSeconds(spec.timeoutSeconds());
      paths.add(Job.TIMEOUT_SECONDS);
    }
    if (spec.generateDocs() != null && (creating || !ignored(spec, "generate_docs"))) {
      j = j.withGenerateDocs(spec.generateDocs());
      paths.add(Job.GENERATE_DOCS);
    }
    if (spec.runGenerateSources() != null && (creating || !ignored(spec, "run_generate_sources"))) {
      j = j.withRunGenerateSources(spec.runGenerateSources());
      paths.add(Job.RUN_GENERATE_SOURCES);
    }
    ScheduleSpec schedule = spec.schedule();
    if (schedule != null && (creating || !ignored(spec, "schedule"))) {
      String cron = Schedules.cronOf(schedule);
      j = Schedules.structured(schedule)
          ? j.withStructuredSchedule(schedule.days(), schedule.hours(), schedule.intervalHours(), cron)
          : j.withScheduleCron(cron);
      j = j.withScheduleTrigger(schedule.enabled());
      paths.add(Job.SCHEDULE_CRON);
      paths.add(Job.TRIGGER_SCHEDULE);
    }
    TriggersSpec triggers = spec.triggers();
    if (triggers.gitProviderWebhook() != null && (creating || !ignored(spec, "triggers.git_provider_webhook"))) {
      j = j.withGitProviderWebhook(triggers.gitProviderWebhook());
      paths.add(Job.TRIGGER_GIT_PROVIDER_WEBHOOK);
    }
    if (triggers.onMerge() != null && (creating || !ignored(spec, "triggers.on_merge"))) {
      j = j.withOnMerge(triggers.onMerge());
      paths.add(Job.TRIGGER_ON_MERGE);
    }
    if (triggers.onDraftPr() != null && (creating || !ignored(spec, "triggers.on_draft_pr"))) {
      j = j.withTriggersOnDraftPr(triggers.onDraftPr());
      paths.add(Job.TRIGGERS_ON_DRAFT_PR);
    }
    JobCompletionTrigger completion = triggers.onJobCompletion();
    if (completion != null && (creating || !ignored(spec, "triggers.on_job_completion"))) {
      Ref other = refs.job(completion.project(), completion.job());
      j = j.withCompletionTrigger(other.id(), refs.projectId(completion.project()), statusCodes(spec, completion));
      if (other.id() == null) {
        pending.add(new PendingReference(PendingReference.Field.COMPLETION_JOB_ID, other.target()));
      }
      paths.add(Job.COMPLETION_JOB_ID);
      paths.add(Job.COMPLETION_STATUSES);
    }
    DeferralSpec deferral = spec.deferral();
    if (deferral != null && (creating || !ignored(spec, "defer_to"))) {
      Ref environment = deferral.environment() != null ? refs.environment(deferral.environment()) : null;
      Ref job = deferral.job() != null ? refs.job(null, deferral.job()) : null;
      j = j.withDeferringEnvironmentId(environment == null ? null : environment.id());
      j = j.withDeferringJobId(job == null ? null : job.id());
      if (environment != null && environment.id() == null) {
        pending.add(new PendingReference(PendingReference.Field.DEFERRING_ENVIRONMENT_ID, environment.target()));
      }
      if (job != null && job.id() == null) {
        pending.add(new PendingReference(PendingReference.Field.DEFERRING_JOB_ID, job.target()));
      }
      paths.add(Job.DEFERRING_ENVIRONMENT_ID);
      paths.add(Job.DEFERRING_JOB_ID);
    }
    if (spec.runCompareChanges() != null && (creating || !ignored(spec, "run_compare_changes"))) {
      j = j.withRunCompareChanges(spec.runCompareChanges());
      paths.add(Job.RUN_COMPARE_CHANGES);
    }
    if (spec.compareChangesFlags() != null && (creating || !ignored(spec, "compare_changes_flags"))) {
      j = j.withCompareChangesFlags(spec.compareChangesFlags());
      paths.add(Job.COMPARE_CHANGES_FLAGS);
    }
    if (spec.runLint() != null && (creating || !ignored(spec, "run_lint"))) {
      j = j.withRunLint(spec.runLint());
      paths.add(Job.RUN_LINT);
    }
    if (spec.errorsOnLintFailure() != null && (creating || !ignored(spec, "errors_on_lint_failure"))) {
      j = j.withErrorsOnLintFailure(spec.errorsOnLintFailure());
      paths.add(Job.ERRORS_ON_LINT_FAILURE);
    }
    if (spec.costOptimizationFeatures() != null && (creating || !ignored(spec, "cost_optimization_features"))) {
      j = j.withCostOptimizationFeatures(spec.costOptimizationFeatures());
      paths.add(Job.COST_OPTIMIZATION_FEATURES);
    }
    return new Merged<>(j, paths, pending);
  }

  /** The job with its marker (now carrying a fingerprint) written where the placement says. */
  static Job stamp(Job job, Marker marker, MarkerPlacement placement) {
    return placement == MarkerPlacement.NAME
        ? job.withName(marker.appendTo(job.name()))
        : job.withDescription(marker.appendTo(job.description()));
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
        throw new DbtCloudFailure(trigger.position() + " projects.*.jobs." + spec.key()
            + ".triggers.on_job_completion.statuses: '" + status + "' is not a run status; use success, error or"
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
