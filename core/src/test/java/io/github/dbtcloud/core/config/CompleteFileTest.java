package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.identity.MarkerPlacement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * config/valid/complete.yml uses every key of the format once; each lands in the right record
 * field.
 */
class CompleteFileTest {

  private static DesiredState state;

  @BeforeAll
  static void load() {
    state = ConfigFixtures.load("valid/complete.yml");
  }

  @Test
  void readsTheAccountAndOwnership() {
    assertThat(state.version()).isEqualTo(1);
    assertThat(state.account().id()).isEqualTo(70403103900001L);
    assertThat(state.account().host()).isEqualTo("ab123.us1.dbt.com");
    assertThat(state.ownership())
        .isEqualTo(new OwnershipSpec("analytics", true, 3, MarkerPlacement.NAME));
  }

  @Test
  void readsProjectsByIdOrName() {
    assertThat(state.projects().keySet()).containsExactly("jaffle_shop", "finance");
    assertThat(state.projects().get("jaffle_shop").id()).isEqualTo(70403103900002L);
    assertThat(state.projects().get("finance").name()).isEqualTo("Finance");
    assertThat(state.projects().get("finance").id()).isNull();
  }

  @Test
  void readsEveryEnvironmentField() {
    EnvironmentSpec prod = state.projects().get("jaffle_shop").environments().get("prod");
    assertThat(prod)
        .isEqualTo(
            new EnvironmentSpec(
                "prod",
                null,
                "Production",
                List.of("Prod", "PRD"),
                "deployment",
                "production",
                "latest",
                111L,
                222L,
                333L,
                444L,
                "main",
                true,
                true,
                true,
                false,
                Set.of("extended_attributes_id"),
                true,
                prod.position()));
    assertThat(prod.position().line()).isEqualTo(20);
  }

  @Test
  void defaultsAnEnvironmentNameToItsKeyAndLeavesUnwrittenFieldsUnmanaged() {
    EnvironmentSpec ci = state.projects().get("jaffle_shop").environments().get("ci");
    assertThat(ci.name()).isEqualTo("ci");
    assertThat(ci.credentialsId()).isNull();
    assertThat(ci.useCustomBranch()).isNull();
    assertThat(ci.protect()).isFalse();
  }

  @Test
  void matchesAnEnvironmentWrittenWithOnlyAnIdById() {
    EnvironmentSpec legacy = state.projects().get("jaffle_shop").environments().get("legacy");
    assertThat(legacy.id()).isEqualTo(555L);
    assertThat(legacy.name()).isNull();
    assertThat(legacy.describe()).isEqualTo("legacy (id 555)");
  }

  @Test
  void readsProjectDefaultsPerEnvironmentValuesAndSecretsFromTheEnvironment() {
    Map<String, EnvVarSpec> vars = state.projects().get("jaffle_shop").envVars();
    assertThat(vars.get("DBT_TARGET").projectDefault()).isEqualTo("dev");
    assertThat(vars.get("DBT_TARGET").perEnvironment())
        .containsExactly(Map.entry("prod", "prod"), Map.entry("ci", "ci"));
    assertThat(vars.get("DBT_WAREHOUSE").projectDefault()).isEqualTo("transforming");
    EnvVarSpec secret = vars.get("DBT_ENV_SECRET_GIT_TOKEN");
    assertThat(secret.secret()).isTrue();
    assertThat(secret.perEnvironment()).containsEntry("prod", "s3cr3t-from-env");
    assertThat(secret.toString()).doesNotContain("s3cr3t");
    assertThat(state.warnings()).isEmpty();
  }

  @Test
  void readsEveryJobField() {
    JobSpec nightly = state.projects().get("jaffle_shop").jobs().get("nightly");
    assertThat(nightly.name()).isEqualTo("Nightly build");
    assertThat(nightly.description()).isEqualTo("Builds and tests every model each morning.");
    assertThat(nightly.environment()).isEqualTo("prod");
    assertThat(nightly.executeSteps()).containsExactly("dbt source freshness", "dbt build");
    assertThat(nightly.dbtVersion()).isEqualTo("latest");
    assertThat(nightly.threads()).isEqualTo(8);
    assertThat(nightly.targetName()).isEqualTo("prod");
    assertThat(nightly.timeoutSeconds()).isEqualTo(3600);
    assertThat(nightly.generateDocs()).isTrue();
    assertThat(nightly.runGenerateSources()).isTrue();
    assertThat(nightly.schedule().cron()).isEqualTo("0 5 * * MON-FRI");
    assertThat(nightly.schedule().dateType()).isEqualTo("custom_cron");
    assertThat(nightly.schedule().enabled()).isTrue();
    assertThat(nightly.costOptimizationFeatures()).containsExactly("state_aware_orchestration");
    assertThat(nightly.envVars()).containsExactly(Map.entry("DBT_FULL_REFRESH", "false"));
    assertThat(nightly.ignoreChanges()).containsExactly("description");
    assertThat(nightly.protect()).isTrue();
    assertThat(nightly.triggers()).isEqualTo(TriggersSpec.NONE);
  }

