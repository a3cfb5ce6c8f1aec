package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.DbtCloudFailure;
import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.EnvironmentVariable;
import io.github.dbtcloud.core.api.EnvironmentVariables;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.JobEnvironmentVariable;
import io.github.dbtcloud.core.api.JobType;
import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.config.DeferralSpec;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.EnvVarSpec;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.identity.MarkerPlacement;
import io.github.dbtcloud.core.remote.RemoteProject;
import io.github.dbtcloud.core.remote.RemoteState;
import io.github.dbtcloud.core.remote.ScopeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Desired state x remote snapshot -> plan. Pure: no I/O, so every rule is unit-testable. Each
 * planned object is the remote object (or a draft) with the file's fields merged in; the plan
 * compares only the fields the file manages, in their normal form ({@link Normaliser}), so a field
 * the file does not mention never shows up and a value the server spells differently is not a
 * change. References by key (environments, jobs) are compared by key, whatever their ids.
 */
public final class Differ {

  private final DesiredState desired;
  private final RemoteState remote;
  private final PlanOptions options;
  private final long account;
  private final String namespace;
  private final MarkerPlacement placement;

  private final Map<String, Map<String, Environment>> environments = new LinkedHashMap<>();
  private final Map<String, Map<String, Job>> managed = new LinkedHashMap<>();
  private final Map<Long, String> environmentKeys = new HashMap<>();
  private final Map<Long, String> jobKeys = new HashMap<>();
  private final List<UnmanagedJob> unmanaged = new ArrayList<>();
  private final List<Unchanged> unchanged = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private Differ(DesiredState desired, RemoteState remote, PlanOptions options) {
    this.desired = desired;
    this.remote = remote;
    this.options = options;
    this.account = desired.account().id();
    this.namespace = desired.ownership().namespace();
    this.placement = options.placement(desired);
  }

  /** Plans the changes that make {@code remote} match {@code desired}. */
  public static Plan diff(DesiredState desired, RemoteState remote) {
    return diff(desired, remote, PlanOptions.defaults());
  }

  /**
   * Plans the changes that make {@code remote} match {@code desired}, for the selected projects and
   * jobs.
   *
   * @throws BrakeException when the plan looks like the result of a wrong listing
   * @throws DuplicateMarkerException when two remote jobs carry the same marker
   */
  public static Plan diff(DesiredState desired, RemoteState remote, PlanOptions options) {
    return new Differ(desired, remote, options).plan();
  }

  private Plan plan() {
    List<ProjectSpec> projects =
        desired.projects().values().stream()
            .filter(p -> options.includesProject(p.key()) && remote.projects().containsKey(p.key()))
            .toList();
    requireSelectedJobsExist(projects);
    for (ProjectSpec project : projects) {
      index(project, remote.projects().get(project.key()));
    }
    List<Change> environmentChanges = new ArrayList<>();
    List<Change> variableChanges = new ArrayList<>();
    Map<ResourceAddress, Change> jobChanges = new LinkedHashMap<>();
    List<Change> overrideChanges = new ArrayList<>();
    List<Change> deletes = new ArrayList<>();
    for (ProjectSpec project : projects) {
      RemoteProject rp = remote.projects().get(project.key());
      Set<String> neededEnvironments = neededEnvironments(project);
      for (EnvironmentSpec spec : project.environments().values()) {
        if (neededEnvironments.contains(spec.key())) {
          planEnvironment(project, rp, spec).ifPresent(environmentChanges::add);
        }
      }
      if (!options.selectsJobs()) {
        for (EnvVarSpec spec : project.envVars().values()) {
          planVariable(project, rp, spec).ifPresent(variableChanges::add);
        }
      }
      for (JobSpec spec : project.jobs().values()) {
        if (options.includesJob(project.key(), spec.key())) {
          Change change = planJob(project, rp, spec);
          if (change != null) {
            jobChanges.put(change.address(), change);
          }
          overrideChanges.addAll(planOverrides(project, rp, spec));
        }
      }
      if (desired.ownership().prune() && !options.selectsJobs()) {
        managed
            .get(project.key())
            .forEach(
                (key, job) -> {
                  if (!project.jobs().containsKey(key)) {
                    deletes.add(
                        new Change.Delete(
                            new ResourceAddress(ResourceAddress.Kind.JOB, project.key(), key),
                            job));
                  }
                });
      }
    }
    List<Change> changes = new ArrayList<>(environmentChanges);
    changes.addAll(variableChanges);
    changes.addAll(dependencyOrder(jobChanges));
    changes.addAll(overrideChanges);
    java.util.Collections.reverse(deletes);
    changes.addAll(deletes);
    requirePendingTargetsPlanned(changes);
    Plan plan = new Plan(remote.accountId(), changes, unmanaged, unchanged, warnings);
    Map<String, Integer> managedCounts = new LinkedHashMap<>();
    projects.forEach(p -> managedCounts.put(p.key(), managed.get(p.key()).size()));
    Brake.check(
        plan,
        desired,
        remote,
        managedCounts,
        options,
        remote.host() == null ? "the configured host" : remote.host());
    return plan;
  }

