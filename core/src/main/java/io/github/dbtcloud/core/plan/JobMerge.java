package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.identity.Marker;

/**
 * Applies the fields a job spec manages onto a wire job; the rest keeps the server's value.
 * Fields under {@code ignore_changes} are left alone.
 */
final class JobMerge {

  private JobMerge() {}

  static Job merge(Job base, JobSpec spec, Marker marker, Long environmentId) {
    Job j = base.withName(spec.displayName());
    String description = spec.description() != null && !ignored(spec, "description")
        ? spec.description() : Marker.strip(base.description());
    j = j.withDescription(marker.appendTo(description));
    if (environmentId != null && !ignored(spec, "environment")) {
      j = j.withEnvironmentId(environmentId);
    }
    if (spec.executeSteps() != null && !ignored(spec, "execute_steps")) {
      j = j.withExecuteSteps(spec.executeSteps());
    }
    if (spec.dbtVersion() != null && !ignored(spec, "dbt_version")) {
      j = j.withDbtVersion(spec.dbtVersion());
    }
    if (spec.threads() != null && !ignored(spec, "threads")) {
      j = j.withThreads(spec.threads());
    }
    if (spec.targetName() != null && !ignored(spec, "target_name")) {
      j = j.withTargetName(spec.targetName());
    }
    if (spec.timeoutSeconds() != null && !ignored(spec, "timeout_seconds")) {
      j = j.withTimeoutSeconds(spec.timeoutSeconds());
    }
    if (spec.generateDocs() != null && !ignored(spec, "generate_docs")) {
      j = j.withGenerateDocs(spec.generateDocs());
    }
    if (spec.runGenerateSources() != null && !ignored(spec, "run_generate_sources")) {
      j = j.withRunGenerateSources(spec.runGenerateSources());
    }
    if (!ignored(spec, "schedule")) {
      if (spec.schedule() != null) {
        if (spec.schedule().cron() != null) {
          j = j.withScheduleCron(spec.schedule().cron());
        }
        j = j.withScheduleTrigger(spec.schedule().enabled());
      }
    }
    if (!ignored(spec, "triggers")) {
      if (spec.triggers().gitProviderWebhook() != null) {
        j = j.withGitProviderWebhook(spec.triggers().gitProviderWebhook());
      }
      if (spec.triggers().onMerge() != null) {
        j = j.withOnMerge(spec.triggers().onMerge());
      }
      if (spec.triggers().onDraftPr() != null) {
        j = j.withTriggersOnDraftPr(spec.triggers().onDraftPr());
      }
    }
    return j;
  }

  private static boolean ignored(JobSpec spec, String field) {
    return spec.ignoreChanges().contains(field);
  }
}
