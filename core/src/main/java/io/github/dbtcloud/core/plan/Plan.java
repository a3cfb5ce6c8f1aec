package io.github.dbtcloud.core.plan;

import java.util.List;

/**
 * The difference between the desired state and dbt Cloud, as changes in apply order.
 *
 * @param accountId the account planned against
 * @param changes environments, then project variables, then jobs (each after the jobs it
 *     references), then job variable overrides, then deletes
 * @param unmanaged jobs found in scope without this file's marker
 * @param unchanged managed objects that already match
 * @param warnings things the user should know before applying (e.g. a change dbt Cloud refuses)
 */
public record Plan(
    long accountId,
    List<Change> changes,
    List<UnmanagedJob> unmanaged,
    List<Unchanged> unchanged,
    List<String> warnings) {

  public Plan {
    changes = List.copyOf(changes);
    unmanaged = List.copyOf(unmanaged);
    unchanged = List.copyOf(unchanged);
    warnings = List.copyOf(warnings);
  }

  /** A plan with only changes and unmanaged jobs. */
  public Plan(long accountId, List<Change> changes, List<UnmanagedJob> unmanaged) {
    this(accountId, changes, unmanaged, List.of(), List.of());
  }

  /** Whether applying would change nothing. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public long toAdd() {
    return changes.stream().filter(c -> c instanceof Change.Create).count();
  }

  public long toChange() {
    return changes.stream().filter(c -> c instanceof Change.Update).count();
  }

  public long toDestroy() {
    return changes.stream().filter(c -> c instanceof Change.Delete).count();
  }

  /** Whether any difference was made in dbt Cloud by hand (per the markers' fingerprints). */
  public boolean hasDrift() {
    return changes.stream()
        .flatMap(c -> c.fields().stream())
        .anyMatch(f -> f.origin() == FieldChange.Origin.OUTSIDE);
  }

  /** {@code Plan: 2 to add, 1 to change, 0 to destroy.} */
  public String summary() {
    return "Plan: "
        + toAdd()
        + " to add, "
        + toChange()
        + " to change, "
        + toDestroy()
        + " to destroy.";
  }
}
