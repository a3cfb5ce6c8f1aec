package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.Identities;
import io.github.dbtcloud.core.resource.PlanOptions;
import io.github.dbtcloud.core.resource.ResourceKind;
import io.github.dbtcloud.core.resource.Snapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Stops a plan that looks like the consequence of a wrong listing rather than of the file: more
 * deletes than {@code ownership.max_deletes}; every managed object of a kind in a project replaced
 * (deleted, with new ones created); or a project dbt Cloud lists as completely empty although the
 * plan would create objects in it (a project that has been set up always has at least its
 * development environment, so an empty listing is almost always a permission problem).
 */
final class Brake {

  private static final String CAUSES =
      "This usually means dbt Cloud's listing is not what it seems: a wrong"
          + " host (account.host or dbt.baseUrl), a token of another account, or a token whose"
          + " permissions do not cover the project's jobs and environments.";

  private Brake() {}

  static void check(
      Plan plan,
      DesiredState desired,
      Snapshot snapshot,
      Identities identities,
      List<ResourceKind<?>> kinds,
      PlanOptions options) {
    String host = snapshot.host() == null ? "the configured host" : snapshot.host();
    for (String project : snapshot.projects().keySet()) {
      // a kind read after another (a job's overrides) can list nothing its parent did not
      List<ResourceKind<?>> read =
          kinds.stream()
              .filter(k -> k.readsAfter().isEmpty() && snapshot.part(k, project) != null)
              .toList();
      List<Change> creates =
          plan.changes().stream()
              .filter(c -> c instanceof Change.Create && project.equals(c.address().project()))
              .toList();
      boolean listsNothing = read.stream().allMatch(k -> listed(k, snapshot, project) == 0);
      if (!creates.isEmpty() && listsNothing && !options.allowEmptyProject()) {
        ProjectSpec spec = desired.projects().get(project);
        throw new BrakeException(
            "The brake stopped the plan: dbt Cloud at "
                + host
                + " lists no "
                + read.stream().map(Brake::word).collect(Collectors.joining(" and no "))
                + " in project "
                + spec.describe()
                + ", yet "
                + desired.name()
                + " manages "
                + counts(creates, "")
                + " there, so every one of them would be created. "
                + CAUSES
                + " Fix the host or the token's permissions and plan again. If this project really"
                + " is brand new and empty, plan with -Ddbt.allowEmptyProject=true.");
      }
    }
    List<Change> deletes = plan.changes().stream().filter(c -> c instanceof Change.Delete).toList();
    int maxDeletes = desired.ownership().maxDeletes();
    if (deletes.size() > maxDeletes) {
      throw new BrakeException(
          "The brake stopped the plan: it would delete "
              + counts(deletes, "managed ")
              + ", more than ownership.max_deletes = "
              + maxDeletes
              + ": "
              + deletes.stream()
                  .map(c -> c.address().scope() + "/" + c.address().key() + " (id " + c.id() + ")")
                  .toList()
              + ". "
              + CAUSES
              + " If the file really dropped them, raise ownership.max_deletes for"
              + " this change, or delete them in smaller steps.");
    }
    for (ResourceKind<?> kind : kinds) {
      for (String project : snapshot.projects().keySet()) {
        int managed = identities.count(kind, project);
        long deleted = count(deletes, kind, project);
        long created =
            count(
                plan.changes().stream().filter(c -> c instanceof Change.Create).toList(),
                kind,
                project);
        if (managed > 0 && deleted == managed && created > 0) {
          throw new BrakeException(
              "The brake stopped the plan: in project "
                  + project
                  + " it would delete all "
                  + deleted
                  + " managed "
                  + word(kind)
                  + "(s) and create "
                  + created
                  + " new one(s), that is, replace every "
                  + word(kind)
                  + " the file manages. Likely causes: the keys or ownership.namespace changed (the"
                  + " markers in dbt Cloud no longer match), or the plan reads another project or"
                  + " account than the file was applied to. "
                  + CAUSES);
        }
      }
    }
  }

  private static long count(List<Change> changes, ResourceKind<?> kind, String project) {
    return changes.stream()
        .filter(
            c -> c.address().kind().equals(kind) && Objects.equals(project, c.address().project()))
        .count();
  }

  /** {@code 2 environment(s) and 3 job(s)}, each count followed by {@code adjective}. */
  private static String counts(List<Change> changes, String adjective) {
    Map<String, Integer> byKind = new LinkedHashMap<>();
    changes.forEach(c -> byKind.merge(word(c.address().kind()), 1, Integer::sum));
    return byKind.entrySet().stream()
        .map(e -> e.getValue() + " " + adjective + e.getKey() + "(s)")
        .collect(Collectors.joining(" and "));
  }

  /** A kind's name as prose: {@code environment variable}. */
  private static String word(ResourceKind<?> kind) {
    return kind.name().replace('_', ' ');
  }

  private static <S> int listed(ResourceKind<S> kind, Snapshot snapshot, String project) {
    return kind.listed(snapshot.part(kind, project));
  }
}
