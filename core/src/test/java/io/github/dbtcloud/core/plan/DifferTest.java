package io.github.dbtcloud.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.AccountSpec;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.OwnershipSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.remote.RemoteProject;
import io.github.dbtcloud.core.remote.RemoteState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DifferTest {

  private static final long ACCOUNT = 1;
  private static final long PROJECT = 7;

  private static EnvironmentSpec prod() {
    return new EnvironmentSpec("prod", "Production", List.of(), "deployment", "production", null, null, null, null,
        null, null, Set.of(), false, SourcePosition.NONE);
  }

  private static JobSpec nightly(Integer threads) {
    return new JobSpec("nightly", "Nightly", null, "prod", List.of("dbt build"), null, threads, null, null, null, null,
        null, null, null, null, null, null, null, null, Map.of(), Set.of(), false, SourcePosition.NONE);
  }

  private static DesiredState desired(JobSpec job) {
    ProjectSpec project = new ProjectSpec("shop", PROJECT, null, Map.of("prod", prod()), Map.of(),
        Map.of(job.key(), job), SourcePosition.NONE);
    return new DesiredState(1, new AccountSpec(ACCOUNT, null, SourcePosition.NONE), OwnershipSpec.defaults(),
        Map.of("shop", project), Optional.empty(), Optional.empty(), List.of());
  }

  private static RemoteState remote(List<Job> jobs) {
    Environment prod = Environment.draft(ACCOUNT, PROJECT).withName("Production").withDeploymentType("production");
    prod = new Environment(withId(prod.fields(), 70L));
    Project project = new Project(Map.of("id", PROJECT, "name", "Shop"));
    return new RemoteState(ACCOUNT, Map.of("shop", new RemoteProject("shop", project, List.of(prod), jobs)));
  }

  private static Map<String, Object> withId(Map<String, Object> fields, long id) {
    var copy = new java.util.LinkedHashMap<>(fields);
    copy.put("id", id);
    return copy;
  }

  private static Job remoteNightly(long threads) {
    Job job = Job.draft(ACCOUNT, PROJECT, 70L).withName("Nightly").withDescription("[[nightly]]")
        .withExecuteSteps(List.of("dbt build")).withThreads((int) threads);
    return new Job(withId(job.fields(), 900L));
  }

  @Test
  void plansACreateForAJobWithoutARemoteMarker() {
    Plan plan = Differ.diff(desired(nightly(8)), remote(List.of()));

    assertThat(plan.changes()).singleElement().isInstanceOf(Change.Create.class);
    assertThat(plan.changes().get(0).fields()).extracting(FieldChange::path)
        .contains("name", "description", "environment_id", "execute_steps", "settings.threads");
    assertThat(plan.summary()).isEqualTo("Plan: 1 to add, 0 to change, 0 to destroy.");
  }

  @Test
  void plansAnUpdateOfOnlyTheFieldThatDiffers() {
    Plan plan = Differ.diff(desired(nightly(8)), remote(List.of(remoteNightly(4))));

    assertThat(plan.changes()).singleElement().isInstanceOf(Change.Update.class);
    assertThat(plan.changes().get(0).fields()).containsExactly(FieldChange.of("settings.threads", 4L, 8L));
  }

  @Test
  void plansNothingWhenTheRemoteMatches() {
    assertThat(Differ.diff(desired(nightly(4)), remote(List.of(remoteNightly(4)))).isEmpty()).isTrue();
  }

  @Test
  void leavesAFieldTheFileDoesNotMentionAlone() {
    assertThat(Differ.diff(desired(nightly(null)), remote(List.of(remoteNightly(4)))).isEmpty()).isTrue();
  }

  @Test
  void reportsJobsWithoutAMarkerAsUnmanaged() {
    Job foreign = new Job(withId(Job.draft(ACCOUNT, PROJECT, 70L).withName("Hand made").fields(), 901L));

    Plan plan = Differ.diff(desired(nightly(4)), remote(List.of(remoteNightly(4), foreign)));

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.unmanaged()).containsExactly(new UnmanagedJob("shop", 901L, "Hand made"));
  }
}
