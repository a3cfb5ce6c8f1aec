package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.remote.RemoteState;
import io.github.dbtcloud.core.remote.RemoteStateReader;

/** Reads the remote snapshot for a desired state and diffs the two. */
public final class Planner {

  private final AdminClient client;

  public Planner(AdminClient client) {
    this.client = client;
  }

  /** The plan that makes dbt Cloud match {@code desired}. */
  public Plan plan(DesiredState desired) {
    return plan(desired, PlanOptions.defaults());
  }

  /** The plan for the selected projects and jobs. */
  public Plan plan(DesiredState desired, PlanOptions options) {
    return snapshotAndPlan(desired, options).plan();
  }

  /** The snapshot and the plan made from it. */
  public Planned snapshotAndPlan(DesiredState desired, PlanOptions options) {
    RemoteState remote = new RemoteStateReader(client).read(desired, options.projects());
    Plan plan = Differ.diff(desired, remote, options);
    Protection.check(
        plan,
        desired.files().isEmpty() ? "the file" : desired.files().get(0).getFileName().toString());
    return new Planned(remote, plan);
  }

  /**
   * A plan and the snapshot it came from.
   *
   * @param remote the snapshot
   * @param plan the plan
   */
  public record Planned(RemoteState remote, Plan plan) {}
}
