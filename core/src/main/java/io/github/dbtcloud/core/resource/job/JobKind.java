package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.Fingerprint;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.Drift;
import io.github.dbtcloud.core.resource.ExportContext;
import io.github.dbtcloud.core.resource.Exported;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.Identities;
import io.github.dbtcloud.core.resource.Identity;
import io.github.dbtcloud.core.resource.KindPlan;
import io.github.dbtcloud.core.resource.Merged;
import io.github.dbtcloud.core.resource.Named;
import io.github.dbtcloud.core.resource.PendingReference;
import io.github.dbtcloud.core.resource.PlanContext;
import io.github.dbtcloud.core.resource.PlanRefusedException;
import io.github.dbtcloud.core.resource.ReadContext;
import io.github.dbtcloud.core.resource.Rebase;
import io.github.dbtcloud.core.resource.Reference;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.ResourceKind;
import io.github.dbtcloud.core.resource.Scope;
import io.github.dbtcloud.core.resource.Twins;
import io.github.dbtcloud.core.resource.Unchanged;
import io.github.dbtcloud.core.resource.Unmanaged;
import io.github.dbtcloud.core.resource.WriteContext;
import io.github.dbtcloud.core.resource.Written;
import io.github.dbtcloud.core.resource.environment.EnvironmentKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Jobs (Admin API v2). A job is the file's when it carries the file's marker ({@code [[key]]}, in
 * its namespace); the rest are reported as unmanaged and never touched. The planned job is the
 * remote one with the file's fields merged in ({@link JobMerge}); only the fields the file manages
 * are compared, in their normal form ({@link JobForms}), references to environments and jobs by
 * key. The marker carries a fingerprint of the fields as last applied, so the plan tells a change
 * made in dbt Cloud by hand from one made in the file ({@link Drift}).
 */
public final class JobKind implements ResourceKind<JobSnapshot> {

  /** The one instance. */
  public static final JobKind INSTANCE = new JobKind();

  private JobKind() {}

  @Override
  public String name() {
    return "job";
  }

  @Override
  public Scope scope() {
    return Scope.PROJECT;
  }

  /**
   * Always: a project's jobs are read to report unmanaged ones and to prune, even with none
   * declared.
   */
  @Override
  public boolean declared(ReadContext context) {
    return true;
  }

  @Override
  public JobSnapshot read(ReadContext context) {
    int declared = context.project() == null ? 0 : context.project().jobs().size();
    List<Job> jobs =
        new JobApi(context.api(), context.accountId()).list(context.projectId(), declared);
    Map<Long, String> keysById = new LinkedHashMap<>();
    if (context.project() != null) {
      context
          .project()
          .jobs()
          .values()
          .forEach(
              spec -> {
                if (spec.id() != null) {
                  keysById.put(spec.id(), spec.key());
                }
              });
    }
    return JobSnapshot.of(jobs, context.desired().ownership().namespace(), keysById);
  }

  @Override
  public int listed(JobSnapshot part) {
    return part.all().size();
  }

  @Override
  public List<Reference> references(JobSnapshot part) {
    List<Reference> out = new ArrayList<>();
    for (Job j : part.all()) {
      if (j.environmentId() != null) {
        out.add(new Reference(EnvironmentKind.INSTANCE.name(), j.environmentId(), name(), j.id()));
      }
    }
    return out;
  }

  @Override
  public Map<String, Identity> identities(JobSnapshot part) {
    Map<String, Identity> out = new LinkedHashMap<>();
    part.managed().forEach((key, job) -> out.put(key, new Identity(job.id(), job.name())));
    return out;
  }

  // ------------------------------------------------------------------- plan

