package io.github.dbtcloud.core.plan;

import static io.github.dbtcloud.core.plan.Specs.ACCOUNT;
import static io.github.dbtcloud.core.plan.Specs.PROD_ID;
import static io.github.dbtcloud.core.plan.Specs.PROJECT;
import static io.github.dbtcloud.core.plan.Specs.completion;
import static io.github.dbtcloud.core.plan.Specs.cron;
import static io.github.dbtcloud.core.plan.Specs.desired;
import static io.github.dbtcloud.core.plan.Specs.env;
import static io.github.dbtcloud.core.plan.Specs.job;
import static io.github.dbtcloud.core.plan.Specs.prod;
import static io.github.dbtcloud.core.plan.Specs.remote;
import static io.github.dbtcloud.core.plan.Specs.remoteJob;
import static io.github.dbtcloud.core.plan.Specs.remoteProd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.config.DeferralSpec;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.JobCompletionTrigger;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.OwnershipSpec;
import io.github.dbtcloud.core.config.ScheduleSpec;
import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.config.TriggersSpec;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.identity.MarkerPlacement;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.PendingReference;
import io.github.dbtcloud.core.resource.PlanOptions;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.Unmanaged;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.job.DuplicateMarkerException;
import io.github.dbtcloud.core.resource.job.Job;
import io.github.dbtcloud.core.resource.job.JobKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DifferTest {

  private static JobSpec nightly(Integer threads) {
    return job(
        "nightly",
        j -> {
          j.name = "Nightly";
          j.threads = threads;
          return j;
        });
  }

  private static Job remoteNightly(long threads) {
    return remoteJob(900, "[[nightly]]", j -> j.withName("Nightly").withThreads((int) threads));
  }

  private static List<String> paths(Change c) {
    return c.fields().stream().map(FieldChange::path).toList();
  }

  // ------------------------------------------------------------ the basics

  @Test
  void plansACreateShowingEveryFieldTheFileSetsAndNothingElse() {
    Plan plan =
        Plans.diff(
            desired(
                job(
                    "nightly",
                    j -> {
                      j.name = "Nightly";
                      j.threads = 1;
                      j.schedule = cron("0 5 * * *");
                      return j;
                    })),
            remote());

    Change create = plan.changes().get(0);
    assertThat(create).isInstanceOf(Change.Create.class);
    // threads = 1 is the server default, and still shown: the file sets it
    assertThat(paths(create))
        .containsExactly(
            "name",
            "description",
            "environment_id",
            "execute_steps",
            "settings.threads",
            "schedule.cron",
            "triggers.schedule");
    assertThat(plan.summary()).isEqualTo("Plan: 1 to add, 0 to change, 0 to destroy.");
  }

  @Test
  void aCreatedEnvironmentShowsItsTypeEvenWhenItIsTheDefault() {
    DesiredState desired =
        desired(
            OwnershipSpec.defaults(),
            List.of(prod(), env("ci", "CI", "deployment", "staging")),
            List.of());

    Plan plan = Plans.diff(desired, remote());

    assertThat(plan.changes())
        .singleElement()
        .satisfies(c -> assertThat(paths(c)).containsExactly("name", "type", "deployment_type"));
  }

  @Test
  void plansAnUpdateOfOnlyTheFieldThatDiffers() {
    Plan plan = Plans.diff(desired(nightly(8)), remote(remoteNightly(4)));

    assertThat(plan.changes()).singleElement().isInstanceOf(Change.Update.class);
    assertThat(plan.changes().get(0).fields())
        .extracting(FieldChange::path, FieldChange::before, FieldChange::after)
        .containsExactly(tuple("settings.threads", 4L, 8L));
  }

  @Test
  void plansNothingWhenTheRemoteMatchesAndListsItAsUnchanged() {
    Plan plan = Plans.diff(desired(nightly(4)), remote(remoteNightly(4)));

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.unchanged())
        .extracting(u -> u.address().key())
        .containsExactly("prod", "nightly");
    assertThat(plan.unchanged().get(1).fingerprint().contentHash()).startsWith("sha256:");
  }

  @Test
  void leavesAFieldTheFileDoesNotMentionAlone() {
    assertThat(Plans.diff(desired(nightly(null)), remote(remoteNightly(4))).isEmpty()).isTrue();
  }

  @Test
  void anUpdateCarriesTheFingerprintOfTheRemoteObjectAsRead() {
    Job current =
        new Job(
            Specs.with(
                remoteNightly(4).fields(), "updated_at", "2021-11-18T15:19:03.185687+00:00"));

    Change update = Plans.diff(desired(nightly(8)), remote(current)).changes().get(0);

    assertThat(update.remoteFingerprint().updatedAt()).hasToString("2021-11-18T15:19:03.185687Z");
    assertThat(update.remoteFingerprint()).isEqualTo(current.fingerprint());
  }

  // ------------------------------------------------------------- identity

  @Test
  void reportsJobsWithoutAMarkerOrWithAnotherNamespacesMarkerAsUnmanaged() {
    Job handMade = remoteJob(901, "", j -> j.withName("Hand made"));
    Job foreign = remoteJob(902, "[[finance/export]]", j -> j.withName("Export"));

    Plan plan = Plans.diff(desired(nightly(4)), remote(remoteNightly(4), handMade, foreign));

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.unmanaged())
        .containsExactly(
            new Unmanaged(JobKind.INSTANCE, "shop", 901L, "Hand made"),
            new Unmanaged(JobKind.INSTANCE, "shop", 902L, "Export"));
  }

  @Test
  void twoRemoteJobsWithTheSameMarkerIsAnErrorNamingBoth() {
    assertThatThrownBy(
            () ->
                Plans.diff(
                    desired(nightly(4)),
                    remote(remoteNightly(4), remoteJob(901, "copy [[nightly#abcdef]]", j -> j))))
        .isInstanceOf(DuplicateMarkerException.class)
        .hasMessageContaining("900")
        .hasMessageContaining("901");
  }

  @Test
  void theDuplicateMarkerStopListsEveryDuplicatedMarkerWithTheJobsAndTheirPages() {
    Remote three =
        remote(
            remoteJob(900, "", j -> j.withName("A [[a]]")),
            remoteJob(901, "", j -> j.withName("A copy [[prod:a]]")),
            remoteJob(902, "[[b#abcdef]]", j -> j),
            remoteJob(903, "[[b]]", j -> j),
            remoteJob(904, "", j -> j.withName("C [[c]]")),
            remoteJob(905, "", j -> j.withName("C again [[c]]")));

    assertThatThrownBy(() -> Plans.diff(desired(nightly(4)), three))
        .isInstanceOf(DuplicateMarkerException.class)
        .hasMessageContaining("3 markers are carried by more than one job")
        .hasMessageContaining("[[a]]: jobs 900 (https://ab123.us1.dbt.com/deploy/")
        .hasMessageContaining("/jobs/900), 901 (")
        .hasMessageContaining("[[b]]: jobs 902 (")
        .hasMessageContaining("[[c]]: jobs 904 (")
        .hasMessageContaining("/jobs/905)");
  }

  @Test
  void keepsADbtJobsAsCodeIdentifierInTheNameAndAddsItsMarkerToTheDescription() {
    Job jac = remoteJob(900, "", j -> j.withName("Nightly [[nightly]]"));

    Change update = Plans.diff(desired(nightly(null)), remote(jac)).changes().get(0);

    assertThat(update.fields()).extracting(FieldChange::path).containsExactly(Job.DESCRIPTION);
    assertThat(update.fields().get(0).note()).startsWith("marker written in the description");
    Job after = (Job) ((Change.Update) update).after();
    assertThat(after.name()).isEqualTo("Nightly [[nightly]]");
    assertThat(after.description()).matches("\\[\\[nightly#[0-9a-f]{6}]]");
  }

  @Test
  void movesAPluginMarkerOutOfTheNameWithAReason() {
    Job old = remoteJob(900, "", j -> j.withName("Nightly [[nightly#abcdef]]"));

    Change update = Plans.diff(desired(nightly(null)), remote(old)).changes().get(0);

    assertThat(update.fields())
        .extracting(FieldChange::path, FieldChange::after, FieldChange::note)
        .startsWith(tuple("name", "Nightly", "marker moves to the description"));
  }

  @Test
  void writesTheMarkerIntoTheNameWhenAsked() {
    PlanOptions byName = new PlanOptions(Set.of(), Set.of(), MarkerPlacement.NAME, Set.of(), false);

    Change create = Plans.diff(desired(nightly(null)), remote(), byName).changes().get(0);

    Job after = (Job) ((Change.Create) create).after();
    assertThat(after.name()).matches("Nightly \\[\\[nightly#[0-9a-f]{6}]]");
    assertThat(after.description()).isEmpty();
    assertThat(Marker.findIn(after.description(), after.name()))
        .map(Marker::key)
        .contains("nightly");
  }

  @Test
  void writesTheMarkerWhereTheFileSaysUnlessTheBuildSaysOtherwise() {
    DesiredState byName =
        desired(
            new OwnershipSpec(null, false, 10, MarkerPlacement.NAME),
            List.of(prod()),
            List.of(),
            nightly(null));
    DesiredState byDescription = desired(nightly(null));

    Job fromFile = (Job) ((Change.Create) Plans.diff(byName, remote()).changes().get(0)).after();
    Job overridden =
        (Job)
            ((Change.Create)
                    Plans.diff(
                            byDescription,
                            remote(),
                            new PlanOptions(
                                Set.of(), Set.of(), MarkerPlacement.NAME, Set.of(), false))
                        .changes()
                        .get(0))
                .after();
    Job overriddenBack =
        (Job)
            ((Change.Create)
                    Plans.diff(
                            byName,
                            remote(),
                            new PlanOptions(
                                Set.of(), Set.of(), MarkerPlacement.DESCRIPTION, Set.of(), false))
                        .changes()
                        .get(0))
                .after();

    assertThat(fromFile.name()).matches("Nightly \\[\\[nightly#[0-9a-f]{6}]]");
    assertThat(overridden.name()).matches("Nightly \\[\\[nightly#[0-9a-f]{6}]]");
    assertThat(overriddenBack.name()).isEqualTo("Nightly");
    assertThat(overriddenBack.description()).matches("\\[\\[nightly#[0-9a-f]{6}]]");
  }

  @Test
  void adoptsAJobDbtJobsAsCodeCreatedAndKeepsItsIdentifierAsItIs() {
    Job fromJobsAsCode = remoteJob(900, "", j -> j.withName("Nightly [[prod:nightly]]"));

    Plan plan = Plans.diff(desired(nightly(null)), remote(fromJobsAsCode));

    assertThat(plan.toAdd()).isZero();
    Change.Update update = (Change.Update) plan.changes().get(0);
    assertThat(update.fields())
        .extracting(FieldChange::path, FieldChange::before)
        .containsExactly(tuple(Job.DESCRIPTION, ""));
    Job after = (Job) update.after();
    assertThat(after.name()).isEqualTo("Nightly [[prod:nightly]]");
    assertThat(after.description()).matches("\\[\\[nightly#[0-9a-f]{6}]]");
    assertThat(plan.unmanaged()).isEmpty();
  }

  @Test
  void aChangedFingerprintAloneIsNoChange() {
    Job withOldFingerprint =
        remoteJob(900, "[[nightly#000000]]", j -> j.withName("Nightly").withThreads(4));

    assertThat(Plans.diff(desired(nightly(4)), remote(withOldFingerprint)).isEmpty()).isTrue();
  }

  @Test
  void aChangedFingerprintShowsWithItsReasonBesideARealChange() {
    Job withOldFingerprint =
        remoteJob(900, "[[nightly#000000]]", j -> j.withName("Nightly").withThreads(4));

    Change update = Plans.diff(desired(nightly(8)), remote(withOldFingerprint)).changes().get(0);

    assertThat(update.fields())
        .extracting(FieldChange::path, FieldChange::note)
        .containsExactly(
            tuple(Job.THREADS, null),
            tuple(Job.DESCRIPTION, "marker fingerprint updated to the configuration applied now"));
  }

  @Test
  void aMarkerWithoutFingerprintYetIsNoChange() {
    Job legacy = remoteJob(900, "[[nightly]]", j -> j.withName("Nightly").withThreads(4));

    assertThat(Plans.diff(desired(nightly(4)), remote(legacy)).isEmpty()).isTrue();
  }

  // -------------------------------------------------------- normalisation

  @Test
  void treatsNullAndEmptyAsTheSame() {
    Job remote =
        remoteJob(
            900,
            "[[nightly]]",
            j -> new Job(Specs.with(j.withName("Nightly").fields(), "dbt_version", "")));
    JobSpec spec =
        job(
            "nightly",
            j -> {
              j.name = "Nightly";
              j.description = "";
              return j;
            });

    assertThat(Plans.diff(desired(spec), remote(remote)).isEmpty()).isTrue();
  }

  @Test
  void treatsVersionlessAsLatest() {
    Job remote =
        remoteJob(900, "[[nightly]]", j -> j.withName("Nightly").withDbtVersion("versionless"));
    JobSpec spec =
        job(
            "nightly",
            j -> {
              j.name = "Nightly";
              j.dbtVersion = "latest";
              return j;
            });

    assertThat(Plans.diff(desired(spec), remote(remote)).isEmpty()).isTrue();
  }

  @Test
  void comparesCronsByMeaningNotBySpelling() {
    Job remote =
        remoteJob(
            900,
            "[[nightly]]",
            j -> j.withName("Nightly").withScheduleCron("0 5 * * 2,1").withScheduleTrigger(true));
    JobSpec spec =
        job(
            "nightly",
            j -> {
              j.name = "Nightly";
              j.schedule = cron("0  5 * * 1,2");
              return j;
            });

    assertThat(Plans.diff(desired(spec), remote(remote)).isEmpty()).isTrue();
  }

  @Test
  void comparesTheCronThatAStructuredScheduleProducesWhateverFormTheServerKept() {
    // dbt Cloud derived "0 5,13 * * 1,2,3,4,5" and may keep either form; the cron is what the
    // schedule means
    Job remote =
        remoteJob(
            900,
            "[[nightly]]",
            j ->
                j.withName("Nightly")
                    .withScheduleCron("0 5,13 * * 1,2,3,4,5")
                    .withScheduleTrigger(true));
    JobSpec spec =
        job(
            "nightly",
            j -> {
              j.name = "Nightly";
              j.schedule =
                  new ScheduleSpec(
                      null,
                      List.of(5, 4, 3, 2, 1),
                      List.of(13, 5),
                      null,
                      true,
                      SourcePosition.NONE);
              return j;
            });

    assertThat(Plans.diff(desired(spec), remote(remote)).isEmpty()).isTrue();
  }

  @Test
  void aStructuredScheduleIsSentInItsOwnFormWithTheDerivedCron() {
    JobSpec spec =
        job(
            "nightly",
            j -> {
              j.schedule =
                  new ScheduleSpec(null, List.of(), List.of(), 4, true, SourcePosition.NONE);
              return j;
            });

    Job after =
        (Job) ((Change.Create) Plans.diff(desired(spec), remote()).changes().get(0)).after();

    assertThat(after.scheduleCron()).isEqualTo("0 */4 * * *");
    assertThat(after.value("schedule.date.type")).isEqualTo("every_day");
    assertThat(after.value("schedule.time.interval")).isEqualTo(4L);
  }

  @Test
  void neverTriesToForceScheduledVersusOther() {
    // the server says "other" although the schedule is on: job_type is derived, never compared
    Job remote =
        remoteJob(
            900,
            "[[nightly]]",
            j ->
                new Job(
                    Specs.with(
                        j.withName("Nightly")
                            .withScheduleCron("0 5 * * *")
                            .withScheduleTrigger(true)
                            .fields(),
                        "job_type",
                        "other")));
    JobSpec spec =
        job(
            "nightly",
            j -> {
              j.name = "Nightly";
              j.schedule = cron("0 5 * * *");
              return j;
            });

    Plan plan = Plans.diff(desired(spec), remote(remote));

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void warnsWhenAnUpdateWouldTurnAJobIntoACiJob() {
    Job scheduled =
        remoteJob(
            900,
            "[[nightly]]",
            j -> new Job(Specs.with(j.withName("Nightly").fields(), "job_type", "scheduled")));
    JobSpec ci =
        job(
            "nightly",
            j -> {
              j.name = "Nightly";
              j.triggers = new TriggersSpec(true, null, null, null);
              return j;
            });

    Plan plan = Plans.diff(desired(ci), remote(scheduled));

    assertThat(plan.warnings())
        .singleElement()
        .asString()
        .contains("job \"nightly\" (id 900)")
        .contains("from a scheduled job to a ci job")
        .contains("Delete the job in dbt Cloud");
  }

  @Test
  void turningEveryTriggerOfACiJobOffDeactivatesItWithoutAWarning() {
    Job ci =
        remoteJob(
            900,
            "[[pr_check]]",
            j ->
                new Job(
                    Specs.with(
                        j.withName("PR check").withGitProviderWebhook(true).fields(),
                        "job_type",
                        "ci")));
    JobSpec off =
        job(
            "pr_check",
            j -> {
              j.name = "PR check";
              j.triggers = new TriggersSpec(false, null, null, null);
              return j;
            });

    Plan plan = Plans.diff(desired(off), remote(ci));

    assertThat(plan.toChange()).isEqualTo(1);
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void warnsWhenAnUpdateWouldTurnACiJobIntoAScheduledOne() {
    Job ci =
        remoteJob(
            900,
            "[[pr_check]]",
            j ->
                new Job(
                    Specs.with(
                        j.withName("PR check").withGitProviderWebhook(true).fields(),
                        "job_type",
                        "ci")));
    JobSpec scheduled =
        job(
            "pr_check",
            j -> {
              j.name = "PR check";
              j.triggers = new TriggersSpec(false, null, null, null);
              j.schedule = cron("0 5 * * *");
              return j;
            });

    Plan plan = Plans.diff(desired(scheduled), remote(ci));

    assertThat(plan.warnings())
        .singleElement()
        .asString()
        .contains("from a ci job to a scheduled job");
  }

  @Test
  void toleratesTheServerFoldingStateAwareFeaturesIntoOne() {
    Job remote =
        remoteJob(
            900,
            "[[nightly]]",
            j -> j.withName("Nightly").withCostOptimizationFeatures(List.of("dbt_state")));
    JobSpec spec =
        job(
            "nightly",
            j -> {
              j.name = "Nightly";
              j.features = List.of("state_aware_orchestration", "efficient_testing");
              return j;
            });

    assertThat(Plans.diff(desired(spec), remote(remote)).isEmpty()).isTrue();
  }

  @Test
  void takesTheServersDefaultsForFieldsItLeftOut() {
    Job sparse =
        new Job(
            Map.of(
                "id",
                900L,
                "account_id",
                ACCOUNT,
                "project_id",
                PROJECT,
                "environment_id",
                PROD_ID,
                "name",
                "Nightly",
                "description",
                "[[nightly]]",
                "execute_steps",
                List.of("dbt build")));
    JobSpec spec =
        job(
            "nightly",
            j -> {
              j.name = "Nightly";
              j.threads = 1;
              j.targetName = "default";
              j.timeout = 0;
              j.lintErrors = true;
              j.compareFlags = "--select state:modified";
              return j;
            });

    assertThat(Plans.diff(desired(spec), remote(sparse)).isEmpty()).isTrue();
  }

  // ------------------------------------------------------- ignore_changes

  @Test
  void leavesAnIgnoredFieldAndEveryFieldUnderAnIgnoredParentAlone() {
    Job remote =
        remoteJob(900, "[[nightly]]", j -> j.withName("Nightly").withThreads(4).withOnMerge(true));
    JobSpec spec =
        job(
            "nightly",
            j -> {
              j.name = "Nightly";
              j.threads = 8;
              j.triggers = new TriggersSpec(null, false, null, null);
              j.ignore = Set.of("threads", "triggers");
              return j;
            });

    assertThat(Plans.diff(desired(spec), remote(remote)).isEmpty()).isTrue();
  }

  @Test
  void aCreateSetsIgnoredFieldsAllTheSame() {
    JobSpec spec =
        job(
            "nightly",
            j -> {
              j.threads = 8;
              j.ignore = Set.of("threads");
              return j;
            });

    assertThat(paths(Plans.diff(desired(spec), remote()).changes().get(0)))
        .contains("settings.threads");
  }

  // ---------------------------------------------------------- references

  @Test
  void resolvesACompletionTriggerToTheIdOfAnExistingJob() {
    JobSpec marts =
        job(
            "marts",
            j -> {
              j.triggers = completion("nightly", "success", "error");
              return j;
            });

    Plan plan = Plans.diff(desired(nightly(4), marts), remote(remoteNightly(4)));

    Job after = (Job) ((Change.Create) plan.changes().get(0)).after();
    assertThat(after.completionTriggerJobId()).isEqualTo(900L);
    assertThat(after.value("job_completion_trigger_condition.condition.statuses"))
        .isEqualTo(List.of(10L, 20L));
    assertThat(after.value("job_completion_trigger_condition.condition.project_id"))
        .isEqualTo(PROJECT);
  }

  @Test
  void aChainOfNewJobsIsCreatedInDependencyOrderWithPendingIds() {
    JobSpec c =
        job(
            "c",
            j -> {
              j.triggers = completion("b", "success");
              return j;
            });
    JobSpec b =
        job(
            "b",
            j -> {
              j.triggers = completion("a", "success");
              return j;
            });
    JobSpec a = job("a", j -> j);

    Plan plan = Plans.diff(desired(c, b, a), remote());

    assertThat(plan.changes()).extracting(ch -> ch.address().key()).containsExactly("a", "b", "c");
    assertThat(plan.changes().get(2).pending())
        .containsExactly(
            new PendingReference(
                Job.COMPLETION_JOB_ID, new ResourceAddress(JobKind.INSTANCE, "shop", "b")));
  }

  @Test
  void refusesJobsThatWaitForEachOtherInACycle() {
    JobSpec a =
        job(
            "a",
            j -> {
              j.triggers = completion("b", "success");
              return j;
            });
    JobSpec b =
        job(
            "b",
            j -> {
              j.triggers = completion("a", "success");
              return j;
            });

    assertThatThrownBy(() -> Plans.diff(desired(a, b), remote()))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("cycle")
        .hasMessageContaining("job \"a\" -> job \"b\" -> job \"a\"");
  }

  @Test
  void refusesACompletionStatusDbtCloudDoesNotKnow() {
    JobSpec marts =
        job(
            "marts",
            j -> {
              j.triggers = completion("nightly", "finished");
              return j;
            });

    assertThatThrownBy(() -> Plans.diff(desired(nightly(4), marts), remote(remoteNightly(4))))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("'finished' is not a run status");
  }

  @Test
  void defersToAnEnvironmentById() {
    JobSpec pr =
        job(
            "pr",
            j -> {
              j.deferral = new DeferralSpec("prod", null, SourcePosition.NONE);
              return j;
            });

    Job after = (Job) ((Change.Create) Plans.diff(desired(pr), remote()).changes().get(0)).after();

    assertThat(after.deferringEnvironmentId()).isEqualTo(PROD_ID);
    assertThat(after.deferringJobId()).isNull();
  }

  @Test
  void aNewJobDefersToItselfOnceItHasAnId() {
    JobSpec merge =
        job(
            "merge",
            j -> {
              j.deferral = new DeferralSpec(null, "self", SourcePosition.NONE);
              return j;
            });

    Change create = Plans.diff(desired(merge), remote()).changes().get(0);

    assertThat(create.pending())
        .containsExactly(new PendingReference(Job.DEFERRING_JOB_ID, create.address()));
  }

  @Test
  void referencesAreComparedByKeySoAnExistingSelfDeferralIsNoChange() {
    Job merge = remoteJob(900, "[[merge]]", j -> j.withName("merge").withDeferringJobId(900L));
    JobSpec spec =
        job(
            "merge",
            j -> {
              j.deferral = new DeferralSpec(null, "self", SourcePosition.NONE);
              return j;
            });

    assertThat(Plans.diff(desired(spec), remote(merge)).isEmpty()).isTrue();
  }

  @Test
  void aJobInANewEnvironmentWaitsForItsId() {
    DesiredState desired =
        desired(
            OwnershipSpec.defaults(),
            List.of(prod(), env("ci", "CI", null, "staging")),
            List.of(),
            job(
                "pr",
                j -> {
                  j.environment = "ci";
                  return j;
                }));

    Plan plan = Plans.diff(desired, remote());

    assertThat(plan.changes())
        .extracting(c -> c.address().toString())
        .containsExactly("environment \"ci\"", "job \"pr\"");
    assertThat(plan.changes().get(1).fields())
        .filteredOn(f -> f.path().equals("environment_id"))
        .singleElement()
        .satisfies(f -> assertThat(f.pending().target().key()).isEqualTo("ci"));
  }

  // --------------------------------------------------------- environments

  @Test
  void findsAnEnvironmentByAPreviousNameAndRenamesIt() {
    EnvironmentSpec renamed =
        EnvironmentSpec.builder()
            .key("prod")
            .name("Prod EU")
            .previousNames(List.of("Production"))
            .build();

    Plan plan =
        Plans.diff(desired(OwnershipSpec.defaults(), List.of(renamed), List.of()), remote());

    assertThat(plan.changes())
        .singleElement()
        .isInstanceOf(Change.Update.class)
        .satisfies(
            c ->
                assertThat(c.fields())
                    .containsExactly(FieldChange.of("name", "Production", "Prod EU")));
  }

  @Test
  void refusesToGuessBetweenTwoEnvironmentsOfTheSameName() {
    Environment twin = new Environment(Specs.with(remoteProd().fields(), "id", 71L));

    assertThatThrownBy(
            () -> Plans.diff(desired(nightly(4)), remote(List.of(remoteProd(), twin), List.of())))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("2 environments named \"Production\" (ids [70, 71])");
  }

  @Test
  void anEnvironmentUpdateKeepsCredentialsAndConnection() {
    Environment withCredentials = remoteProd().withCredentialsId(111L).withConnectionId(222L);
    EnvironmentSpec staging = env("prod", "Production", "deployment", "staging");

    Change update =
        Plans.diff(
                desired(OwnershipSpec.defaults(), List.of(staging), List.of()),
                remote(List.of(withCredentials), List.of()))
            .changes()
            .get(0);

    Environment after = (Environment) ((Change.Update) update).after();
    assertThat(after.credentialsId()).isEqualTo(111L);
    assertThat(after.connectionId()).isEqualTo(222L);
    assertThat(update.fields())
        .containsExactly(FieldChange.of("deployment_type", "production", "staging"));
  }

  // ---------------------------------------------------- the invariant

  @Test
  void afterApplyingItsPlanAPlanIsEmptyForEveryField() {
    DesiredState desired =
        desired(
            OwnershipSpec.defaults(),
            List.of(
                env(
                    "prod",
                    e -> {
                      e.name = "Production";
                      e.deploymentType = "production";
                      e.dbtVersion = "versionless";
                      e.useCustomBranch = false;
                      e.queryHistory = true;
                      return e;
                    }),
                env(
                    "ci",
                    e -> {
                      e.name = "CI";
                      e.deploymentType = "staging";
                      e.dbtVersion = "latest";
                      e.credentialsId = 20L;
                      e.connectionId = 4L;
                      e.extendedAttributesId = 30L;
                      e.primaryProfileId = 40L;
                      e.customBranch = "main";
                      e.useCustomBranch = true;
                      e.supportsDocs = true;
                      e.queryHistory = true;
                      e.dbtState = true;
                      return e;
                    })),
            List.of(),
            job(
                "nightly",
                j -> {
                  j.name = "Nightly";
                  j.description = "Every morning.";
                  j.steps = List.of("dbt source freshness", "dbt build");
                  j.dbtVersion = "latest";
                  j.threads = 8;
                  j.targetName = "prod";
                  j.timeout = 3600;
                  j.docs = true;
                  j.sources = true;
                  j.schedule =
                      new ScheduleSpec(
                          null,
                          List.of(1, 2, 3, 4, 5),
                          List.of(5),
                          null,
                          true,
                          SourcePosition.NONE);
                  j.features = List.of("state_aware_orchestration", "efficient_testing");
                  return j;
                }),
            job(
                "every_four_hours",
                j -> {
                  j.schedule =
                      new ScheduleSpec(null, List.of(), List.of(), 4, false, SourcePosition.NONE);
                  return j;
                }),
            job(
                "paused",
                j -> {
                  j.schedule =
                      new ScheduleSpec(
                          null, List.of(), List.of(), null, false, SourcePosition.NONE);
                  return j;
                }),
            job(
                "marts",
                j -> {
                  j.triggers = completion("nightly", "success");
                  return j;
                }),
            job(
                "after_hand_made",
                j -> {
                  j.triggers =
                      new TriggersSpec(
                          null,
                          null,
                          null,
                          new JobCompletionTrigger(
                              null,
                              null,
                              901L,
                              PROJECT,
                              List.of("success", "error", "canceled"),
                              SourcePosition.NONE));
                  return j;
                }),
            job(
                "pr",
                j -> {
                  j.environment = "ci";
                  j.triggers = new TriggersSpec(true, null, true, null);
                  j.deferral = new DeferralSpec("prod", null, SourcePosition.NONE);
                  j.compare = true;
                  j.compareFlags = "--select state:modified+";
                  j.lint = true;
                  j.lintErrors = false;
                  j.envVars = Map.of();
                  return j;
                }),
            job(
                "merge",
                j -> {
                  j.triggers = new TriggersSpec(null, true, null, null);
                  j.deferral = new DeferralSpec(null, "self", SourcePosition.NONE);
                  return j;
                }),
            job(
                "deferring_to_nightly",
                j -> {
                  j.deferral = new DeferralSpec(null, "nightly", SourcePosition.NONE);
                  return j;
                }));
    Job handMade = remoteJob(901, "", j -> j.withName("Hand made"));
    Remote before = remote(handMade);

    Plan plan = Plans.diff(desired, before);
    // the server folds the state-aware features and derives the job type, as dbt Cloud does
    Remote after =
        ApplySimulation.apply(
            before,
            plan,
            j ->
                new Job(
                    Specs.with(
                        Specs.with(j.fields(), "cost_optimization_features", List.of("dbt_state")),
                        "job_type",
                        j.effectiveType().name().toLowerCase())));

    assertThat(plan.toAdd()).isEqualTo(9);
    assertThat(plan.toChange()).isEqualTo(1);
    Plan again = Plans.diff(desired, after);
    assertThat(again.changes()).isEmpty();
    assertThat(again.unchanged()).hasSize(10);
    // every field the file sets was written: the ci environment and the jobs as dbt Cloud stores
    // them
    Environment ci =
        after.projects().get("shop").environments().stream()
            .filter(e -> "CI".equals(e.name()))
            .findFirst()
            .orElseThrow();
    assertThat(ci.fields())
        .containsEntry("primary_profile_id", 40L)
        .containsEntry("use_custom_branch", true)
        .containsEntry("custom_branch", "main")
        .containsEntry("supports_docs", true)
        .containsEntry("enable_dbt_state", true)
        .containsEntry("extended_attributes_id", 30L);
    Job paused =
        after.projects().get("shop").jobs().stream()
            .filter(j -> j.description().contains("[[paused"))
            .findFirst()
            .orElseThrow();
    assertThat(paused.value(Job.TRIGGER_SCHEDULE)).isEqualTo(false);
    Job afterHandMade =
        after.projects().get("shop").jobs().stream()
            .filter(j -> j.description().contains("[[after_hand_made"))
            .findFirst()
            .orElseThrow();
    assertThat(afterHandMade.value(Job.COMPLETION_JOB_ID)).isEqualTo(901L);
    assertThat(afterHandMade.value(Job.COMPLETION_PROJECT_ID)).isEqualTo(PROJECT);
  }

  @Test
  void scheduleEnabledFalseAloneTurnsTheTriggerOffAndKeepsTheCron() {
    Job remote =
        remoteJob(
            900,
            "[[nightly]]",
            j -> j.withName("nightly").withScheduleCron("0 5 * * *").withScheduleTrigger(true));

    Plan plan =
        Plans.diff(
            desired(
                job(
                    "nightly",
                    j -> {
                      j.schedule =
                          new ScheduleSpec(
                              null, List.of(), List.of(), null, false, SourcePosition.NONE);
                      return j;
                    })),
            remote(remote));

    Change.Update update = (Change.Update) plan.changes().get(0);
    assertThat(paths(update)).containsExactly(Job.TRIGGER_SCHEDULE);
    assertThat(((Job) update.after()).scheduleCron()).isEqualTo("0 5 * * *");
  }

  @Test
  void plansACompletionTriggerOnAJobOutsideTheFileByIdWithItsProject() {
    Job handMade = remoteJob(901, "", j -> j.withName("Hand made"));

    Plan plan =
        Plans.diff(
            desired(
                job(
                    "after",
                    j -> {
                      j.triggers =
                          new TriggersSpec(
                              null,
                              null,
                              null,
                              new JobCompletionTrigger(
                                  null,
                                  null,
                                  901L,
                                  PROJECT,
                                  List.of("error"),
                                  SourcePosition.NONE));
                      return j;
                    })),
            remote(handMade));

    Change.Create create = (Change.Create) plan.changes().get(0);
    assertThat(create.pending()).isEmpty();
    assertThat(create.fields())
        .filteredOn(f -> f.path().startsWith("job_completion_trigger_condition"))
        .extracting(FieldChange::path, FieldChange::after)
        .containsExactly(
            tuple(Job.COMPLETION_JOB_ID, 901L),
            tuple(Job.COMPLETION_PROJECT_ID, PROJECT),
            tuple(Job.COMPLETION_STATUSES, List.of(20L)));
  }

  @Test
  void useCustomBranchFalseAloneTurnsTheBranchOffAndKeepsItsName() {
    Environment prod =
        new Environment(
            Specs.with(remoteProd().withCustomBranch("release").fields(), "id", PROD_ID));

    Plan plan =
        Plans.diff(
            desired(
                OwnershipSpec.defaults(),
                List.of(
                    env(
                        "prod",
                        e -> {
                          e.name = "Production";
                          e.useCustomBranch = false;
                          return e;
                        })),
                List.of()),
            remote(List.of(prod), List.of()));

    Change.Update update = (Change.Update) plan.changes().get(0);
    assertThat(paths(update)).containsExactly(Environment.USE_CUSTOM_BRANCH);
    assertThat(update.after().value(Environment.CUSTOM_BRANCH)).isEqualTo("release");
  }

  @Test
  void plansTheProfileDocsAndDbtStateOfAnEnvironment() {
    Plan plan =
        Plans.diff(
            desired(
                OwnershipSpec.defaults(),
                List.of(
                    prod(),
                    env(
                        "ci",
                        e -> {
                          e.primaryProfileId = 40L;
                          e.supportsDocs = true;
                          e.dbtState = false;
                          return e;
                        })),
                List.of()),
            remote());

    Change.Create create = (Change.Create) plan.changes().get(0);
    assertThat(create.fields())
        .extracting(FieldChange::path, FieldChange::after)
        .contains(
            tuple(Environment.PRIMARY_PROFILE_ID, 40L),
            tuple(Environment.SUPPORTS_DOCS, true),
            tuple(Environment.ENABLE_DBT_STATE, false));
  }
}
