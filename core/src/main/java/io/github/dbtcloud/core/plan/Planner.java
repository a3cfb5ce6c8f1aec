package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.remote.SnapshotReader;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.Identities;
import io.github.dbtcloud.core.resource.Identity;
import io.github.dbtcloud.core.resource.KindPlan;
import io.github.dbtcloud.core.resource.PendingReference;
import io.github.dbtcloud.core.resource.PlanContext;
import io.github.dbtcloud.core.resource.PlanOptions;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.ResourceKind;
import io.github.dbtcloud.core.resource.Scope;
import io.github.dbtcloud.core.resource.Snapshot;
import io.github.dbtcloud.core.resource.Unchanged;
import io.github.dbtcloud.core.resource.Unmanaged;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Desired state x snapshot -> plan. Reads the snapshot once, asks each kind which of the file's
 * objects it found (so that references by key resolve across kinds and projects), then asks each
 * kind for its changes, orders them (kinds in apply order, each object after those whose ids it
 * needs, deletes last in reverse), and checks the result against the brake and the protections.
 * Planning from a snapshot is pure, so every rule is unit-testable.
 */
public final class Planner {

  private final List<ResourceKind<?>> kinds;

  /** A planner of every kind the plugin manages. */
  public Planner() {
    this(ResourceKinds.all());
  }

  /** A planner of the given kinds, in apply order. */
  public Planner(List<ResourceKind<?>> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  /**
   * A plan and the snapshot it came from.
   *
   * @param snapshot what dbt Cloud held
   * @param plan the plan
   */
  public record Planned(Snapshot snapshot, Plan plan) {}

  /** Reads dbt Cloud and plans. */
  public Planned plan(WireApi client, DesiredState desired, PlanOptions options) {
    Snapshot snapshot = new SnapshotReader(client, kinds).read(desired, options.projects());
    return new Planned(snapshot, plan(desired, snapshot, options));
  }

  /**
   * Plans the changes that make the snapshot match the desired state, for the selected projects and
   * jobs.
   *
   * @throws BrakeException when the plan looks like the result of a wrong listing
   */
  public Plan plan(DesiredState desired, Snapshot snapshot, PlanOptions options) {
    List<ProjectSpec> projects =
        desired.projects().values().stream()
            .filter(
                p -> options.includesProject(p.key()) && snapshot.projects().containsKey(p.key()))
            .toList();
    requireSelectedJobsExist(projects, options);
    Identities identities = identities(desired, snapshot, projects);
    List<Change> changes = new ArrayList<>();
    List<Change> deletes = new ArrayList<>();
    List<Unmanaged> unmanaged = new ArrayList<>();
    List<Unchanged> unchanged = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (ResourceKind<?> kind : kinds) {
      List<Change> ofKind = new ArrayList<>();
      for (ProjectSpec project : scopes(kind, projects)) {
        KindPlan kp = kind.plan(new PlanContext(desired, project, snapshot, identities, options));
        for (Change c : kp.changes()) {
          (c instanceof Change.Delete ? deletes : ofKind).add(c);
        }
        unmanaged.addAll(kp.unmanaged());
        unchanged.addAll(kp.unchanged());
        warnings.addAll(kp.warnings());
      }
      changes.addAll(dependencyOrder(ofKind));
    }
    Collections.reverse(deletes);
    changes.addAll(deletes);
    requirePendingTargetsPlanned(changes);
    Plan plan = new Plan(snapshot.accountId(), changes, unmanaged, unchanged, warnings);
    Brake.check(plan, desired, snapshot, identities, kinds, options);
    Protection.check(plan, desired.name());
    return plan;
  }

  /** The projects a kind plans in; one null scope for an account-level kind. */
  private static List<ProjectSpec> scopes(ResourceKind<?> kind, List<ProjectSpec> projects) {
    return kind.scope() == Scope.PROJECT ? projects : Collections.singletonList(null);
  }

  private Identities identities(
      DesiredState desired, Snapshot snapshot, List<ProjectSpec> projects) {
    Map<ResourceAddress, Identity> found = new LinkedHashMap<>();
    for (ResourceKind<?> kind : kinds) {
      for (ProjectSpec project : scopes(kind, projects)) {
        String key = project == null ? null : project.key();
        identitiesOf(kind, snapshot.part(kind, key))
            .forEach((k, identity) -> found.put(new ResourceAddress(kind, key, k), identity));
      }
    }
    return new Identities(found);
  }

  @SuppressWarnings("unchecked")
  private static <S> Map<String, Identity> identitiesOf(ResourceKind<S> kind, Object part) {
    return part == null ? Map.of() : kind.identities((S) part);
  }

  /** Changes in their order, each after the changes of the same kind whose ids it needs. */
  private static List<Change> dependencyOrder(List<Change> changes) {
    Map<ResourceAddress, Change> byAddress = new LinkedHashMap<>();
    changes.forEach(c -> byAddress.put(c.address(), c));
    List<Change> out = new ArrayList<>();
    Set<ResourceAddress> done = new HashSet<>();
    for (ResourceAddress address : byAddress.keySet()) {
      visit(address, byAddress, done, new LinkedHashSet<>(), out);
    }
    return out;
  }

  private static void visit(
      ResourceAddress address,
      Map<ResourceAddress, Change> changes,
      Set<ResourceAddress> done,
      LinkedHashSet<ResourceAddress> path,
      List<Change> out) {
    Change change = changes.get(address);
    if (change == null || done.contains(address)) {
      return;
    }
    if (!path.add(address)) {
      throw new DbtCloudException(
          address.kind().name()
              + "s wait for each other in a cycle, so none can be created first: "
              + path.stream().map(ResourceAddress::toString).collect(Collectors.joining(" -> "))
              + " -> "
              + address
              + ". Break the cycle in the file's references (triggers.on_job_completion,"
              + " defer_to).");
    }
    for (PendingReference p : change.pending()) {
      if (!p.target().equals(address)) {
        visit(p.target(), changes, done, path, out);
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
          throw new DbtCloudException(
              c.address()
                  + " in project "
                  + c.address().scope()
                  + " needs the id of "
                  + p.target()
                  + " in project "
                  + p.target().scope()
                  + ", which does not exist in dbt Cloud yet and"
                  + " is not part of this plan. Add it to dbt.jobs (or plan without a job"
                  + " selection).");
        }
      }
    }
  }

  private static void requireSelectedJobsExist(List<ProjectSpec> projects, PlanOptions options) {
    for (String pattern : options.jobs()) {
      boolean matches =
          projects.stream()
              .anyMatch(
                  p ->
                      p.jobs().keySet().stream()
                          .anyMatch(k -> PlanOptions.matches(pattern, p.key(), k)));
      if (!matches) {
        throw new DbtCloudException(
            "dbt.jobs: '"
                + pattern
                + "' matches no job of the planned projects; jobs: "
                + projects.stream()
                    .flatMap(p -> p.jobs().keySet().stream().map(k -> p.key() + "/" + k))
                    .toList());
      }
    }
  }
}
