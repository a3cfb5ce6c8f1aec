package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.Unchanged;
import io.github.dbtcloud.core.resource.Unmanaged;
import java.util.List;

/**
 * The difference between the desired state and dbt Cloud, as changes in apply order.
 *
 * @param accountId the account planned against
 * @param changes per kind in apply order (environments, project variables, jobs each after the jobs
 *     they reference, job overrides), then the deletes in reverse order
 * @param unmanaged objects found in scope without this file's marker
 * @param unchanged managed objects that already match
 * @param warnings things the user should know before applying (e.g. a change dbt Cloud refuses)
 */
public record Plan(
    long accountId,
    List<Change> changes,
    List<Unmanaged> unmanaged,
    List<Unchanged> unchanged,
    List<String> warnings) {

  public Plan {
    changes = List.copyOf(changes);
    unmanaged = List.copyOf(unmanaged);
    unchanged = List.copyOf(unchanged);
    warnings = List.copyOf(warnings);
  }

  /** Whether applying would change nothing. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** How many objects applying creates. */
  public long toAdd() {
    return changes.stream().filter(c -> c instanceof Change.Create).count();
  }

  /** How many objects applying updates. */
  public long toChange() {
    return changes.stream().filter(c -> c instanceof Change.Update).count();
  }

  /** How many objects applying deletes. */
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
