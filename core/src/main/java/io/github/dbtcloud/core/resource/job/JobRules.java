package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.JobCompletionTrigger;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.resource.PlanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * dbt Cloud's rules for a project's jobs that the snapshot lets the plan check before anything is
 * written: a completion trigger on a job given by id must name a job that exists, in the project
 * the file gives for it (dbt Cloud stores the trigger job's own project and refuses another). Jobs
 * of projects the plan did not read cannot be checked; dbt Cloud still refuses them at apply.
 */
final class JobRules {

  private JobRules() {}

  /** The refusals for the selected jobs of one project, each naming where. */
  static List<String> check(PlanContext context) {
    ProjectSpec project = context.project();
    List<String> problems = new ArrayList<>();
    for (JobSpec spec : project.jobs().values()) {
      JobCompletionTrigger trigger = spec.triggers().onJobCompletion();
      if (!context.options().includesJob(project.key(), spec.key())
          || trigger == null
          || trigger.jobId() == null) {
        continue;
      }
      String where =
          trigger.position() + " projects." + project.key() + ".jobs." + spec.key() + ".triggers";
      String owner = projectOf(context, trigger.jobId());
      Project named = byId(context, trigger.projectId());
      if (owner != null && !Objects.equals(context.projectId(owner), trigger.projectId())) {
        problems.add(
            where
                + ".on_job_completion: job "
                + trigger.jobId()
                + " is in project "
                + owner
                + " (id "
                + context.projectId(owner)
                + "), not in project_id "
                + trigger.projectId()
                + "; dbt Cloud refuses a trigger on a job of another project than the one it"
                + " names. Fix project_id, or name the job by its key.");
      } else if (owner == null && named != null) {
        problems.add(
            where
                + ".on_job_completion: project "
                + named.name()
                + " (id "
                + named.id()
                + ") has no job "
                + trigger.jobId()
                + " in dbt Cloud; fix job_id, or name a job of the file by its key.");
      }
    }
    return problems;
  }

  /** The key of the planned project whose jobs include this id, or null. */
  private static String projectOf(PlanContext context, long jobId) {
    for (Map.Entry<String, Project> p : context.snapshot().projects().entrySet()) {
      JobSnapshot jobs = context.snapshot().part(JobKind.INSTANCE, p.getKey());
      if (jobs != null && jobs.all().stream().anyMatch(j -> Objects.equals(j.id(), jobId))) {
        return p.getKey();
      }
    }
    return null;
  }

  /** The planned project with this id, or null when the plan did not read it. */
  private static Project byId(PlanContext context, Long id) {
    return context.snapshot().projects().values().stream()
        .filter(p -> Objects.equals(p.id(), id))
        .findFirst()
        .orElse(null);
  }
}