  // ---------------------------------------------------------------- identity

  private void index(ProjectSpec project, RemoteProject rp) {
    Map<String, Environment> matched = new LinkedHashMap<>();
    for (EnvironmentSpec spec : project.environments().values()) {
      Environment e = findEnvironment(project, rp.environments(), spec);
      if (e != null) {
        matched.put(spec.key(), e);
        environmentKeys.put(e.id(), project.key() + "/" + spec.key());
      }
    }
    environments.put(project.key(), matched);
    Map<String, Job> byKey = new LinkedHashMap<>();
    for (Job job : rp.jobs()) {
      Marker marker = Marker.findIn(job.description(), job.name()).orElse(null);
      if (marker == null || !Objects.equals(marker.namespace(), namespace)) {
        unmanaged.add(new UnmanagedJob(project.key(), job.id(), job.name()));
        continue;
      }
      Job previous = byKey.putIfAbsent(marker.key(), job);
      if (previous != null) {
        throw new DuplicateMarkerException(marker, previous.id(), job.id());
      }
      jobKeys.put(job.id(), project.key() + "/" + marker.key());
    }
    managed.put(project.key(), byKey);
  }

  private static Environment findEnvironment(
      ProjectSpec project, List<Environment> remote, EnvironmentSpec spec) {
    if (spec.id() != null) {
      return remote.stream()
          .filter(e -> spec.id().equals(e.id()))
          .findFirst()
          .orElseThrow(
              () ->
                  new ScopeException(
                      spec.position()
                          + " projects."
                          + project.key()
                          + ".environments."
                          + spec.key()
                          + ": project "
                          + project.describe()
                          + " has no environment with id "
                          + spec.id()
                          + "; fix the id, or declare the"
                          + " environment by name so that it can be created"));
    }
    List<String> names = new ArrayList<>();
    names.add(spec.name());
    names.addAll(spec.previousNames());
    for (String name : names) {
      List<Environment> matches =
          remote.stream().filter(e -> Objects.equals(e.name(), name)).toList();
      if (matches.size() > 1) {
        throw new DbtCloudFailure(
            spec.position()
                + " projects."
                + project.key()
                + ".environments."
                + spec.key()
                + ": dbt Cloud has "
                + matches.size()
                + " environments named \""
                + name
                + "\" (ids "
                + matches.stream().map(Environment::id).toList()
                + ") in project "
                + project.describe()
                + ", so the file cannot tell which one it means. Rename or delete the extra one in dbt Cloud.");
      }
      if (matches.size() == 1) {
        return matches.get(0);
      }
    }
    return null;
  }

  // ------------------------------------------------------------ environments