  @Override
  public KindPlan plan(PlanContext context) {
    JobSnapshot jobs = context.part(this);
    ProjectSpec project = context.project();
    if (!jobs.duplicates().isEmpty()) {
      // every duplicated marker of every planned project, not only this project's: one stop
      // that lists them all is one fix, not one per run
      Map<String, Map<String, List<Long>>> byProject = new LinkedHashMap<>();
      Map<Long, String> links = new LinkedHashMap<>();
      context
          .snapshot()
          .projects()
          .forEach(
              (key, remote) -> {
                JobSnapshot part = context.snapshot().part(this, key);
                ProjectSpec spec = context.desired().projects().get(key);
                if (part != null && !part.duplicates().isEmpty()) {
                  byProject.put(spec == null ? key : spec.describe(), part.duplicates());
                  part.all().forEach(j -> links.put(j.id(), link(context, remote.id(), j.id())));
                }
              });
      throw new DuplicateMarkerException(byProject, links);
    }
    List<String> refused = JobRules.check(context);
    if (!refused.isEmpty()) {
      throw new PlanRefusedException(refused);
    }
    // every job left as it is is planned with its fingerprint, a hash of all its fields
    Fingerprint.prefetch(jobs.all());
    KindPlan.Builder out = new KindPlan.Builder();
    jobs.unmanaged()
        .forEach(j -> out.unmanaged(new Unmanaged(this, project.key(), j.id(), j.name())));
    for (JobSpec spec : project.jobs().values()) {
      if (context.options().includesJob(project.key(), spec.key())) {
        new JobPlanner(context, jobs, spec).plan(out);
      }
    }
    if (context.desired().ownership().prune() && !context.options().selectsJobs()) {
      jobs.managed()
          .forEach(
              (key, job) -> {
                if (!project.jobs().containsKey(key)) {
                  out.change(
                      new Change.Delete(context.address(this, key), job, jobs.markers().get(key)));
                }
              });
    }
    return out.build();
  }

  /** The job's page in dbt Cloud's UI. */
  private static String link(PlanContext context, long projectId, long id) {
    String host = context.snapshot().host();
    return host == null
        ? null
        : host
            + (host.endsWith("/") ? "" : "/")
            + "deploy/"
            + context.accountId()
            + "/projects/"
            + projectId
            + "/jobs/"
            + id;
  }

  /** Plans one job of the file. */
  private static final class JobPlanner {
    private final PlanContext context;
    private final JobSpec spec;
    private final Job current;
    private final ResourceAddress address;
    private final boolean unmarked;

    JobPlanner(PlanContext context, JobSnapshot jobs, JobSpec spec) {
      this.context = context;
      this.spec = spec;
      this.current = jobs.managed().get(spec.key());
      this.address = context.address(INSTANCE, spec.key());
      // found by id and not adopting: the marker it lacks is not a change, so an imported file
      // plans nothing until dbt:import -Ddbt.import.adopt=true writes the markers
      this.unmarked = jobs.adoptedById(spec.key()) && !context.options().adopt();
    }