  @Test
  void readsTheStructuredScheduleForm() {
    ScheduleSpec hourly = state.projects().get("jaffle_shop").jobs().get("hourly").schedule();
    assertThat(hourly.days()).containsExactly(1, 2, 3, 4, 5);
    assertThat(hourly.intervalHours()).isEqualTo(2);
    assertThat(hourly.dateType()).isEqualTo("days_of_week");
    assertThat(hourly.timeType()).isEqualTo("every_hour");
    ScheduleSpec twice = state.projects().get("jaffle_shop").jobs().get("twice_a_day").schedule();
    assertThat(twice.hours()).containsExactly(5, 17);
    assertThat(twice.enabled()).isFalse();
    assertThat(twice.dateType()).isEqualTo("every_day");
    assertThat(twice.timeType()).isEqualTo("at_exact_hours");
    ScheduleSpec shorthand = state.projects().get("finance").jobs().get("close_books").schedule();
    assertThat(shorthand.cron()).isEqualTo("0 2 1 * *");
  }

  @Test
  void readsCiTriggersDeferralCompareChangesAndLint() {
    JobSpec pr = state.projects().get("jaffle_shop").jobs().get("pr_check");
    assertThat(pr.triggers()).isEqualTo(new TriggersSpec(true, null, true, null));
    assertThat(pr.deferral().environment()).isEqualTo("prod");
    assertThat(pr.runCompareChanges()).isTrue();
    assertThat(pr.compareChangesFlags()).isEqualTo("--select state:modified+");
    assertThat(pr.runLint()).isTrue();
    assertThat(pr.errorsOnLintFailure()).isFalse();
    JobSpec merge = state.projects().get("jaffle_shop").jobs().get("merge_build");
    assertThat(merge.triggers().onMerge()).isTrue();
    assertThat(merge.deferral().job()).isEqualTo("self");
  }

  @Test
  void readsJobCompletionTriggersByKeyAcrossProjectsAndById() {
    Map<String, JobSpec> jobs = state.projects().get("jaffle_shop").jobs();
    JobCompletionTrigger local = jobs.get("marts_refresh").triggers().onJobCompletion();
    assertThat(local.job()).isEqualTo("nightly");
    assertThat(local.project()).isNull();
    assertThat(local.statuses()).containsExactly("success", "error");
    JobCompletionTrigger other = jobs.get("after_finance").triggers().onJobCompletion();
    assertThat(other.project()).isEqualTo("finance");
    assertThat(other.statuses()).containsExactly("canceled");
    JobCompletionTrigger outside = jobs.get("after_outside_job").triggers().onJobCompletion();
    assertThat(outside.jobId()).isEqualTo(987654L);
    assertThat(outside.projectId()).isEqualTo(123456L);
    assertThat(outside.statuses()).containsExactly("success");
  }

  @Test
  void readsVerifyAndTheSemanticLayerCheck() {
    VerifySettings verify = state.verify().orElseThrow();
    assertThat(verify)
        .isEqualTo(
            VerifySettings.builder()
                .job("nightly")
                .cause("Verification after dbt:apply")
                .gitBranch("main")
                .schemaOverride("dbt_verify")
                .stepsOverride(List.of("dbt build --select state:modified+"))
                .threadsOverride(4)
                .targetNameOverride("verify")
                .timeout(Duration.ofMinutes(45))
                .pollMin(Duration.ofSeconds(5))
                .pollMax(Duration.ofMinutes(1))
                .cancelOnTimeout(true)
                .position(verify.position())
                .jobPosition(verify.position())
                .build());
    SemanticLayerSettings sl = state.semanticLayer().orElseThrow();
    assertThat(sl)
        .isEqualTo(
            new SemanticLayerSettings(
                "prod",
                "jaffle_shop",
                false,
                List.of("revenue", "orders"),
                List.of("metric_time"),
                "month",
                List.of("customer__region"),
                2,
                null,
                null,
                null,
                sl.position()));
  }

  @Test
  void countsWhatTheFileDeclares() {
    assertThat(state.environmentCount()).isEqualTo(5);
    assertThat(state.jobCount()).isEqualTo(9);
    assertThat(state.envVarCount()).isEqualTo(3);
    assertThat(state.files()).containsExactly(ConfigFixtures.resource("valid/complete.yml"));
  }
}
