package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.ExportContext;
import io.github.dbtcloud.core.resource.Exported;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.Identity;
import io.github.dbtcloud.core.resource.KindPlan;
import io.github.dbtcloud.core.resource.PendingReference;
import io.github.dbtcloud.core.resource.PlanContext;
import io.github.dbtcloud.core.resource.ReadContext;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.ResourceKind;
import io.github.dbtcloud.core.resource.Scope;
import io.github.dbtcloud.core.resource.Unchanged;
import io.github.dbtcloud.core.resource.WriteContext;
import io.github.dbtcloud.core.resource.Written;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariableKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A job's own values of environment variables ({@code env_vars:} of a job; Admin API v3 overrides
 * of {@code type: job}), addressed {@code job/VARIABLE}. Only the file's managed jobs are read, and
 * only those whose entry sets some; a secret's value comes back masked, so it is written when
 * missing or when the build asks to rotate it.
 */
public final class JobVariableKind
    implements ResourceKind<Map<Long, List<JobEnvironmentVariable>>> {

  /** The one instance. */
  public static final JobVariableKind INSTANCE = new JobVariableKind();

  private JobVariableKind() {}

  @Override
  public String name() {
    return "job_environment_variable";
  }

  @Override
  public Scope scope() {
    return Scope.PROJECT;
  }

  @Override
  public boolean nestedFields() {
    return false;
  }

  @Override
  public List<ResourceKind<?>> readsAfter() {
    return List.of(JobKind.INSTANCE);
  }

  @Override
  public boolean declared(ReadContext context) {
    return context.project().jobs().values().stream().anyMatch(j -> !j.envVars().isEmpty());
  }

  /** The overrides of the managed jobs whose entry sets some, by job id. */
  @Override
  public Map<Long, List<JobEnvironmentVariable>> read(ReadContext context) {
    JobSnapshot jobs = context.part(JobKind.INSTANCE);
    JobVariableApi api =
        new JobVariableApi(context.api(), context.accountId(), context.projectId());
    Map<Long, List<JobEnvironmentVariable>> out = new LinkedHashMap<>();
    jobs.managed()
        .forEach(
            (key, job) -> {
              JobSpec spec = context.project().jobs().get(key);
              if (spec != null && !spec.envVars().isEmpty()) {
                out.put(job.id(), api.list(job.id()));
              }
            });
    return out;
  }

  @Override
  public int listed(Map<Long, List<JobEnvironmentVariable>> part) {
    return part.values().stream().mapToInt(List::size).sum();
  }

  @Override
  public Map<String, Identity> identities(Map<Long, List<JobEnvironmentVariable>> part) {
    return Map.of();
  }

  @Override
  public KindPlan plan(PlanContext context) {
    KindPlan.Builder out = new KindPlan.Builder();
    ProjectSpec project = context.project();
    JobSnapshot jobs = context.part(JobKind.INSTANCE);
    Map<Long, List<JobEnvironmentVariable>> overrides = context.part(this);
    for (JobSpec spec : project.jobs().values()) {
      if (!context.options().includesJob(project.key(), spec.key())
          || spec.envVars().isEmpty()
          || JobMerge.ignored(spec, "env_vars")) {
        continue;
      }
      Job job = jobs.managed().get(spec.key());
      List<JobEnvironmentVariable> current = List.of();
      if (job != null) {
        current = overrides == null ? null : overrides.get(job.id());
        if (current == null) {
          throw new IllegalStateException("the overrides of job " + job.id() + " were not read");
        }
      }
      for (Map.Entry<String, String> e : spec.envVars().entrySet()) {
        plan(context, spec, job, current, e.getKey(), e.getValue(), out);
      }
    }
    return out.build();
  }

  private void plan(
      PlanContext context,
      JobSpec spec,
      Job job,
      List<JobEnvironmentVariable> current,
      String name,
      String value,
      KindPlan.Builder out) {
    ResourceAddress address = context.address(this, spec.key() + "/" + name);
    boolean secret = EnvironmentVariableKind.isSecret(name);
    JobEnvironmentVariable existing =
        current.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    if (existing == null) {
      JobEnvironmentVariable after =
          JobEnvironmentVariable.draft(
                  context.accountId(), context.projectId(), job == null ? null : job.id(), name)
              .withValue(value);
      List<PendingReference> pending =
          job == null
              ? List.of(
                  new PendingReference(
                      JobEnvironmentVariable.JOB_ID, context.address(JobKind.INSTANCE, spec.key())))
              : List.of();
      FieldChange field = FieldChange.created(JobEnvironmentVariable.VALUE, value, null);
      out.change(
          new Change.Create(
              address, after, pending, List.of(secret ? field.asSensitive() : field), null));
      return;
    }
    boolean differs =
        secret
            ? existing.value() == null || context.options().rotateSecrets().contains(name)
            : !Objects.equals(existing.value(), value);
    if (!differs) {
      out.unchanged(new Unchanged(address, existing.id(), existing.fingerprint()));
      return;
    }
    FieldChange field = FieldChange.of(JobEnvironmentVariable.VALUE, existing.value(), value);
    out.change(
        new Change.Update(
            address,
            existing,
            existing.withValue(value),
            List.of(),
            List.of(secret ? field.asSensitive() : field),
            null));
  }

  /**
   * An override waits for its job, and for the project variable it overrides: dbt Cloud refuses a
   * project variable named like an existing override.
   */
  @Override
  public Set<ResourceAddress> waitsFor(Change change, List<Change> plan) {
    ResourceAddress a = change.address();
    int slash = a.key().indexOf('/');
    Set<ResourceAddress> out = new LinkedHashSet<>();
    out.add(new ResourceAddress(JobKind.INSTANCE, a.project(), a.key().substring(0, slash)));
    out.add(
        new ResourceAddress(
            EnvironmentVariableKind.INSTANCE, a.project(), a.key().substring(slash + 1)));
    return out;
  }

  @Override
  public Written write(Change change, WriteContext context) throws InterruptedException {
    JobEnvironmentVariable v =
        context.resolve(
            (JobEnvironmentVariable) change.after(), change.pending(), change.address());
    JobVariableApi api = new JobVariableApi(context.api(), context.accountId(), v.projectId());
    if (change instanceof Change.Create) {
      WriteContext.Sent<JobEnvironmentVariable> answer =
          context.sendOnce(
              () -> api.create(v),
              () -> api.list(v.jobId()).stream().filter(x -> v.name().equals(x.name())).findFirst(),
              "override of " + v.name(),
              "the job's variables were read again");
      Long id = answer.object().id();
      context.created(change.address(), id);
      return new Written(Written.Effect.ADDED, id, answer.detail(id));
    }
    JobEnvironmentVariable answer = api.update(v);
    Long id = change.id();
    return new Written(
        Written.Effect.CHANGED, answer.id(), "updated" + (id == null ? "" : " (id " + id + ")"));
  }

  // ---------------------------------------------------------------- import

  /** The overrides of every job of the project (one request per job), by job id. */
  @Override
  public Map<Long, List<JobEnvironmentVariable>> readAll(ReadContext context) {
    JobSnapshot jobs = context.part(JobKind.INSTANCE);
    JobVariableApi api =
        new JobVariableApi(context.api(), context.accountId(), context.projectId());
    Map<Long, List<JobEnvironmentVariable>> out = new LinkedHashMap<>();
    if (jobs != null) {
      for (Job job : jobs.all()) {
        List<JobEnvironmentVariable> vars = api.list(job.id());
        if (!vars.isEmpty()) {
          out.put(job.id(), vars);
        }
      }
    }
    return out;
  }

  /** Each job's overrides, into the job's entry; a secret's as a placeholder. */
  @Override
  public List<Exported> export(
      Map<Long, List<JobEnvironmentVariable>> part, ExportContext context) {
    List<Exported> out = new ArrayList<>();
    part.forEach(
        (jobId, vars) -> {
          String key = context.keyOf(JobKind.INSTANCE, jobId);
          if (key == null) {
            return;
          }
          Map<String, Object> values = new LinkedHashMap<>();
          List<String> secrets = new ArrayList<>();
          for (JobEnvironmentVariable v : vars) {
            if (v.secret()) {
              Exported.Verbatim placeholder = Exported.secret(v.name(), key);
              values.put(v.name(), placeholder);
              secrets.add(placeholder.text().replace("${env.", "").replace("}", ""));
            } else if (v.value() != null) {
              values.put(v.name(), v.value());
            }
          }
          if (!values.isEmpty()) {
            out.add(
                new Exported(
                    "jobs",
                    key,
                    Map.of("env_vars", values),
                    secrets.isEmpty()
                        ? List.of()
                        : List.of(
                            "secret overrides: export "
                                + String.join(", ", secrets)
                                + " before planning")));
          }
        });
    return out;
  }
}
