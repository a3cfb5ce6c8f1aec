package io.github.dbtcloud.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.job.Job;
import io.github.dbtcloud.core.resource.job.JobKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectionTest {

  private static Change.Delete delete(String key, boolean protect) {
    Job job =
        Job.draft(1, 7, 70L)
            .withName("Old " + key)
            .withDescription(new Marker(null, key, "ab12cd", protect).appendTo("Was in the file."));
    Job read = new Job(Specs.with(job.fields(), "id", 500L));
    return new Change.Delete(
        new ResourceAddress(JobKind.INSTANCE, "shop", key), read, read.marker().orElseThrow());
  }

  @Test
  void aPlanThatWouldDestroyAProtectedJobStopsNamingIt() {
    Plan plan =
        new Plan(
            1,
            List.of(delete("legacy", true), delete("scratch", false)),
            List.of(),
            List.of(),
            List.of());

    assertThatThrownBy(() -> Protection.check(plan, "dbt-cloud.yml"))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageStartingWith(
            "The plan would destroy 1 protected job(s), so no plan was made:\n"
                + "  job \"legacy\" in project shop (id 500, \"Old legacy\")\n")
        .hasMessageContaining("has since left dbt-cloud.yml while ownership.prune is on")
        .hasMessageContaining("put it back with 'protect: false', apply, then remove it");
  }

  @Test
  void unprotectedJobsArePrunedAsPlanned() {
    assertThatCode(
            () ->
                Protection.check(
                    new Plan(1, List.of(delete("scratch", false)), List.of(), List.of(), List.of()),
                    "f.yml"))
        .doesNotThrowAnyException();
  }

  @Test
  void aJobTheFileProtectsIsCreatedWithAProtectedMarker() {
    Plan plan = Plans.diff(Specs.desired(protect(Specs.job("nightly", j -> j))), Specs.remote());

    Job created = (Job) ((Change.Create) plan.changes().get(0)).after();
    assertThat(Marker.find(created.description()).orElseThrow().protect()).isTrue();
  }

  @Test
  void protectingAnExistingJobIsAnUpdateOfItsMarkerAndThenNothing() {
    Job unprotected = Specs.remoteJob(500, "[[nightly]]", j -> j.withName("nightly"));
    Plan plan =
        Plans.diff(Specs.desired(protect(Specs.job("nightly", j -> j))), Specs.remote(unprotected));

    assertThat(plan.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.fields()).extracting(FieldChange::path).containsExactly(Job.DESCRIPTION);
              assertThat((String) c.fields().get(0).after()).endsWith(" protected]]");
            });
    Job protectedJob =
        Specs.remoteJob(
            500,
            ((Job) ((Change.Update) plan.changes().get(0)).after()).description(),
            j -> j.withName("nightly"));
    assertThat(
            Plans.diff(
                    Specs.desired(protect(Specs.job("nightly", j -> j))),
                    Specs.remote(protectedJob))
                .isEmpty())
        .isTrue();
  }

  private static io.github.dbtcloud.core.config.JobSpec protect(
      io.github.dbtcloud.core.config.JobSpec s) {
    return new io.github.dbtcloud.core.config.JobSpec(
        s.key(),
        s.name(),
        s.description(),
        s.environment(),
        s.executeSteps(),
        s.dbtVersion(),
        s.threads(),
        s.targetName(),
        s.timeoutSeconds(),
        s.generateDocs(),
        s.runGenerateSources(),
        s.schedule(),
        s.triggers(),
        s.deferral(),
        s.runCompareChanges(),
        s.compareChangesFlags(),
        s.runLint(),
        s.errorsOnLintFailure(),
        s.costOptimizationFeatures(),
        s.envVars(),
        s.ignoreChanges(),
        true,
        s.position());
  }
}
