package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.plan.Change;
import io.github.dbtcloud.core.plan.FieldChange;
import io.github.dbtcloud.core.plan.PendingReference;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.plan.ResourceAddress;
import io.github.dbtcloud.core.plan.ResourceAddress.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The dependencies between a plan's changes, as a {@link StepGraph}:
 *
 * <ul>
 *   <li>a change that waits for an id ({@link PendingReference}) waits for the create of that
 *       object: a job for its new environment, for the job its completion trigger or deferral
 *       names; a job override for its new job;
 *   <li>a job override waits for any change of its job and of the project variable it overrides;
 *   <li>a project variable waits for the create or rename of an environment it sets a value in;
 *   <li>a delete waits for every other change of its project (deletes come last) and for the
 *       deletes of jobs that trigger on or defer to it (reverse dependency order).
 * </ul>
 *
 * Steps are in plan order, which is already a dependency order, so the stable order of the graph is
 * the order the plan printed.
 */
final class ApplyGraph {

  /**
   * One change and the name of its step.
   *
   * @param step e.g. {@code job "nightly"}
   * @param change the change
   */
  record Item(String step, Change change) {}

  private ApplyGraph() {}

  /** The graph of {@code plan}'s changes; step ids are {@link #label}s. */
  static StepGraph<Item> of(Plan plan) {
    boolean manyProjects =
        plan.changes().stream().map(c -> c.address().project()).distinct().count() > 1;
    Map<ResourceAddress, Change> byAddress = new LinkedHashMap<>();
    plan.changes().forEach(c -> byAddress.put(c.address(), c));
    List<Step<Item>> steps = new ArrayList<>();
    for (Change change : plan.changes()) {
      Set<ResourceAddress> after = new LinkedHashSet<>();
      for (PendingReference p : change.pending()) {
        if (!p.target().equals(change.address())) {
          after.add(p.target());
        }
      }
      ResourceAddress address = change.address();
      if (address.kind() == Kind.JOB_ENVIRONMENT_VARIABLE) {
        int slash = address.key().indexOf('/');
        after.add(
            new ResourceAddress(Kind.JOB, address.project(), address.key().substring(0, slash)));
        // an override overrides a project variable: dbt Cloud refuses a variable named like an
        // existing override
        after.add(
            new ResourceAddress(
                Kind.ENVIRONMENT_VARIABLE, address.project(), address.key().substring(slash + 1)));
      }
      if (address.kind() == Kind.ENVIRONMENT_VARIABLE) {
        after.addAll(environmentsNamed(plan, address.project(), scopes(change)));
      }
      if (change instanceof Change.Delete delete) {
        for (Change other : plan.changes()) {
          if (other.address().project().equals(address.project())
              && (!(other instanceof Change.Delete)
                  || referencesJob(other.before(), delete.before().id()))) {
            if (!other.address().equals(address)) {
              after.add(other.address());
            }
          }
        }
      }
      after.retainAll(byAddress.keySet());
      String step = label(address, manyProjects);
      steps.add(
          new Step<>(
              step,
              new Item(step, change),
              after.stream()
                  .map(a -> label(a, manyProjects))
                  .collect(java.util.stream.Collectors.toSet())));
    }
    return StepGraph.of(steps);
  }

  /** {@code job "nightly"}, prefixed with the project when the plan spans several. */
  static String label(ResourceAddress address, boolean manyProjects) {
    return manyProjects ? address.project() + ": " + address : address.toString();
  }

  private static List<String> scopes(Change change) {
    return change.fields().stream().map(FieldChange::path).toList();
  }

  private static List<ResourceAddress> environmentsNamed(
      Plan plan, String project, List<String> names) {
    List<ResourceAddress> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      WireObject after =
          c instanceof Change.Create cr
              ? cr.after()
              : c instanceof Change.Update u ? u.after() : null;
      if (c.address().project().equals(project)
          && after instanceof Environment e
          && names.contains(e.name())) {
        out.add(c.address());
      }
    }
    return out;
  }

  /** Whether a job (as read) triggers on, or defers to, the job with this id. */
  private static boolean referencesJob(WireObject object, Long id) {
    return object instanceof Job job
        && id != null
        && !id.equals(job.id())
        && (Objects.equals(job.completionTriggerJobId(), id)
            || Objects.equals(job.deferringJobId(), id));
  }
}
