package io.github.dbtcloud.core.plan;

import java.util.List;

/**
 * The difference between the desired state and dbt Cloud, as changes in apply order.
 *
 * @param accountId the account planned against
 * @param changes the changes, environments before the jobs that use them
 * @param unmanaged jobs found in scope without this file's marker
 */
public record Plan(long accountId, List<Change> changes, List<UnmanagedJob> unmanaged) {

  public Plan {
    changes = List.copyOf(changes);
    unmanaged = List.copyOf(unmanaged);
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

  /** {@code Plan: 2 to add, 1 to change, 0 to destroy.} */
  public String summary() {
    return "Plan: " + toAdd() + " to add, " + toChange() + " to change, " + toDestroy() + " to destroy.";
  }
}
