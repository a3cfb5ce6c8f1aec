package io.github.dbtcloud.core.resource;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind of dbt Cloud object the plugin manages (environment, job, environment variable...): the
 * unit that owns everything about it. It reads its part of the snapshot, says which of the file's
 * objects it matched (their ids, so that other kinds can refer to them by key), plans its changes,
 * orders them against the rest of a plan, and writes them. The planner, the applier and the
 * renderers know kinds only through this interface, so adding a kind means adding a unit; see
 * docs/architecture.md, "How to add a resource kind".
 *
 * @param <S> what this kind reads from dbt Cloud for one scope (a project, or the account)
 */
public interface ResourceKind<S> {

  /** The word for this kind in addresses, the plan text and plan.json, e.g. {@code job}. */
  String name();

  /** Whether objects of this kind live in a project or in the account. */
  Scope scope();

  /** Whether the plan text shows this kind's dotted wire paths as nested blocks. */
  default boolean nestedFields() {
    return true;
  }

  /** The kinds whose part of the snapshot (same scope) must be read before this one's. */
  default List<ResourceKind<?>> readsAfter() {
    return List.of();
  }

  /**
   * Whether the file asks anything of this kind in the scope (a kind that manages nothing there is
   * not read at all).
   */
  boolean declared(ReadContext context);

  /** Reads this kind's part of the snapshot for one scope. */
  S read(ReadContext context);

  /**
   * Checks this kind's part against the rest of the scope's snapshot once everything is read (e.g.
   * every job's environment is in the environment listing), reading again where it must; returns
   * the part to keep.
   */
  default S settle(S part, ReadContext context) {
    return part;
  }

  /** How many objects of this kind dbt Cloud listed in the scope, managed or not. */
  int listed(S part);

  /**
   * The ids (of other kinds' objects) this kind's listed objects point at: a job's environment,
   * say. Another kind's {@link #settle} uses them to check its own listing.
   */
  default List<Reference> references(S part) {
    return List.of();
  }

  /**
   * The file's objects this kind found in dbt Cloud, by key: what references by key resolve to and
   * what the brake counts as managed.
   */
  Map<String, Identity> identities(S part);

  /** Plans this kind's changes in one scope. */
  KindPlan plan(PlanContext context);

  /**
   * The objects a change of this kind must wait for in an apply, beyond the ones whose ids it needs
   * ({@link Change#pending()}): an override waits for the variable it overrides, say.
   */
  default Set<ResourceAddress> waitsFor(Change change, List<Change> plan) {
    return Set.of();
  }

  /** Carries out one change of this kind. */
  Written write(Change change, WriteContext context) throws InterruptedException;
}