  private java.util.Optional<Change> planEnvironment(
      ProjectSpec project, RemoteProject rp, EnvironmentSpec spec) {
    ResourceAddress address =
        new ResourceAddress(ResourceAddress.Kind.ENVIRONMENT, project.key(), spec.key());
    Environment current = environments.get(project.key()).get(spec.key());
    if (current == null) {
      Merged<Environment> m =
          EnvironmentMerge.merge(Environment.draft(account, rp.project().id()), spec, true);
      return java.util.Optional.of(
          new Change.Create(address, m.after(), List.of(), createFields(m)));
    }
    Merged<Environment> m = EnvironmentMerge.merge(current, spec, false);
    List<FieldChange> fields = new ArrayList<>();
    for (String path : m.paths()) {
      Object before = current.value(path);
      Object after = m.after().value(path);
      if (!Objects.equals(
          Normaliser.environment(path, before), Normaliser.environment(path, after))) {
        fields.add(FieldChange.of(path, before, after));
      }
    }
    if (fields.isEmpty()) {
      unchanged.add(new Unchanged(address, current.id(), current.fingerprint()));
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Change.Update(address, current, m.after(), List.of(), fields));
  }

  /** Under a job selection, only the environments the selected jobs use; else all of them. */
  private Set<String> neededEnvironments(ProjectSpec project) {
    if (!options.selectsJobs()) {
      return project.environments().keySet();
    }
    Set<String> out = new LinkedHashSet<>();
    for (JobSpec job : project.jobs().values()) {
      if (options.includesJob(project.key(), job.key())) {
        if (job.environment() != null) {
          out.add(job.environment());
        }
        DeferralSpec d = job.deferral();
        if (d != null && d.environment() != null) {
          out.add(d.environment());
        }
      }
    }
    return out;
  }

  // -------------------------------------------------------------------- jobs

  private Change planJob(ProjectSpec project, RemoteProject rp, JobSpec spec) {
    ResourceAddress address =
        new ResourceAddress(ResourceAddress.Kind.JOB, project.key(), spec.key());
    Job current = managed.get(project.key()).get(spec.key());
    Marker marker = new Marker(namespace, spec.key()).withProtect(spec.protect());
    JobMerge.References refs = references(project, spec, current);
    boolean creating = current == null;
    Merged<Job> m =
        JobMerge.merge(
            creating ? Job.draft(account, rp.project().id(), null) : current,
            spec,
            marker,
            placement,
            refs,
            creating);
    Map<String, Object> desiredForms = new LinkedHashMap<>();
    Map<String, Object> remoteForms = new LinkedHashMap<>();
    for (String path : m.paths()) {
      desiredForms.put(path, desiredForm(m, path, true));
      remoteForms.put(path, current == null ? null : jobForm(path, current.value(path), true));
    }
    Job after =
        JobMerge.stamp(
            m.after(), marker.withFingerprint(Drift.fingerprint(desiredForms)), placement);
    if (creating) {
      List<FieldChange> fields = new ArrayList<>();
      for (String path : m.paths()) {
        fields.add(
            withTarget(
                new FieldChange(
                    path,
                    null,
                    after.value(path),
                    m.pendingAt(path),
                    FieldChange.Origin.FILE,
                    false)));
      }
      return new Change.Create(address, after, m.pending(), fields);
    }
    List<FieldChange> fields = new ArrayList<>();
    for (String path : m.paths()) {
      PendingReference pending = m.pendingAt(path);
      if (pending != null
          || !Objects.equals(
              jobForm(path, current.value(path), false), desiredForm(m, path, false))) {
        fields.add(new FieldChange(path, current.value(path), after.value(path), pending));
      }
    }
    if (fields.isEmpty()) {
      unchanged.add(new Unchanged(address, current.id(), current.fingerprint()));
      return null;
    }
    String lastApplied =
        Marker.findIn(current.description(), current.name()).map(Marker::fingerprint).orElse(null);
    fields =
        Drift.attribute(fields, desiredForms, remoteForms, lastApplied).stream()
            .map(this::withTarget)
            .toList();
    warnIfTypeFlips(address, current, after);
    return new Change.Update(address, current, after, m.pending(), fields);
  }

