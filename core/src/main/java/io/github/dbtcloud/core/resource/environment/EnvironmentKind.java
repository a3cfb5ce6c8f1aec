package io.github.dbtcloud.core.resource.environment;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.ExportContext;
import io.github.dbtcloud.core.resource.Exported;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.Identity;
import io.github.dbtcloud.core.resource.KindPlan;
import io.github.dbtcloud.core.resource.Merged;
import io.github.dbtcloud.core.resource.Named;
import io.github.dbtcloud.core.resource.PlanContext;
import io.github.dbtcloud.core.resource.PlanRefusedException;
import io.github.dbtcloud.core.resource.ReadContext;
import io.github.dbtcloud.core.resource.Rebase;
import io.github.dbtcloud.core.resource.Reference;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.ResourceKind;
import io.github.dbtcloud.core.resource.Scope;
import io.github.dbtcloud.core.resource.ScopeException;
import io.github.dbtcloud.core.resource.Twins;
import io.github.dbtcloud.core.resource.Unchanged;
import io.github.dbtcloud.core.resource.WriteContext;
import io.github.dbtcloud.core.resource.Written;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Environments (Admin API v3, project-scoped). An environment is matched by id when the file gives
 * one, else by its name or a former name within its project; environments are never deleted by a
 * plan. An update re-reads the environment and moves the planned fields onto it, keeping its
 * credentials and connection (dbt Cloud's update replaces the whole object).
 */
public final class EnvironmentKind implements ResourceKind<EnvironmentSnapshot> {

  /** The one instance. */
  public static final EnvironmentKind INSTANCE = new EnvironmentKind();

  private EnvironmentKind() {}

  @Override
  public String name() {
    return "environment";
  }

  @Override
  public Scope scope() {
    return Scope.PROJECT;
  }

  /** Always: every job runs in one, and an empty listing is how the brake spots a blind token. */
  @Override
  public boolean declared(ReadContext context) {
    return true;
  }

  @Override
  public EnvironmentSnapshot read(ReadContext context) {
    List<Environment> all = api(context).list();
    return new EnvironmentSnapshot(all, match(context.project(), all));
  }

  /**
   * The environment listing, checked against what the other kinds list: every job runs in an
   * environment, so one whose environment the listing lacks means the listing is incomplete (read
   * again once, in case the environment was created in between). Planning from it would create that
   * environment twice.
   */
  @Override
  public EnvironmentSnapshot settle(EnvironmentSnapshot part, ReadContext context) {
    List<Reference> needed = context.referencesTo(this);
    if (orphans(part.all(), needed).isEmpty()) {
      return part;
    }
    List<Environment> again = api(context).list();
    List<Reference> orphans = orphans(again, needed);
    if (orphans.isEmpty()) {
      return new EnvironmentSnapshot(again, match(context.project(), again));
    }
    Map<String, List<Reference>> byKind =
        orphans.stream()
            .collect(
                Collectors.groupingBy(
                    Reference::fromKind, LinkedHashMap::new, Collectors.toList()));
    String who =
        byKind.entrySet().stream()
            .map(
                e ->
                    e.getKey()
                        + "(s) "
                        + e.getValue().stream()
                            .map(r -> r.fromId() + " (environment " + r.id() + ")")
                            .collect(Collectors.joining(", ")))
            .collect(Collectors.joining("; "));
    throw new ScopeException(
        "project "
            + context.project().describe()
            + ": dbt Cloud at "
            + context.api().baseUrl()
            + " lists "
            + again.size()
            + " environment(s), but "
            + who
            + " run in environments missing from that listing. A plan from an incomplete listing"
            + " would create environments that already exist, so none was made. Likely cause: the"
            + " token may read jobs but not every environment of the project; give it access to"
            + " all of them, then plan again.");
  }

  private static List<Reference> orphans(List<Environment> listed, List<Reference> needed) {
    Set<Long> ids = listed.stream().map(Environment::id).collect(Collectors.toSet());
    return needed.stream().filter(r -> !ids.contains(r.id())).toList();
  }

  @Override
  public int listed(EnvironmentSnapshot part) {
    return part.all().size();
  }

  @Override
  public Map<String, Identity> identities(EnvironmentSnapshot part) {
    Map<String, Identity> out = new LinkedHashMap<>();
    part.matched().forEach((key, e) -> out.put(key, new Identity(e.id(), e.name())));
    return out;
  }

  /** The file's environments found in a listing, by key. */
  public static Map<String, Environment> match(ProjectSpec project, List<Environment> listed) {
    Map<String, Environment> out = new LinkedHashMap<>();
    for (EnvironmentSpec spec : project.environments().values()) {
      Environment e = find(project, listed, spec);
      if (e != null) {
        out.put(spec.key(), e);
      }
    }
    return out;
  }

  /**
   * The environment of a listing that one of the file's is: by id when the file gives one (which
   * must exist), else by its name or a former name; null when there is none yet.
   */
  public static Environment find(
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
        throw new DbtCloudException(
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
                + ", so the file cannot tell which one it means. Rename or delete the extra one in"
                + " dbt Cloud.");
      }
      if (matches.size() == 1) {
        return matches.get(0);
      }
    }
    return null;
  }

  // ------------------------------------------------------------------- plan

  @Override
  public KindPlan plan(PlanContext context) {
    KindPlan.Builder out = new KindPlan.Builder();
    ProjectSpec project = context.project();
    Set<String> needed = needed(project, context);
    EnvironmentSnapshot part = context.part(this);
    Map<String, Environment> planned = new LinkedHashMap<>(part.matched());
    for (EnvironmentSpec spec : project.environments().values()) {
      if (needed.contains(spec.key())) {
        planned.put(spec.key(), plan(context, spec, part.matched().get(spec.key()), out));
      }
    }
    List<Environment> others =
        part.all().stream().filter(e -> !part.matched().containsValue(e)).toList();
    List<String> refused = EnvironmentRules.check(project, planned, others);
    if (!refused.isEmpty()) {
      throw new PlanRefusedException(refused);
    }
    return out.build();
  }

  /** Plans one environment of the file; returns it as the plan leaves it. */
  private Environment plan(
      PlanContext context, EnvironmentSpec spec, Environment current, KindPlan.Builder out) {
    ResourceAddress address = context.address(this, spec.key());
    if (current == null) {
      Merged<Environment> m =
          EnvironmentMerge.merge(
              Environment.draft(context.accountId(), context.projectId()), spec, true);
      List<FieldChange> fields = new ArrayList<>();
      for (String path : m.paths()) {
        fields.add(FieldChange.created(path, m.after().value(path), m.pendingAt(path)));
      }
      out.change(new Change.Create(address, m.after(), List.of(), fields, null));
      return m.after();
    }
    Merged<Environment> m = EnvironmentMerge.merge(current, spec, false);
    List<FieldChange> fields = new ArrayList<>();
    for (String path : m.paths()) {
      Object before = current.value(path);
      Object after = m.after().value(path);
      if (!Objects.equals(EnvironmentForms.of(path, before), EnvironmentForms.of(path, after))) {
        fields.add(FieldChange.of(path, before, after));
      }
    }
    if (fields.isEmpty()) {
      out.unchanged(new Unchanged(address, current.id(), current.fingerprint()));
      return current;
    }
    out.change(new Change.Update(address, current, m.after(), List.of(), fields, null));
    return m.after();
  }

  /** Under a job selection, only the environments the selected jobs use; else all of them. */
  private static Set<String> needed(ProjectSpec project, PlanContext context) {
    if (!context.options().selectsJobs()) {
      return project.environments().keySet();
    }
    Set<String> out = new LinkedHashSet<>();
    for (JobSpec job : project.jobs().values()) {
      if (context.options().includesJob(project.key(), job.key())) {
        if (job.environment() != null) {
          out.add(job.environment());
        }
        if (job.deferral() != null && job.deferral().environment() != null) {
          out.add(job.deferral().environment());
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ apply

  @Override
  public Written write(Change change, WriteContext context) throws InterruptedException {
    Environment e =
        context.resolve((Environment) change.after(), change.pending(), change.address());
    EnvironmentApi api = new EnvironmentApi(context.api(), context.accountId(), e.projectId());
    if (change instanceof Change.Create) {
      WriteContext.Sent<Environment> answer =
          context.sendOnce(
              () -> api.create(e),
              () ->
                  WriteContext.single(
                      api.list().stream().filter(x -> e.name().equals(x.name())).toList(),
                      "environments named \"" + e.name() + "\""),
              "environment named \"" + e.name() + "\"",
              "the project's environments were listed again");
      Long id = answer.object().id();
      Twins.Outcome twin =
          Twins.resolve(
              id,
              () ->
                  api.list().stream()
                      .filter(x -> e.name().equals(x.name()))
                      .map(Environment::id)
                      .toList(),
              api::delete);
      context.created(change.address(), twin.survivor());
      return new Written(Written.Effect.ADDED, twin.survivor(), answer.detail(id) + twin.detail());
    }
    Environment now = WriteContext.current(change, () -> api.get(change.id()));
    Environment merged =
        new Environment(Rebase.onto(now.fields(), change.before().fields(), e.fields()));
    Environment answer = api.update(merged.withDeploymentType(merged.deploymentType()));
    return new Written(Written.Effect.CHANGED, answer.id(), "updated (id " + change.id() + ")");
  }

  private static EnvironmentApi api(ReadContext context) {
    return new EnvironmentApi(context.api(), context.accountId(), context.projectId());
  }

  // ---------------------------------------------------------------- import

  @Override
  public EnvironmentSnapshot readAll(ReadContext context) {
    return new EnvironmentSnapshot(api(context).list(), Map.of());
  }

  @Override
  public List<Named> named(EnvironmentSnapshot part, ExportContext context) {
    return part.all().stream().map(e -> new Named(e.id(), e.name(), null)).toList();
  }

  @Override
  public List<Exported> export(EnvironmentSnapshot part, ExportContext context) {
    return EnvironmentExport.of(part, context);
  }
}
