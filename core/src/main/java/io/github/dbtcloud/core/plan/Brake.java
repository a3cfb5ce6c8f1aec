package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.remote.RemoteProject;
import io.github.dbtcloud.core.remote.RemoteState;
import java.util.List;
import java.util.Map;

/**
 * Stops a plan that looks like the consequence of a wrong listing rather than of the file (design
 * §5): more deletes than {@code ownership.max_deletes}; every managed job of a project replaced
 * (deleted, with new ones created); or a project dbt Cloud lists as completely empty although the
 * file manages objects in it (a project that has been set up always has at least its development
 * environment, so an empty listing is almost always a permission problem).
 */
final class Brake {

  private static final String CAUSES =
      "This usually means dbt Cloud's listing is not what it seems: a wrong"
          + " host (account.host or dbt.baseUrl), a token of another account, or a token whose permissions do not"
          + " cover the project's jobs and environments.";

  private Brake() {}

  /**
   * @param managed per project key, the number of managed jobs dbt Cloud listed
   * @param host the host planned against, for the message
   */
  static void check(
      Plan plan,
      DesiredState desired,
      RemoteState remote,
      Map<String, Integer> managed,
      PlanOptions options,
      String host) {
    int maxDeletes = desired.ownership().maxDeletes();
    for (RemoteProject rp : remote.projects().values()) {
      ProjectSpec spec = desired.projects().get(rp.key());
      boolean declares = !spec.environments().isEmpty() || !spec.jobs().isEmpty();
      if (declares && rp.listsNothing() && !options.allowEmptyProject()) {
        throw new BrakeException(
            "The brake stopped the plan: dbt Cloud at "
                + host
                + " lists no environment"
                + " and no job in project "
                + spec.describe()
                + ", yet "
                + spec.position().file().getFileName()
                + " manages "
                + spec.environments().size()
                + " environment(s) and "
                + spec.jobs().size()
                + " job(s) there, so every one of them would be created. "
                + CAUSES
                + " Fix the host or the token's"
                + " permissions and plan again. If this project really is brand new and empty, plan with"
                + " -Ddbt.allowEmptyProject=true.");
      }
    }
    List<Change> deletes = plan.changes().stream().filter(c -> c instanceof Change.Delete).toList();
    if (deletes.size() > maxDeletes) {
      throw new BrakeException(
          "The brake stopped the plan: it would delete "
              + deletes.size()
              + " managed job(s), more than ownership.max_deletes = "
              + maxDeletes
              + ": "
              + deletes.stream()
                  .map(
                      c ->
                          c.address().project()
                              + "/"
                              + c.address().key()
                              + " (id "
                              + c.before().id()
                              + ")")
                  .toList()
              + ". "
              + CAUSES
              + " If the file really dropped them, raise ownership.max_deletes for"
              + " this change, or delete them in smaller steps.");
    }
    for (Map.Entry<String, Integer> e : managed.entrySet()) {
      String project = e.getKey();
      long deleted = deletes.stream().filter(c -> c.address().project().equals(project)).count();
      long created =
          plan.changes().stream()
              .filter(
                  c ->
                      c instanceof Change.Create
                          && c.address().kind() == ResourceAddress.Kind.JOB
                          && c.address().project().equals(project))
              .count();
      if (e.getValue() > 0 && deleted == e.getValue() && created > 0) {
        throw new BrakeException(
            "The brake stopped the plan: in project "
                + project
                + " it would delete all "
                + deleted
                + " managed job(s) and create "
                + created
                + " new one(s), that is, replace every job the"
                + " file manages. Likely causes: the job keys or ownership.namespace changed (the markers in dbt"
                + " Cloud no longer match), or the plan reads another project or account than the file was applied"
                + " to. "
                + CAUSES);
      }
    }
  }
}
