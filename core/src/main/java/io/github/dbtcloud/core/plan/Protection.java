package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.resource.Change;
import java.util.List;

/**
 * Stops a plan that would destroy a protected object. An object is protected when its marker says
 * so ({@code [[nightly#ab12cd protected]]}), which an apply writes while the file says {@code
 * protect: true}; so the protection outlives the object's entry in the file, which is exactly when
 * pruning could destroy it.
 */
final class Protection {

  private Protection() {}

  /**
   * @param desiredName how the desired state is named in messages
   * @throws ProtectedObjectException naming every protected object the plan would destroy
   */
  static void check(Plan plan, String desiredName) {
    List<Change> refused =
        plan.changes().stream()
            .filter(c -> c instanceof Change.Delete && c.marker() != null && c.marker().protect())
            .toList();
    if (refused.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder(
            "The plan would destroy "
                + refused.size()
                + " protected "
                + (refused.stream().map(c -> c.address().kind()).distinct().count() == 1
                    ? refused.get(0).address().kind().name()
                    : "object")
                + "(s), so no plan was made:");
    for (Change d : refused) {
      Object name = d.before().fields().get("name");
      message
          .append("\n  ")
          .append(d.address())
          .append(" in project ")
          .append(d.address().scope())
          .append(" (id ")
          .append(d.id())
          .append(", \"")
          .append(Marker.strip(name instanceof String s ? s : ""))
          .append("\")");
    }
    message
        .append("\nEach was applied with 'protect: true' (its marker in dbt Cloud ends in '")
        .append(Marker.PROTECTED)
        .append("') and has since left ")
        .append(desiredName)
        .append(
            " while ownership.prune is on. To keep it, put it back in the file. To destroy it on"
                + " purpose, put it back with 'protect: false', apply, then remove it and apply"
                + " again.");
    throw new ProtectedObjectException(message.toString());
  }

  /** A plan would destroy an object the file protects. */
  static final class ProtectedObjectException extends DbtCloudException {
    private static final long serialVersionUID = 1L;

    ProtectedObjectException(String message) {
      super(message);
    }
  }
}