  private JobMerge.References references(ProjectSpec project, JobSpec spec, Job current) {
    RemoteProject rp = remote.projects().get(project.key());
    return new JobMerge.References() {
      @Override
      public JobMerge.Ref environment(String key) {
        // the loader has checked that the key is declared; one not in dbt Cloud yet is created
        // first
        Environment e = environments.get(project.key()).get(key);
        return new JobMerge.Ref(
            e == null ? null : e.id(),
            new ResourceAddress(ResourceAddress.Kind.ENVIRONMENT, project.key(), key));
      }

      @Override
      public JobMerge.Ref job(String projectKey, String key) {
        String p = projectKey == null ? project.key() : projectKey;
        ResourceAddress target =
            new ResourceAddress(ResourceAddress.Kind.JOB, p, "self".equals(key) ? spec.key() : key);
        if ("self".equals(key)) {
          return new JobMerge.Ref(current == null ? null : current.id(), target);
        }
        // the loader has checked that the project and the job are declared; the project may not be
        // planned
        if (!remote.projects().containsKey(p)) {
          throw new DbtCloudFailure(
              spec.position()
                  + " projects."
                  + project.key()
                  + ".jobs."
                  + spec.key()
                  + ": refers to job '"
                  + key
                  + "' of project '"
                  + p
                  + "', which is not planned (add it to dbt.projects)");
        }
        Job job = managed.get(p).get(key);
        return new JobMerge.Ref(job == null ? null : job.id(), target);
      }

      @Override
      public long projectId(String projectKey) {
        return projectKey == null
            ? rp.project().id()
            : remote.projects().get(projectKey).project().id();
      }
    };
  }

  /**
   * A job field as compared (or hashed into the marker): references by key, markers without
   * fingerprints.
   */
  private Object jobForm(String path, Object value, boolean forHash) {
    switch (path) {
      case Job.ENVIRONMENT_ID:
      case Job.DEFERRING_ENVIRONMENT_ID:
        return key(environmentKeys, value);
      case Job.DEFERRING_JOB_ID:
      case Job.COMPLETION_JOB_ID:
        return key(jobKeys, value);
      case Job.NAME:
      case Job.DESCRIPTION:
        return forHash ? Normaliser.withoutMarker(value) : Normaliser.markerless(value);
      default:
        return Normaliser.job(path, value);
    }
  }

  private Object desiredForm(Merged<Job> m, String path, boolean forHash) {
    PendingReference pending = m.pendingAt(path);
    if (pending != null) {
      return pending.target().project() + "/" + pending.target().key();
    }
    return jobForm(path, m.after().value(path), forHash);
  }

  /**
   * An id of a managed environment or job, with the object it points to (for renderers); other
   * fields as they are.
   */
  private FieldChange withTarget(FieldChange f) {
    if (f.pending() != null || !(f.after() instanceof Number id)) {
      return f;
    }
    ResourceAddress.Kind kind;
    String key;
    switch (f.path()) {
      case Job.ENVIRONMENT_ID:
      case Job.DEFERRING_ENVIRONMENT_ID:
        kind = ResourceAddress.Kind.ENVIRONMENT;
        key = environmentKeys.get(id.longValue());
        break;
      case Job.DEFERRING_JOB_ID:
      case Job.COMPLETION_JOB_ID:
        kind = ResourceAddress.Kind.JOB;
        key = jobKeys.get(id.longValue());
        break;
      default:
        return f;
    }
    if (key == null) {
      return f;
    }
    int slash = key.indexOf('/');
    return f.withRefersTo(
        new ResourceAddress(kind, key.substring(0, slash), key.substring(slash + 1)));
  }

  private static Object key(Map<Long, String> keys, Object id) {
    if (!(id instanceof Number n)) {
      return null;
    }
    return keys.getOrDefault(n.longValue(), "id:" + n.longValue());
  }

  /**
   * dbt Cloud refuses to turn a job into or out of a CI job (§E.15); say so before the apply fails.
   */
  private void warnIfTypeFlips(ResourceAddress address, Job current, Job after) {
    JobType was = current.type() == JobType.UNKNOWN ? current.effectiveType() : current.type();
    JobType will = after.effectiveType();
    if ((was == JobType.CI) != (will == JobType.CI)) {
      warnings.add(
          address
              + " (id "
              + current.id()
              + ") would change from a "
              + was.name().toLowerCase()
              + " job to a "
              + will.name().toLowerCase()
              + " job; dbt Cloud refuses to turn a job into or out of a CI job,"
              + " so this update will fail. Delete the job in dbt Cloud (or give it a new key in the file) to have it"
              + " created anew.");
    }
  }

