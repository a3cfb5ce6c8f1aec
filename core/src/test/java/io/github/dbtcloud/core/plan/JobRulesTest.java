package io.github.dbtcloud.core.plan;

import static io.github.dbtcloud.core.plan.Specs.desired;
import static io.github.dbtcloud.core.plan.Specs.job;
import static io.github.dbtcloud.core.plan.Specs.remote;
import static io.github.dbtcloud.core.plan.Specs.remoteJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.config.JobCompletionTrigger;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.config.TriggersSpec;
import io.github.dbtcloud.core.resource.PlanRefusedException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A completion trigger on a job the file gives by id is checked against the snapshot before
 * anything is written: the job must exist, in the project the file names for it.
 */
class JobRulesTest {

  private static final SourcePosition AT = new SourcePosition(Path.of("dbt-cloud.yml"), 20, 9);

  private static JobSpec triggeredBy(long jobId, long projectId) {
    return job(
        "marts",
        j -> {
          j.triggers =
              new TriggersSpec(
                  null,
                  null,
                  null,
                  new JobCompletionTrigger(null, null, jobId, projectId, List.of("success"), AT));
          return j;
        });
  }

  @Test
  void aTriggerOnAJobOfAnotherProjectThanTheOneNamedIsRefused() {
    assertThatThrownBy(
            () ->
                Plans.diff(
                    desired(triggeredBy(901, 8)),
                    remote(remoteJob(901, "hand made", j -> j.withName("Upstream")))))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessageContaining(
            "dbt-cloud.yml:20:9 projects.shop.jobs.marts.triggers.on_job_completion: job 901 is in"
                + " project shop (id 7), not in project_id 8")
        .hasMessageContaining("Fix project_id");
  }

  @Test
  void aTriggerOnAJobThatDoesNotExistInAPlannedProjectIsRefused() {
    assertThatThrownBy(() -> Plans.diff(desired(triggeredBy(999, 7)), remote()))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessageContaining("project Shop (id 7) has no job 999 in dbt Cloud; fix job_id");
  }

  @Test
  void aTriggerOnAnExistingJobOfItsProjectIsPlanned() {
    Plan plan =
        Plans.diff(
            desired(triggeredBy(901, 7)),
            remote(remoteJob(901, "hand made", j -> j.withName("Upstream"))));

    assertThat(plan.toAdd()).isEqualTo(1);
  }

  @Test
  void aTriggerOnAJobOfAProjectThePlanDidNotReadIsLeftToDbtCloud() {
    assertThat(Plans.diff(desired(triggeredBy(901, 99)), remote()).toAdd()).isEqualTo(1);
  }
}
