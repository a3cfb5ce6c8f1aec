package io.github.dbtcloud.core.plan;

import static io.github.dbtcloud.core.plan.Specs.desired;
import static io.github.dbtcloud.core.plan.Specs.env;
import static io.github.dbtcloud.core.plan.Specs.job;
import static io.github.dbtcloud.core.plan.Specs.prod;
import static io.github.dbtcloud.core.plan.Specs.remote;
import static io.github.dbtcloud.core.plan.Specs.remoteJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.JobCompletionTrigger;
import io.github.dbtcloud.core.config.OwnershipSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.config.TriggersSpec;
import io.github.dbtcloud.core.resource.PlanOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** dbt.jobs plans the selected jobs and what they need, and never deletes. */
class SelectionTest {

  private static PlanOptions jobs(String... patterns) {
    return new PlanOptions(Set.of(), Set.of(patterns), null, Set.of(), false);
  }

  private static DesiredState file() {
    return desired(
        new OwnershipSpec(null, true, 10),
        List.of(prod(), env("ci", "CI", null, "staging"), env("qa", "QA", null, "staging")),
        List.of(),
        job("nightly", j -> j),
        job(
            "pr_check",
            j -> {
              j.environment = "ci";
              return j;
            }),
        job(
            "pr_lint",
            j -> {
              j.environment = "ci";
              return j;
            }));
  }

  @Test
  void plansOnlyTheSelectedJobsAndTheEnvironmentsTheyUse() {
    Plan plan = Plans.diff(file(), remote(remoteJob(9, "[[dropped]]", j -> j)), jobs("pr_*"));

    assertThat(plan.changes())
        .extracting(c -> c.address().toString())
        .containsExactly("environment \"ci\"", "job \"pr_check\"", "job \"pr_lint\"");
  }

  @Test
  void matchesProjectQualifiedKeys() {
    Plan plan = Plans.diff(file(), remote(), jobs("shop/nightly"));

    assertThat(plan.changes()).extracting(c -> c.address().key()).containsExactly("nightly");
  }

  @Test
  void refusesASelectionThatMatchesNoJobListingTheJobs() {
    assertThatThrownBy(() -> Plans.diff(file(), remote(), jobs("nighty")))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("dbt.jobs: 'nighty' matches no job")
        .hasMessageContaining("shop/nightly");
  }

  @Test
  void refusesToPlanAJobWhoseNewDependencyIsNotSelected() {
    DesiredState chained =
        desired(
            job("a", j -> j),
            job(
                "b",
                j -> {
                  j.triggers = Specs.completion("a", "success");
                  return j;
                }));

    assertThatThrownBy(() -> Plans.diff(chained, remote(), jobs("b")))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("needs the id of job \"a\"")
        .hasMessageContaining("Add it to dbt.jobs");
  }

  @Test
  void refusesAProjectSelectionThatLeavesOutTheProjectOfATriggeringJob() {
    DesiredState oneProject =
        desired(
            job(
                "after_close",
                j -> {
                  j.triggers =
                      new TriggersSpec(
                          null,
                          null,
                          null,
                          new JobCompletionTrigger(
                              "close_books", "finance", List.of("success"), SourcePosition.NONE));
                  return j;
                }));
    ProjectSpec shop = oneProject.projects().get("shop");
    ProjectSpec finance =
        new ProjectSpec(
            "finance",
            8L,
            null,
            Map.of(),
            Map.of(),
            Map.of("close_books", job("close_books", j -> j)),
            SourcePosition.NONE);
    DesiredState twoProjects =
        new DesiredState(
            1,
            oneProject.account(),
            oneProject.ownership(),
            Map.of("shop", shop, "finance", finance),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            List.of(),
            "");

    assertThatThrownBy(
            () ->
                Plans.diff(
                    twoProjects,
                    remote(),
                    new PlanOptions(Set.of("shop"), Set.of(), null, Set.of(), false)))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining(
            "refers to job 'close_books' of project 'finance', which is not planned (add it to"
                + " dbt.projects)");
  }
}