    void plan(KindPlan.Builder out) {
      if (current == null && spec.id() != null) {
        throw new DbtCloudException(
            spec.position()
                + " projects."
                + context.projectKey()
                + ".jobs."
                + spec.key()
                + ".id: project "
                + context.project().describe()
                + " has no job with id "
                + spec.id()
                + " (listed by GET /api/v2/accounts/"
                + context.accountId()
                + "/jobs/?project_id="
                + context.projectId()
                + "); correct the id, or remove 'id:' to create the job");
      }
      Marker marker = new Marker(context.namespace(), spec.key()).withProtect(spec.protect());
      boolean creating = current == null;
      JobMerge.Place place = JobMerge.place(current, spec, context.placement());
      Merged<Job> m =
          JobMerge.merge(
              creating ? Job.draft(context.accountId(), context.projectId(), null) : current,
              spec,
              marker,
              place,
              references(),
              creating);
      Map<String, Object> desiredForms = new LinkedHashMap<>();
      Map<String, Object> remoteForms = new LinkedHashMap<>();
      for (String path : m.paths()) {
        desiredForms.put(path, desiredForm(m, path, true));
        remoteForms.put(path, current == null ? null : form(path, current.value(path), true));
      }
      Marker stamped = marker.withFingerprint(Drift.fingerprint(desiredForms));
      Job after = JobMerge.stamp(m.after(), stamped, place);
      if (creating) {
        List<FieldChange> fields = new ArrayList<>();
        for (String path : m.paths()) {
          fields.add(withTarget(FieldChange.created(path, after.value(path), m.pendingAt(path))));
        }
        out.change(new Change.Create(address, after, m.pending(), fields, stamped));
        return;
      }
      List<FieldChange> fields = new ArrayList<>();
      List<FieldChange> markerOnly = new ArrayList<>();
      // a new fingerprint alone is no change: the hash of a field can move without the field
      // moving (a self-deferral created with its environment in one apply), and a plan right
      // after an apply must stay empty; it is written, and shown, with the next real change
      List<FieldChange> fingerprintOnly = new ArrayList<>();
      for (String path : m.paths()) {
        PendingReference pending = m.pendingAt(path);
        if (path.equals(Job.NAME) || path.equals(Job.DESCRIPTION)) {
          // compared with their markers whole: a marker that moves, changes form or gains a
          // fingerprint is a change the plan must show, since another tool may read it
          String before = JobForms.text(current.value(path));
          String wanted = JobForms.text(after.value(path));
          if (unmarked
              && Objects.equals(JobForms.withoutMarker(before), JobForms.withoutMarker(wanted))) {
            continue; // adopted by id: its missing marker is written only when adopting
          }
          if (!before.equals(wanted) && !MarkerNotes.onlyGainsFingerprint(before, wanted)) {
            FieldChange f =
                FieldChange.of(path, current.value(path), after.value(path))
                    .withNote(MarkerNotes.why(path, before, wanted));
            boolean textAlike =
                Objects.equals(JobForms.withoutMarker(before), JobForms.withoutMarker(wanted));
            if (!textAlike) {
              fields.add(f);
            } else if (MarkerNotes.onlyFingerprintDiffers(before, wanted)) {
              fingerprintOnly.add(f);
            } else {
              markerOnly.add(f);
            }
          }
        } else if (pending != null
            || !Objects.equals(
                form(path, current.value(path), false), desiredForm(m, path, false))) {
          fields.add(
              new FieldChange(
                  path, current.value(path), after.value(path), pending, null, false, null));
        }
      }
      if (fields.isEmpty() && markerOnly.isEmpty()) {
        out.unchanged(new Unchanged(address, current.id(), current.fingerprint()));
        return;
      }
      String lastApplied = current.marker().map(Marker::fingerprint).orElse(null);
      // a marker alone moving is neither side's edit of the configuration: no drift attribution
      fields =
          new ArrayList<>(
              Drift.attribute(fields, desiredForms, remoteForms, lastApplied).stream()
                  .map(this::withTarget)
                  .toList());
      fields.addAll(markerOnly);
      fields.addAll(fingerprintOnly);
      warnIfTypeFlips(current, after, out);
      out.change(new Change.Update(address, current, after, m.pending(), fields, stamped));
    }

    private JobMerge.References references() {
      Identities ids = context.identities();
      String project = context.projectKey();
      return new JobMerge.References() {
        @Override
        public Identities.Ref environment(String key) {
          // the loader has checked that the key is declared; one not in dbt Cloud yet is created
          // first
          return ids.ref(new ResourceAddress(EnvironmentKind.INSTANCE, project, key));
        }

        @Override
        public Identities.Ref job(String projectKey, String key) {
          String p = projectKey == null ? project : projectKey;
          if ("self".equals(key)) {
            return new Identities.Ref(current == null ? null : current.id(), address);
          }
          // the loader has checked that the project and the job are declared; the project may not
          // be planned
          if (!context.planned(p)) {
            throw new DbtCloudException(
                spec.position()
                    + " projects."
                    + project
                    + ".jobs."
                    + spec.key()
                    + ": refers to job '"
                    + key
                    + "' of project '"
                    + p
                    + "', which is not planned (add it to dbt.projects)");
          }
          return ids.ref(new ResourceAddress(INSTANCE, p, key));
        }

        @Override
        public long projectId(String projectKey) {
          return context.projectId(projectKey);
        }
      };
    }