  /** Jobs in file order, each after the jobs it references that are created in the same apply. */
  private static List<Change> dependencyOrder(Map<ResourceAddress, Change> jobs) {
    List<Change> out = new ArrayList<>();
    Set<ResourceAddress> done = new HashSet<>();
    for (ResourceAddress address : jobs.keySet()) {
      visit(address, jobs, done, new LinkedHashSet<>(), out);
    }
    return out;
  }

  private static void visit(
      ResourceAddress address,
      Map<ResourceAddress, Change> jobs,
      Set<ResourceAddress> done,
      LinkedHashSet<ResourceAddress> path,
      List<Change> out) {
    Change change = jobs.get(address);
    if (change == null || done.contains(address)) {
      return;
    }
    if (!path.add(address)) {
      throw new DbtCloudFailure(
          "jobs wait for each other in a cycle, so none can be created first: "
              + path.stream().map(ResourceAddress::toString).collect(Collectors.joining(" -> "))
              + " -> "
              + address
              + ". Break the cycle in the file's triggers.on_job_completion / defer_to.");
    }
    for (PendingReference p : change.pending()) {
      if (!p.target().equals(address)) {
        visit(p.target(), jobs, done, path, out);
      }
    }
    path.remove(address);
    done.add(address);
    out.add(change);
  }

  /** Every id a change waits for must come from a create in the same plan. */
  private static void requirePendingTargetsPlanned(List<Change> changes) {
    Set<ResourceAddress> created =
        changes.stream()
            .filter(c -> c instanceof Change.Create)
            .map(Change::address)
            .collect(Collectors.toSet());
    for (Change c : changes) {
      for (PendingReference p : c.pending()) {
        if (!created.contains(p.target())) {
          throw new DbtCloudFailure(
              c.address()
                  + " in project "
                  + c.address().project()
                  + " needs the id of "
                  + p.target()
                  + " in project "
                  + p.target().project()
                  + ", which does not exist in dbt Cloud yet and"
                  + " is not part of this plan. Add it to dbt.jobs (or plan without a job selection).");
        }
      }
    }
  }

  private void requireSelectedJobsExist(List<ProjectSpec> projects) {
    for (String pattern : options.jobs()) {
      boolean matches =
          projects.stream()
              .anyMatch(
                  p ->
                      p.jobs().keySet().stream()
                          .anyMatch(
                              k ->
                                  new PlanOptions(Set.of(), Set.of(pattern), null, Set.of(), false)
                                      .includesJob(p.key(), k)));
      if (!matches) {
        throw new DbtCloudFailure(
            "dbt.jobs: '"
                + pattern
                + "' matches no job of the planned projects; jobs: "
                + projects.stream()
                    .flatMap(p -> p.jobs().keySet().stream().map(k -> p.key() + "/" + k))
                    .toList());
      }
    }
  }

  // --------------------------------------------------- environment variables

