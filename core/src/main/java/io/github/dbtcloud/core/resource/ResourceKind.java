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

  // ---------------------------------------------------------------- import

  /**
   * Reads every object of this kind in one scope for {@code dbt:import}, whatever the file asks of
   * it (the context's desired state names the projects only); null, the default, when the kind is
   * not imported.
   */
  default S readAll(ReadContext context) {
    return null;
  }

  /**
   * The objects of a part read by {@link #readAll} that the import writes with a key of their own,
   * in listing order: the import derives stable, unique keys from their names before any kind
   * exports, so that references between objects are written by key. The context knows the keys of
   * the kinds before this one (a job is written only when its environment is).
   */
  default List<Named> named(S part, ExportContext context) {
    return List.of();
  }

  /**
   * The part read by {@link #readAll} as the file declares it: only values that differ from dbt
   * Cloud's defaults, references by key, secrets as {@code ${env.NAME}} placeholders.
   */
  default List<Exported> export(S part, ExportContext context) {
    return List.of();
  }
}
