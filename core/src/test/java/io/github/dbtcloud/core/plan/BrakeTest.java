package io.github.dbtcloud.core.plan;

import static io.github.dbtcloud.core.plan.Specs.desired;
import static io.github.dbtcloud.core.plan.Specs.job;
import static io.github.dbtcloud.core.plan.Specs.prod;
import static io.github.dbtcloud.core.plan.Specs.remote;
import static io.github.dbtcloud.core.plan.Specs.remoteJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.OwnershipSpec;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.PlanOptions;
import io.github.dbtcloud.core.resource.Unmanaged;
import io.github.dbtcloud.core.resource.job.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pruning stays in the file's namespace, and the brake stops plans that look like a wrong listing.
 */
class BrakeTest {

  private static DesiredState owned(boolean prune, int maxDeletes, JobSpec... jobs) {
    return desired(
        new OwnershipSpec("analytics", prune, maxDeletes), List.of(prod()), List.of(), jobs);
  }

  private static Job managed(long id, String key) {
    return remoteJob(id, "[[analytics/" + key + "]]", j -> j.withName(key));
  }

  @Test
  void prunesOnlyManagedJobsOfTheFilesNamespace() {
    Plan plan =
        Plans.diff(
            owned(true, 10, job("keep", j -> j)),
            remote(
                managed(1, "keep"),
                managed(2, "dropped"),
                remoteJob(3, "[[finance/dropped]]", j -> j),
                remoteJob(4, "", j -> j)));

    assertThat(plan.changes())
        .singleElement()
        .isInstanceOf(Change.Delete.class)
        .satisfies(c -> assertThat(c.before().id()).isEqualTo(2L));
    assertThat(plan.unmanaged()).extracting(Unmanaged::id).containsExactly(3L, 4L);
  }

  @Test
  void neverPrunesWithPruneOff() {
    assertThat(
            Plans.diff(
                    owned(false, 10, job("keep", j -> j)),
                    remote(managed(1, "keep"), managed(2, "dropped")))
                .isEmpty())
        .isTrue();
  }

  @Test
  void stopsMoreDeletesThanMaxDeletesNamingThem() {
    List<Job> jobs = new ArrayList<>(List.of(managed(1, "keep")));
    for (int i = 0; i < 3; i++) {
      jobs.add(managed(10 + i, "old" + i));
    }

    assertThatThrownBy(
            () -> Plans.diff(owned(true, 2, job("keep", j -> j)), remote(jobs.toArray(Job[]::new))))
        .isInstanceOf(BrakeException.class)
        .hasMessageContaining("would delete 3 managed job(s), more than ownership.max_deletes = 2")
        .hasMessageContaining("shop/old0 (id 10)")
        .hasMessageContaining("wrong host");
  }

  @Test
  void stopsAPlanThatWouldReplaceEveryManagedJob() {
    // the markers in dbt Cloud no longer match the keys: everything would be deleted and created
    // anew
    assertThatThrownBy(
            () ->
                Plans.diff(
                    owned(true, 10, job("a", j -> j), job("b", j -> j)),
                    remote(managed(1, "x"), managed(2, "y"))))
        .isInstanceOf(BrakeException.class)
        .hasMessageContaining("delete all 2 managed job(s) and create 2 new one(s)")
        .hasMessageContaining("ownership.namespace changed");
  }

  @Test
  void stopsAPlanIntoAProjectThatListsNothing() {
    assertThatThrownBy(
            () -> Plans.diff(owned(false, 10, job("a", j -> j)), remote(List.of(), List.of())))
        .isInstanceOf(BrakeException.class)
        .hasMessageContaining("lists no environment and no job in project shop (id 7)")
        .hasMessageContaining("https://ab123.us1.dbt.com/")
        .hasMessageContaining("-Ddbt.allowEmptyProject=true");
  }

  @Test
  void letsAnEmptyProjectThroughWhenTheBuildSaysItIsNew() {
    Plan plan =
        Plans.diff(
            owned(false, 10, job("a", j -> j)),
            remote(List.of(), List.of()),
            new PlanOptions(Set.of(), Set.of(), null, Set.of(), true));

    assertThat(plan.toAdd()).isEqualTo(2);
  }

  @Test
  void deletesComeLastAndAtMostMaxDeletesPass() {
    Plan plan =
        Plans.diff(
            owned(true, 2, job("keep", j -> j), job("new", j -> j)),
            remote(managed(1, "keep"), managed(2, "old1"), managed(3, "old2")));

    assertThat(plan.changes())
        .extracting(Change::action)
        .containsExactly("create", "delete", "delete");
  }
}
