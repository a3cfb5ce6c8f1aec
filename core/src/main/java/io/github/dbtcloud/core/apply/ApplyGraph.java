package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.PendingReference;
import io.github.dbtcloud.core.resource.ResourceAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dependencies between a plan's changes, as a {@link StepGraph}:
 *
 * <ul>
 *   <li>a change that waits for an id ({@link PendingReference}) waits for the create of that
 *       object: a job for its new environment, for the job its completion trigger or deferral
 *       names; a job override for its new job;
 *   <li>a change waits for what its kind says it must ({@link
 *       io.github.dbtcloud.core.resource.ResourceKind#waitsFor}): an override for its job and the
 *       variable it overrides, a project variable for the environments it sets values in, a job's
 *       delete for the deletes of the jobs that trigger on or defer to it;
 *   <li>a delete waits for every other change of its project (deletes come last).
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
    boolean manyScopes =
        plan.changes().stream().map(c -> c.address().scope()).distinct().count() > 1;
    Map<ResourceAddress, Change> byAddress = new LinkedHashMap<>();
    plan.changes().forEach(c -> byAddress.put(c.address(), c));
    List<Step<Item>> steps = new ArrayList<>();
    for (Change change : plan.changes()) {
      ResourceAddress address = change.address();
      Set<ResourceAddress> after = new LinkedHashSet<>();
      for (PendingReference p : change.pending()) {
        if (!p.target().equals(address)) {
          after.add(p.target());
        }
      }
      after.addAll(address.kind().waitsFor(change, plan.changes()));
      if (change instanceof Change.Delete) {
        for (Change other : plan.changes()) {
          if (!(other instanceof Change.Delete)
              && Objects.equals(other.address().project(), address.project())) {
            after.add(other.address());
          }
        }
      }
      after.remove(address);
      after.retainAll(byAddress.keySet());
      String step = label(address, manyScopes);
      steps.add(
          new Step<>(
              step,
              new Item(step, change),
              after.stream().map(a -> label(a, manyScopes)).collect(Collectors.toSet())));
    }
    return StepGraph.of(steps);
  }

  /** {@code job "nightly"}, prefixed with the project when the plan spans several. */
  static String label(ResourceAddress address, boolean manyScopes) {
    return manyScopes ? address.scope() + ": " + address : address.toString();
  }
}
