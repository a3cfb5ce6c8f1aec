package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.DbtCloudFailure;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.identity.Marker;
import java.util.List;

/**
 * Stops a plan that would destroy a protected job. A job is protected when its marker says so
 * ({@code [[nightly#ab12cd protected]]}), which an apply writes while the file says {@code protect:
 * true}; so the protection outlives the job's entry in the file, which is exactly when pruning
 * could destroy it. Environments are never destroyed by a plan.
 */
final class Protection {

  private Protection() {}

  /**
   * @throws ProtectedObjectException naming every protected job the plan would destroy
   */
  static void check(Plan plan, String fileName) {
    List<Change.Delete> refused =
        plan.changes().stream()
            .filter(c -> c instanceof Change.Delete)
            .map(c -> (Change.Delete) c)
            .filter(Protection::isProtected)
            .toList();
    if (refused.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder(
            "The plan would destroy " + refused.size() + " protected job(s), so no plan was made:");
    for (Change.Delete d : refused) {
      Job job = (Job) d.before();
      message
          .append("\n  ")
          .append(d.address())
          .append(" in project ")
          .append(d.address().project())
          .append(" (id ")
          .append(job.id())
          .append(", \"")
          .append(Marker.strip(job.name()))
          .append("\")");
    }
    message
        .append("\nEach was applied with 'protect: true' (its marker in dbt Cloud ends in '")
        .append(Marker.PROTECTED)
        .append("') and has since left ")
        .append(fileName)
        .append(
            " while ownership.prune is on. To keep it, put it back in the file. To destroy it on purpose,"
                + " put it back with 'protect: false', apply, then remove it and apply again.");
    throw new ProtectedObjectException(message.toString());
  }

  private static boolean isProtected(Change.Delete delete) {
    return delete.before() instanceof Job job
        && Marker.findIn(job.description(), job.name()).map(Marker::protect).orElse(false);
  }

  /** A plan would destroy an object the file protects. */
  static final class ProtectedObjectException extends DbtCloudFailure {
    private static final long serialVersionUID = 1L;

    ProtectedObjectException(String message) {
      super(message);
    }
  }
}
