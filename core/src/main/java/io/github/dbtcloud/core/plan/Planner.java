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
    RemoteState remote = new RemoteStateReader(client).read(desired);
    return Differ.diff(desired, remote);
  }
}
