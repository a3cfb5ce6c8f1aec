package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.config.AlertsSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.resource.Identities;
import io.github.dbtcloud.core.resource.PlanContext;
import io.github.dbtcloud.core.resource.ResourceAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jobs of a plan as the account-level alert kinds see them: which job ids the file manages (in
 * the planned projects), which of those have left the file, and what a job key of the file resolves
 * to. Alerts manage exactly these ids inside the objects they touch and keep every other.
 */
public final class AlertJobs {

  private final PlanContext context;
  private final Set<Long> managed = new LinkedHashSet<>();
  private final Set<Long> removed = new LinkedHashSet<>();
  private final Map<Long, String> labels = new LinkedHashMap<>();
  private final Map<String, List<Long>> projectJobs = new LinkedHashMap<>();

  private AlertJobs(PlanContext context) {
    this.context = context;
  }

  /** The jobs of every planned project. */
  public static AlertJobs of(PlanContext context) {
    AlertJobs out = new AlertJobs(context);
    for (String project : context.snapshot().projects().keySet()) {
      JobSnapshot jobs = context.snapshot().part(JobKind.INSTANCE, project);
      ProjectSpec spec = context.desired().projects().get(project);
      if (jobs == null || spec == null) {
        continue;
      }
      List<Long> kept = new ArrayList<>();
      jobs.managed()
          .forEach(
              (key, job) -> {
                out.managed.add(job.id());
                out.labels.put(job.id(), project + "/" + key);
                if (!spec.jobs().containsKey(key)) {
                  out.removed.add(job.id());
                }
              });
      jobs.unmanaged().forEach(j -> kept.add(j.id()));
      out.projectJobs.put(project, kept);
    }
    return out;
  }

  /** Ids of jobs the file manages (markers of its namespace), in the file or leaving it. */
  public Set<Long> managed() {
    return Collections.unmodifiableSet(managed);
  }

  /** Ids of managed jobs the file no longer declares: taken out of every alert. */
  public Set<Long> removed() {
    return Collections.unmodifiableSet(removed);
  }

  /** Whether the job key's project is part of this plan (else its id cannot be known). */
  public boolean planned(AlertsSpec.JobKey key) {
    return projectJobs.containsKey(key.project());
  }

  /** A job key of the file: its id, or the job to wait for when this apply creates it. */
  public Identities.Ref ref(AlertsSpec.JobKey key) {
    return context.identities().ref(address(key));
  }

  /** The address of a job key of the file. */
  public static ResourceAddress address(AlertsSpec.JobKey key) {
    return new ResourceAddress(JobKind.INSTANCE, key.project(), key.job());
  }

  /** Ids of the jobs of a project this file does not manage ({@code project/*} includes them). */
  public List<Long> unmanagedOf(String project) {
    return projectJobs.getOrDefault(project, List.of());
  }

  /** The keys of the file's jobs of a project. */
  public List<AlertsSpec.JobKey> fileJobsOf(String project) {
    ProjectSpec spec = context.desired().projects().get(project);
    return spec == null
        ? List.of()
        : spec.jobs().keySet().stream().map(k -> new AlertsSpec.JobKey(project, k)).toList();
  }

  /**
   * A job id as plans show it: {@code project/key (id 12)} for a managed job, else {@code id 12}.
   */
  public String label(long id) {
    String key = labels.get(id);
    return key == null ? "id " + id : key + " (id " + id + ")";
  }

  /** Labels of ids, plus the jobs whose ids come after apply. */
  public List<String> labels(List<Long> ids, List<ResourceAddress> pending) {
    List<String> out = new ArrayList<>();
    ids.forEach(id -> out.add(label(id)));
    pending.forEach(a -> out.add(a.project() + "/" + a.key() + " (known after apply)"));
    return out;
  }
}