    /**
     * A job field as compared (or hashed into the marker): references by key, markers without
     * fingerprints.
     */
    private Object form(String path, Object value, boolean forHash) {
      switch (path) {
        case Job.ENVIRONMENT_ID:
        case Job.DEFERRING_ENVIRONMENT_ID:
          return key(EnvironmentKind.INSTANCE, value);
        case Job.DEFERRING_JOB_ID:
        case Job.COMPLETION_JOB_ID:
          return key(INSTANCE, value);
        case Job.NAME:
        case Job.DESCRIPTION:
          return forHash || unmarked ? JobForms.withoutMarker(value) : JobForms.markerless(value);
        default:
          return JobForms.of(path, value);
      }
    }

    private Object desiredForm(Merged<Job> m, String path, boolean forHash) {
      PendingReference pending = m.pendingAt(path);
      if (pending != null) {
        return pending.target().project() + "/" + pending.target().key();
      }
      return form(path, m.after().value(path), forHash);
    }

    /** A managed object's id as {@code project/key}; any other id as {@code id:N}. */
    private Object key(ResourceKind<?> kind, Object id) {
      if (!(id instanceof Number n)) {
        return null;
      }
      ResourceAddress target = context.identities().addressOf(kind, n);
      return target == null ? "id:" + n.longValue() : target.project() + "/" + target.key();
    }

    /**
     * An id of a managed environment or job, with the object it points to (for renderers); other
     * fields as they are.
     */
    private FieldChange withTarget(FieldChange f) {
      if (f.pending() != null || !(f.after() instanceof Number id)) {
        return f;
      }
      ResourceKind<?> kind =
          switch (f.path()) {
            case Job.ENVIRONMENT_ID, Job.DEFERRING_ENVIRONMENT_ID -> EnvironmentKind.INSTANCE;
            case Job.DEFERRING_JOB_ID, Job.COMPLETION_JOB_ID -> INSTANCE;
            default -> null;
          };
      ResourceAddress target = kind == null ? null : context.identities().addressOf(kind, id);
      return target == null ? f : f.withRefersTo(target);
    }

    /**
     * dbt Cloud refuses to turn a job into or out of a CI job (docs/wire-format.md#job-type); say
     * so before the apply fails.
     */
    private void warnIfTypeFlips(Job current, Job after, KindPlan.Builder out) {
      JobType was = current.type() == JobType.UNKNOWN ? current.effectiveType() : current.type();
      JobType will = after.effectiveType();
      // turning every trigger off deactivates a job and keeps its type: a CI job stays CI
      boolean deactivated = !after.hasTrigger();
      if ((was == JobType.CI) != (will == JobType.CI) && !(was == JobType.CI && deactivated)) {
        out.warn(
            address
                + " (id "
                + current.id()
                + ") would change from a "
                + was.name().toLowerCase(Locale.ROOT)
                + " job to a "
                + will.name().toLowerCase(Locale.ROOT)
                + " job; dbt Cloud refuses to turn a job into or out of a CI job,"
                + " so this update will fail. Delete the job in dbt Cloud (or give it a new key in"
                + " the file) to have it created anew.");
      }
    }
  }

  // ------------------------------------------------------------------ apply

  /** A job's delete waits for the deletes of the jobs that trigger on it or defer to it. */
  @Override
  public Set<ResourceAddress> waitsFor(Change change, List<Change> plan) {
    if (!(change instanceof Change.Delete delete)) {
      return Set.of();
    }
    Set<ResourceAddress> out = new java.util.LinkedHashSet<>();
    for (Change other : plan) {
      if (other instanceof Change.Delete
          && !other.address().equals(delete.address())
          && Objects.equals(other.address().project(), delete.address().project())
          && referencesJob(other.before(), delete.id())) {
        out.add(other.address());
      }
    }
    return out;
  }

  private static boolean referencesJob(Object object, Long id) {
    return object instanceof Job job
        && id != null
        && !id.equals(job.id())
        && (Objects.equals(job.completionTriggerJobId(), id)
            || Objects.equals(job.deferringJobId(), id));
  }

  @Override
  public Written write(Change change, WriteContext context) throws InterruptedException {
    JobApi jobs = new JobApi(context.api(), context.accountId());
    if (change instanceof Change.Create c) {
      return create(c, jobs, context);
    }
    if (change instanceof Change.Update u) {
      return update(u, jobs, context);
    }
    return delete((Change.Delete) change, jobs);
  }

