package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.remote.RemoteProject;
import io.github.dbtcloud.core.remote.RemoteState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Desired state x remote snapshot -> plan. Pure: no I/O, so every rule is unit-testable. Each
 * planned object is the remote object with the desired fields merged in; the plan shows exactly
 * the fields that merge changes, so a field the file does not mention never shows up.
 */
public final class Differ {

  private Differ() {}

  /** Plans the changes that make {@code remote} match {@code desired}. */
  public static Plan diff(DesiredState desired, RemoteState remote) {
    List<Change> environmentChanges = new ArrayList<>();
    List<Change> jobChanges = new ArrayList<>();
    List<UnmanagedJob> unmanaged = new ArrayList<>();
    String namespace = desired.ownership().namespace();
    for (ProjectSpec project : desired.projects().values()) {
      RemoteProject rp = remote.projects().get(project.key());
      long account = desired.account().id();
      long projectId = rp.project().id();

      Map<String, Long> environmentIds = new LinkedHashMap<>();
      for (EnvironmentSpec spec : project.environments().values()) {
        ResourceAddress address = new ResourceAddress(ResourceAddress.Kind.ENVIRONMENT, project.key(), spec.key());
        Environment current = findEnvironment(rp.environments(), spec);
        if (current == null && spec.id() != null) {
          throw new io.github.dbtcloud.core.remote.ScopeException("environment " + spec.key() + ": project "
              + project.key() + " has no environment with id " + spec.id() + "; fix the id, or declare the"
              + " environment by name so that it can be created");
        }
        if (current == null) {
          Environment draft = Environment.draft(account, projectId);
          Environment after = EnvironmentMerge.merge(draft, spec);
          environmentChanges.add(new Change.Create(address, after, List.of(), createFields(draft, after)));
        } else {
          environmentIds.put(spec.key(), current.id());
          Environment after = EnvironmentMerge.merge(current, spec);
          List<FieldChange> fields = FieldDiff.between(current.fields(), after.fields(), Environment.READ_ONLY);
          if (!fields.isEmpty()) {
            environmentChanges.add(new Change.Update(address, current, after, List.of(), fields));
          }
        }
      }

      Map<String, Job> managed = managedJobs(rp, namespace, unmanaged, project.key());
      for (JobSpec spec : project.jobs().values()) {
        ResourceAddress address = new ResourceAddress(ResourceAddress.Kind.JOB, project.key(), spec.key());
        Marker marker = new Marker(namespace, spec.key());
        Long environmentId = environmentIds.get(spec.environment());
        List<PendingReference> pending = new ArrayList<>();
        if (environmentId == null) {
          pending.add(new PendingReference(PendingReference.Field.ENVIRONMENT_ID,
              new ResourceAddress(ResourceAddress.Kind.ENVIRONMENT, project.key(), spec.environment())));
        }
        Job current = managed.get(spec.key());
        if (current == null) {
          Job draft = Job.draft(account, projectId, null);
          Job after = JobMerge.merge(draft, spec, marker, environmentId);
          jobChanges.add(new Change.Create(address, after, pending, withPending(createFields(draft, after), pending)));
        } else {
          Job after = JobMerge.merge(current, spec, marker, environmentId);
          List<FieldChange> fields = withPending(FieldDiff.between(current.fields(), after.fields(), Job.READ_ONLY), pending);
          if (!fields.isEmpty()) {
            jobChanges.add(new Change.Update(address, current, after, pending, fields));
          }
        }
      }
    }
    List<Change> changes = new ArrayList<>(environmentChanges);
    changes.addAll(jobChanges);
    return new Plan(remote.accountId(), changes, unmanaged);
  }

  private static Environment findEnvironment(List<Environment> environments, EnvironmentSpec spec) {
    if (spec.id() != null) {
      return environments.stream().filter(e -> spec.id().equals(e.id())).findFirst().orElse(null);
    }
    for (Environment e : environments) {
      if (Objects.equals(e.name(), spec.name())) {
        return e;
      }
    }
    for (Environment e : environments) {
      if (spec.previousNames().contains(e.name())) {
        return e;
      }
    }
    return null;
  }

  private static Map<String, Job> managedJobs(RemoteProject rp, String namespace, List<UnmanagedJob> unmanaged,
      String projectKey) {
    Map<String, Job> byKey = new LinkedHashMap<>();
    for (Job job : rp.jobs()) {
      Marker marker = Marker.find(job.description()).or(() -> Marker.find(job.name())).orElse(null);
      if (marker == null || !Objects.equals(marker.namespace(), namespace)) {
        unmanaged.add(new UnmanagedJob(projectKey, job.id(), job.name()));
        continue;
      }
      Job previous = byKey.putIfAbsent(marker.key(), job);
      if (previous != null) {
        throw new DuplicateMarkerException(marker, previous.id(), job.id());
      }
    }
    return byKey;
  }

  /** What a create sets: everything that differs from an empty draft, always including the name. */
  private static List<FieldChange> createFields(WireObject draft, WireObject after) {
    Map<String, Object> base = new LinkedHashMap<>(draft.fields());
    base.put("name", null);
    base.put("environment_id", null);
    return FieldDiff.between(base, after.fields(), draft.readOnlyFields());
  }

  private static List<FieldChange> withPending(List<FieldChange> fields, List<PendingReference> pending) {
    if (pending.isEmpty()) {
      return fields;
    }
    List<FieldChange> out = new ArrayList<>();
    for (FieldChange f : fields) {
      if (pending.stream().noneMatch(p -> p.field().path().equals(f.path()))) {
        out.add(f);
      }
    }
    for (PendingReference p : pending) {
      out.add(new FieldChange(p.field().path(), null, null, p));
    }
    return out;
  }
}
