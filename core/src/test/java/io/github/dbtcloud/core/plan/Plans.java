package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.resource.PlanOptions;

/** Plans for tests: the real planner on a {@link Remote}'s snapshot. */
final class Plans {

  private Plans() {}

  /** The plan that makes {@code remote} match {@code desired}. */
  static Plan diff(DesiredState desired, Remote remote) {
    return diff(desired, remote, PlanOptions.defaults());
  }

  /** The plan for the selected projects and jobs. */
  static Plan diff(DesiredState desired, Remote remote, PlanOptions options) {
    return new Planner().plan(desired, remote.snapshot(desired), options);
  }
}