  private static Written create(Change.Create c, JobApi jobs, WriteContext context)
      throws InterruptedException {
    Job job = context.resolve((Job) c.after(), c.pending(), c.address());
    Marker marker = c.marker();
    WriteContext.Sent<Job> answer =
        context.sendOnce(
            () -> jobs.create(job),
            () ->
                WriteContext.single(
                    jobs.list(job.projectId()).stream()
                        .filter(x -> x.marker().map(marker::sameIdentity).orElse(false))
                        .toList(),
                    "jobs carrying " + marker.withFingerprint(null).text()),
            "job carrying " + marker.withFingerprint(null).withProtect(false).text(),
            "the project's jobs were listed again");
    Job made = answer.object();
    if (c.pending().stream().anyMatch(p -> p.target().equals(c.address()))) {
      // a job that defers to itself can only name its own id once it has one
      made = jobs.update(made.withDeferringJobId(made.id()));
    }
    String detail = answer.detail(made.id());
    Twins.Outcome twin =
        Twins.resolve(
            made.id(),
            () ->
                jobs.list(job.projectId()).stream()
                    .filter(x -> x.marker().map(marker::sameIdentity).orElse(false))
                    .map(Job::id)
                    .toList(),
            jobs::delete);
    context.created(c.address(), twin.survivor());
    return new Written(Written.Effect.ADDED, twin.survivor(), detail + twin.detail());
  }

  private static Written update(Change.Update u, JobApi jobs, WriteContext context) {
    Job job = context.resolve((Job) u.after(), u.pending(), u.address());
    Job now = WriteContext.current(u, () -> jobs.get(u.id()));
    Job answer = jobs.update(new Job(Rebase.onto(now.fields(), u.before().fields(), job.fields())));
    return new Written(Written.Effect.CHANGED, answer.id(), "updated (id " + u.id() + ")");
  }

  private static Written delete(Change.Delete d, JobApi jobs) {
    long id = d.id();
    try {
      jobs.delete(id);
      return new Written(Written.Effect.DESTROYED, id, "destroyed (id " + id + ")");
    } catch (DbtCloudApiException e) {
      if (e.status() == 404) {
        // a retried DELETE whose first attempt went through, or someone was quicker
        return new Written(
            Written.Effect.DESTROYED, id, "destroyed (id " + id + "; it was already gone)");
      }
      throw e;
    }
  }

  // ---------------------------------------------------------------- import

  @Override
  public JobSnapshot readAll(ReadContext context) {
    List<Job> jobs = new JobApi(context.api(), context.accountId()).list(context.projectId());
    return JobSnapshot.of(jobs, null);
  }

  /**
   * Every job whose environment is written, with the key of the marker it carries (this plugin's or
   * dbt-jobs-as-code's).
   */
  @Override
  public List<Named> named(JobSnapshot part, ExportContext context) {
    return part.all().stream()
        .filter(j -> context.keyOf(EnvironmentKind.INSTANCE, j.environmentId()) != null)
        .map(
            j ->
                new Named(
                    j.id(),
                    Marker.strip(j.name()).strip(),
                    j.marker().map(Marker::key).orElse(null)))
        .toList();
  }

  /**
   * Every job; and {@code ownership.marker: name} when the jobs carry their markers in their names
   * only (dbt-jobs-as-code's identifiers), so that those stay where they are.
   */
  @Override
  public List<Exported> export(JobSnapshot part, ExportContext context) {
    List<Exported> out = new ArrayList<>(JobExport.of(part, context));
    boolean inNames =
        part.all().stream()
            .anyMatch(
                j -> Marker.find(j.name()).isPresent() && Marker.find(j.description()).isEmpty());
    boolean inDescriptions =
        part.all().stream().anyMatch(j -> Marker.find(j.description()).isPresent());
    if (inNames && !inDescriptions) {
      out.add(
          new Exported(
              "ownership",
              "marker",
              Map.of("value", "name"),
              List.of(
                  "the jobs carry their identifiers in their names (dbt-jobs-as-code): kept there")));
    }
    return out;
  }
}