  private java.util.Optional<Change> planVariable(
      ProjectSpec project, RemoteProject rp, EnvVarSpec spec) {
    ResourceAddress address =
        new ResourceAddress(ResourceAddress.Kind.ENVIRONMENT_VARIABLE, project.key(), spec.name());
    Map<String, String> wanted = new LinkedHashMap<>();
    if (spec.projectDefault() != null) {
      wanted.put(EnvironmentVariable.PROJECT, spec.projectDefault());
    }
    spec.perEnvironment()
        .forEach(
            (envKey, value) -> {
              EnvironmentSpec env =
                  project.environments().get(envKey); // declared: the loader has checked
              // an environment matched by id leaves its name to dbt Cloud: the scope is the name
              // dbt Cloud has
              Environment matched = environments.get(project.key()).get(envKey);
              wanted.put(env.name() != null ? env.name() : matched.name(), value);
            });
    EnvironmentVariables vars =
        rp.environmentVariables() == null ? EnvironmentVariables.none() : rp.environmentVariables();
    EnvironmentVariable current = vars.variables().get(spec.name());
    boolean secret = spec.secret();
    boolean rotate = options.rotateSecrets().contains(spec.name());
    if (current == null) {
      EnvironmentVariable after =
          EnvironmentVariable.draft(account, rp.project().id(), spec.name());
      List<FieldChange> fields = new ArrayList<>();
      for (Map.Entry<String, String> e : wanted.entrySet()) {
        after = after.withValue(e.getKey(), e.getValue());
        fields.add(
            new FieldChange(e.getKey(), null, e.getValue(), null, FieldChange.Origin.FILE, secret));
      }
      return java.util.Optional.of(new Change.Create(address, after, List.of(), fields));
    }
    EnvironmentVariable after = EnvironmentVariable.draft(account, rp.project().id(), spec.name());
    List<FieldChange> fields = new ArrayList<>();
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      String scope = e.getKey();
      String now = current.valueIn(scope);
      // A secret comes back masked: it can only be known to be missing, not to differ.
      boolean differs = secret ? now == null || rotate : !Objects.equals(now, e.getValue());
      if (differs) {
        after = after.withValue(scope, e.getValue());
        fields.add(
            new FieldChange(scope, now, e.getValue(), null, FieldChange.Origin.UNKNOWN, secret));
      }
    }
    if (fields.isEmpty()) {
      unchanged.add(new Unchanged(address, null, current.fingerprint()));
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Change.Update(address, current, after, List.of(), fields));
  }

  private List<Change> planOverrides(ProjectSpec project, RemoteProject rp, JobSpec spec) {
    if (spec.envVars().isEmpty() || JobMerge.ignored(spec, "env_vars")) {
      return List.of();
    }
    Job job = managed.get(project.key()).get(spec.key());
    List<JobEnvironmentVariable> current = List.of();
    if (job != null) {
      current = rp.jobVariables().get(job.id());
      if (current == null) {
        throw new IllegalStateException("the overrides of job " + job.id() + " were not read");
      }
    }
    List<Change> out = new ArrayList<>();
    for (Map.Entry<String, String> e : spec.envVars().entrySet()) {
      String name = e.getKey();
      ResourceAddress address = ResourceAddress.jobVariable(project.key(), spec.key(), name);
      boolean secret = name.startsWith(EnvironmentVariable.SECRET_PREFIX);
      JobEnvironmentVariable existing =
          current.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
      if (existing == null) {
        JobEnvironmentVariable after =
            JobEnvironmentVariable.draft(
                    account, rp.project().id(), job == null ? null : job.id(), name)
                .withValue(e.getValue());
        List<PendingReference> pending =
            job == null
                ? List.of(
                    new PendingReference(
                        PendingReference.Field.JOB_DEFINITION_ID,
                        new ResourceAddress(ResourceAddress.Kind.JOB, project.key(), spec.key())))
                : List.of();
        out.add(
            new Change.Create(
                address,
                after,
                pending,
                List.of(
                    new FieldChange(
                        JobEnvironmentVariable.VALUE,
                        null,
                        e.getValue(),
                        null,
                        FieldChange.Origin.FILE,
                        secret))));
        continue;
      }
      boolean differs =
          secret
              ? existing.value() == null || options.rotateSecrets().contains(name)
              : !Objects.equals(existing.value(), e.getValue());
      if (differs) {
        out.add(
            new Change.Update(
                address,
                existing,
                existing.withValue(e.getValue()),
                List.of(),
                List.of(
                    new FieldChange(
                        JobEnvironmentVariable.VALUE,
                        existing.value(),
                        e.getValue(),
                        null,
                        FieldChange.Origin.UNKNOWN,
                        secret))));
      } else {
        unchanged.add(new Unchanged(address, existing.id(), existing.fingerprint()));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ shared

  private static List<FieldChange> createFields(Merged<? extends WireObject> m) {
    List<FieldChange> fields = new ArrayList<>();
    for (String path : m.paths()) {
      fields.add(
          new FieldChange(
              path,
              null,
              m.after().value(path),
              m.pendingAt(path),
              FieldChange.Origin.FILE,
              false));
    }
    return fields;
  }
}
