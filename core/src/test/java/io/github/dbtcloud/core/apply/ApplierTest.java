package io.github.dbtcloud.core.apply;

import static io.github.dbtcloud.core.apply.ApplyFixtures.apply;
import static io.github.dbtcloud.core.apply.ApplyFixtures.desired;
import static io.github.dbtcloud.core.apply.ApplyFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.resource.WriteContext;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.job.Job;
import io.github.dbtcloud.core.resource.job.JobEnvironmentVariable;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplierTest {

  private static final String PROD =
      "    environments:\n      prod: { name: Production, type: deployment }\n";
  private static final String TWO_ENVIRONMENTS =
      "    environments:\n"
          + "      prod: { name: Production, type: deployment }\n"
          + "      ci: { name: CI, type: deployment }\n"
          + "    jobs:\n"
          + "      nightly: { environment: prod, execute_steps: [dbt build] }\n"
          + "      pr_check: { environment: ci, execute_steps: [dbt build] }\n";

  @TempDir Path dir;

  private final FakeDbtCloud cloud = new FakeDbtCloud();

  @Test
  void createsAChainOfNewJobsInOneApplyEachGivenTheIdCreatedJustBefore() {
    DesiredState desired =
        desired(
            dir,
            PROD
                + "    jobs:\n"
                + "      c: { environment: prod, execute_steps: [dbt build], triggers: { on_job_completion: { job: b } } }\n"
                + "      b: { environment: prod, execute_steps: [dbt build], triggers: { on_job_completion: { job: a } } }\n"
                + "      a: { environment: prod, execute_steps: [dbt build] }\n");

    ApplyResult result = apply(plan(desired, cloud), cloud);

    assertThat(result.complete()).isTrue();
    assertThat(result.added()).isEqualTo(4);
    Job a = job("a");
    Job b = job("b");
    Job c = job("c");
    assertThat(b.completionTriggerJobId()).isEqualTo(a.id());
    assertThat(c.completionTriggerJobId()).isEqualTo(b.id());
    long prod =
        cloud.environments().stream()
            .filter(e -> "Production".equals(e.name()))
            .findFirst()
            .orElseThrow()
            .id();
    assertThat(List.of(a, b, c)).allSatisfy(j -> assertThat(j.environmentId()).isEqualTo(prod));
    assertThat(plan(desired, cloud).isEmpty()).isTrue();
  }

  @Test
  void runsIndependentChangesAtTheSameTime() {
    CountDownLatch both = new CountDownLatch(2);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    cloud.onCall(
        op -> {
          if (op.equals("createEnvironment")) {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            both.countDown();
            try {
              both.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
          }
        });

    ApplyResult result = apply(plan(desired(dir, TWO_ENVIRONMENTS), cloud), cloud);

    assertThat(result.complete()).isTrue();
    assertThat(peak.get()).isEqualTo(2);
  }

  @Test
  void aCreateCommittedButAnsweredWith500IsAdoptedNotSentAgain() {
    cloud.fail("createJob", 500, true);
    DesiredState desired = desired(dir, TWO_ENVIRONMENTS);

    ApplyResult result = apply(plan(desired, cloud), cloud);

    assertThat(result.complete()).isTrue();
    assertThat(result.added()).isEqualTo(4);
    assertThat(cloud.jobs()).hasSize(2);
    assertThat(cloud.writes.stream().filter(w -> w.equals("POST /jobs/"))).hasSize(2);
    assertThat(result.done())
        .anySatisfy(
            d -> assertThat(d.detail()).contains("answer was lost (HTTP 500").contains("adopted"));
    assertThat(plan(desired, cloud).isEmpty()).isTrue();
  }

  @Test
  void aCreateWhoseAnswerNeverCameIsAdoptedWhenItWasCommitted() {
    cloud.fail("createEnvironment", 0, true);
    DesiredState desired = desired(dir, PROD);

    ApplyResult result = apply(plan(desired, cloud), cloud);

    assertThat(result.complete()).isTrue();
    assertThat(cloud.environments())
        .extracting(Environment::name)
        .containsExactly("Development", "Production");
    assertThat(result.done().get(0).detail())
        .contains("no answer to POST /api/v3/accounts/1/projects/2/environments/");
  }

  @Test
  void aCreateThatWasNotCommittedFailsHonestlySkipsOnlyItsDependentsAndASecondApplyConverges() {
    cloud.fail("createEnvironment", 500, false);
    DesiredState desired = desired(dir, TWO_ENVIRONMENTS);
    ApplyFixtures.Lines console = new ApplyFixtures.Lines();

    ApplyResult first =
        apply(plan(desired, cloud), cloud, new ApplyOptions(1, false), new StopSignal(), console);

    assertThat(first.complete()).isFalse();
    assertThat(first.failed())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.id()).isEqualTo("environment \"prod\"");
              assertThat(f.message())
                  .contains(
                      "dbt Cloud answered HTTP 500 to POST /api/v3/accounts/1/projects/2/environments/ (There was a server error")
                  .contains(
                      "the project's environments were listed again: there is no environment named \"Production\","
                          + " so it was not created. Apply again to create it.");
            });
    assertThat(first.skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.id()).isEqualTo("job \"nightly\"");
              assertThat(s.reason()).isEqualTo("waits for environment \"prod\", which failed");
            });
    assertThat(first.done())
        .extracting(StepOutcome::id)
        .containsExactly("environment \"ci\"", "job \"pr_check\"");
    assertThat(first.added()).isEqualTo(2);

    ApplyResult second = apply(plan(desired, cloud), cloud);

    assertThat(second.complete()).isTrue();
    assertThat(second.added()).isEqualTo(2);
    assertThat(plan(desired, cloud).isEmpty()).isTrue();
    assertThat(cloud.jobs()).hasSize(2);
  }

  @Test
  void aRateLimitedCreateIsSentAgainAfterAWaitBecauseDbtCloudDidNothingWithIt() {
    cloud.fail("createEnvironment", 429, false);
    ApplyFixtures.Lines console = new ApplyFixtures.Lines();

    ApplyResult result =
        apply(
            plan(desired(dir, PROD), cloud),
            cloud,
            ApplyOptions.defaults(),
            new StopSignal(),
            console);

    assertThat(result.complete()).isTrue();
    assertThat(console.waits).containsExactly(WriteContext.RATE_LIMITED_WAITS.get(0));
    assertThat(cloud.environments()).hasSize(2);
  }

  @Test
  void aRefusedCreateFailsWithDbtCloudsMessageAndIsNotLookedFor() {
    cloud.fail("createEnvironment", 400, false);
    Plan plan = plan(desired(dir, PROD), cloud);
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    cloud.onCall(calls::add);

    ApplyResult result = apply(plan, cloud);

    assertThat(result.failed())
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .startsWith(
                        "dbt Cloud answered HTTP 400 to POST /api/v3/accounts/1/projects/2/environments/: The request was invalid."));
    assertThat(calls).containsExactly("createEnvironment");
  }

  @Test
  void anUpdateKeepsWhatDbtCloudChangedSinceThePlanWhenThePlanDoesNotChangeIt() {
    Environment prod = cloud.environment("Production", "deployment");
    DesiredState desired =
        desired(
            dir,
            "    environments:\n"
                + "      prod: { name: Production, type: deployment, deployment_type: production }\n");
    Plan plan = plan(desired, cloud);
    // someone sets the credentials in the UI between plan and apply
    cloud.byHand(prod.withCredentialsId(99L));

    ApplyResult result = apply(plan, cloud);

    assertThat(result.changed()).isEqualTo(1);
    Environment now =
        cloud.environments().stream()
            .filter(e -> e.id().equals(prod.id()))
            .findFirst()
            .orElseThrow();
    assertThat(now.deploymentType()).isEqualTo("production");
    assertThat(now.credentialsId()).isEqualTo(99L);
  }

  @Test
  void anUpdateOfAJobDeletedSinceThePlanFailsAndSaysThatApplyingAgainCreatesIt() {
    Environment prod = cloud.environment("Production", "deployment");
    Job nightly = cloud.job(managed("nightly").withEnvironmentId(prod.id()));
    DesiredState desired =
        desired(
            dir,
            PROD
                + "    jobs:\n"
                + "      nightly: { environment: prod, execute_steps: [dbt build], threads: 8 }\n");
    Plan plan = plan(desired, cloud);
    cloud.deleteJob(nightly.id());

    ApplyResult result = apply(plan, cloud);

    assertThat(result.failed())
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .isEqualTo(
                        "job \"nightly\" (id "
                            + nightly.id()
                            + ") no longer exists in dbt Cloud: it was deleted since the"
                            + " plan was made. Apply again: the new plan creates it."));
  }

  @Test
  void aPrunedJobAlreadyGoneCountsAsDestroyed() {
    Job old = cloud.job(managed("old"));
    DesiredState desired = desired(dir, "ownership: { prune: true }\n", "    jobs: {}\n");
    Plan plan = plan(desired, cloud);
    cloud.deleteJob(old.id());

    ApplyResult result = apply(plan, cloud);

    assertThat(result.complete()).isTrue();
    assertThat(result.destroyed()).isEqualTo(1);
    assertThat(result.done().get(0).detail())
        .isEqualTo("destroyed (id " + old.id() + "; it was already gone)");
  }

  @Test
  void failFastStartsNothingAfterTheFirstFailure() {
    cloud.fail("createEnvironment", 400, false);

    ApplyResult result =
        apply(
            plan(desired(dir, TWO_ENVIRONMENTS), cloud),
            cloud,
            new ApplyOptions(1, true),
            new StopSignal(),
            new ApplyFixtures.Lines());

    assertThat(result.done()).isEmpty();
    assertThat(result.failed()).hasSize(1);
    assertThat(result.skipped())
        .extracting(s -> s.id() + ": " + s.reason())
        .containsExactly(
            "environment \"ci\": not started: fail-fast after the first failure",
            "job \"nightly\": waits for environment \"prod\", which failed",
            "job \"pr_check\": not started: fail-fast after the first failure");
  }

  @Test
  void aStopLetsTheRequestInFlightFinishAndStartsNothingNew() {
    StopSignal stop = new StopSignal();
    Plan plan = plan(desired(dir, TWO_ENVIRONMENTS), cloud);
    cloud.onCall(op -> stop.request("the build was interrupted"));

    ApplyResult result =
        apply(plan, cloud, new ApplyOptions(1, false), stop, new ApplyFixtures.Lines());

    assertThat(result.done()).extracting(StepOutcome::id).containsExactly("environment \"prod\"");
    assertThat(result.skipped())
        .hasSize(3)
        .allSatisfy(s -> assertThat(s.reason()).isEqualTo("stopped: the build was interrupted"));
    assertThat(cloud.environments()).hasSize(2);
  }

  @Test
  void variablesAndOverridesOfNewObjectsAreWrittenAfterThem() {
    DesiredState desired =
        desired(
            dir,
            PROD
                + "    env_vars:\n      DBT_TARGET: { project: dev, prod: prod }\n"
                + "    jobs:\n      nightly:\n        environment: prod\n        execute_steps: [dbt build]\n"
                + "        env_vars: { DBT_TARGET: nightly }\n"
                + "      merge: { environment: prod, execute_steps: [dbt build], defer_to: { job: self } }\n");

    ApplyResult result = apply(plan(desired, cloud), cloud);

    assertThat(result.complete()).isTrue();
    Job nightly = job("nightly");
    List<JobEnvironmentVariable> overrides =
        cloud.jobEnvironmentVariables(FakeDbtCloud.PROJECT, nightly.id());
    assertThat(overrides)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.jobId()).isEqualTo(nightly.id());
              assertThat(v.id()).isNotNull();
            });
    Job merge = job("merge");
    assertThat(merge.deferringJobId()).isEqualTo(merge.id());
    assertThat(
            cloud.environmentVariables(FakeDbtCloud.PROJECT).variables().get("DBT_TARGET").values())
        .containsEntry("project", "dev")
        .containsEntry("Production", "prod");
    assertThat(plan(desired, cloud).isEmpty()).isTrue();
  }

  @Test
  void aPartialFailureIsReportedChangeByChangeWithWhatToDoNext() {
    cloud.fail("createEnvironment", 500, false);
    ApplyFixtures.Lines console = new ApplyFixtures.Lines();
    StopSignal stop = new StopSignal();
    ApplyResult result =
        apply(
            plan(desired(dir, TWO_ENVIRONMENTS), cloud),
            cloud,
            new ApplyOptions(1, false),
            stop,
            console);

    ApplySummary.print(result, stop, console);

    assertThat(console.text())
        .contains(
            "Apply incomplete: 2 done, 1 failed, 1 skipped. Resources: 2 added, 0 changed,"
                + " 0 destroyed.")
        .contains("  FAILED   environment \"prod\": dbt Cloud answered HTTP 500")
        .contains("  skipped  job \"nightly\": waits for environment \"prod\", which failed")
        .containsPattern("  done     environment \"ci\": created \\(id \\d+\\)")
        .contains("What was done stays done: fix the cause, then run dbt:apply again");
    assertThat(ApplySummary.failureMessage(result, stop))
        .startsWith("Apply incomplete: 2 done, 1 failed, 1 skipped.")
        .contains("failed: environment \"prod\": dbt Cloud answered HTTP 500")
        .contains("skipped: job \"nightly\"");
  }

  private Job job(String key) {
    return cloud.jobs().stream()
        .filter(
            j -> Marker.findIn(j.description(), j.name()).map(Marker::key).orElse("").equals(key))
        .findFirst()
        .orElseThrow();
  }

  private Job managed(String key) {
    long env = cloud.environments().get(0).id();
    return Job.draft(FakeDbtCloud.ACCOUNT, FakeDbtCloud.PROJECT, env)
        .withName(key)
        .withDescription(new Marker(null, key).text())
        .withExecuteSteps(List.of("dbt build"));
  }
}
