package io.github.dbtcloud.core.plan;

import static io.github.dbtcloud.core.plan.Specs.ACCOUNT;
import static io.github.dbtcloud.core.plan.Specs.PROD_ID;
import static io.github.dbtcloud.core.plan.Specs.PROJECT;
import static io.github.dbtcloud.core.plan.Specs.remoteJob;
import static io.github.dbtcloud.core.plan.Specs.remoteProd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.DesiredStateLoader;
import io.github.dbtcloud.core.identity.MarkerPlacement;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.PlanOptions;
import io.github.dbtcloud.core.resource.job.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job of a dbt-jobs-as-code file is known by that tool's {@code [[key]]} in its name and nothing
 * else: created so, left alone when it is so, and put back so (with the reason in the plan) when an
 * earlier apply wrote the plugin's own marker on it.
 */
class JobsAsCodePlanTest {

  @TempDir Path dir;
  private DesiredState desired;

  @BeforeEach
  void load() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("jobs.yml"),
            """
            jobs:
              nightly:
                account_id: %d
                project_id: %d
                environment_id: %d
                name: Nightly
                execute_steps: [dbt build]
                settings: { threads: 4 }
            """
                .formatted(ACCOUNT, PROJECT, PROD_ID));
    desired = new DesiredStateLoader(Map.of(), Map.of()).load(file);
  }

  private Plan plan(MarkerPlacement placement, Job... jobs) {
    Project project = new Project(Map.of("id", PROJECT, "name", "Shop"));
    Remote remote =
        new Remote(
            ACCOUNT,
            "https://ab123.us1.dbt.com/",
            Map.of(
                "project_" + PROJECT,
                new Remote.Listing(
                    "project_" + PROJECT, project, List.of(remoteProd()), List.of(jobs))));
    return Plans.diff(
        desired, remote, new PlanOptions(Set.of(), Set.of(), placement, Set.of(), false));
  }

  private static Job remote(String name, String description) {
    return remoteJob(900, description, j -> j.withName(name).withThreads(4));
  }

  @Test
  void createsTheJobWithTheIdentifierInDbtJobsAsCodesFormAndNothingElseInEveryPlacement() {
    for (MarkerPlacement placement : MarkerPlacement.values()) {
      Job created = (Job) ((Change.Create) plan(placement).changes().get(0)).after();

      assertThat(created.name()).as(placement.name()).isEqualTo("Nightly [[nightly]]");
      assertThat(created.description()).as(placement.name()).isEmpty();
    }
  }

  @Test
  void aJobAsDbtJobsAsCodeWroteItIsNoChangeInEveryPlacement() {
    for (MarkerPlacement placement : MarkerPlacement.values()) {
      assertThat(plan(placement, remote("Nightly [[nightly]]", "")).isEmpty())
          .as(placement.name())
          .isTrue();
      assertThat(plan(placement, remote("Nightly [[prod:nightly]]", "")).isEmpty())
          .as(placement.name() + ", import filter kept")
          .isTrue();
    }
  }

  @Test
  void putsTheIdentifierBackInDbtJobsAsCodesFormWithTheReason() {
    Change update =
        plan(MarkerPlacement.NAME, remote("Nightly [[nightly#ed7488]]", "")).changes().get(0);

    assertThat(update.fields())
        .extracting(FieldChange::path, FieldChange::after, FieldChange::note)
        .containsExactly(
            tuple(
                Job.NAME,
                "Nightly [[nightly]]",
                "marker back in dbt-jobs-as-code's form [[nightly]], so that dbt-jobs-as-code"
                    + " finds the job again"));
  }

  @Test
  void takesThePluginsMarkerOutOfTheDescriptionWithTheReason() {
    Change update =
        plan(MarkerPlacement.DESCRIPTION, remote("Nightly", "[[nightly#ed7488]]")).changes().get(0);

    assertThat(update.fields())
        .extracting(FieldChange::path, FieldChange::after, FieldChange::note)
        .containsExactly(
            tuple(
                Job.NAME,
                "Nightly [[nightly]]",
                "identifier written in dbt-jobs-as-code's form, so that both tools find the job"),
            tuple(
                Job.DESCRIPTION,
                "",
                "marker removed: the identifier in the name is the job's identity"));
  }
}
