package io.github.dbtcloud.core.resource;

import io.github.dbtcloud.core.DbtCloudException;
import java.util.List;

/**
 * The plan would ask dbt Cloud for something it refuses (a second production environment in a
 * project, two environments of one name...): known from the file and the snapshot, so it is said
 * before anything is written, every problem with where the file says it.
 */
public final class PlanRefusedException extends DbtCloudException {

  private static final long serialVersionUID = 1L;

  /**
   * @param problems each refusal: where (file:line and key path, or the object in dbt Cloud), what,
   *     and the fix
   */
  public PlanRefusedException(List<String> problems) {
    super(
        "dbt Cloud would refuse "
            + (problems.size() == 1 ? "this plan" : "this plan in " + problems.size() + " ways")
            + ", so nothing was planned:\n  "
            + String.join("\n  ", problems));
  }
}
