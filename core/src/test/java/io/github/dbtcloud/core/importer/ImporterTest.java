package io.github.dbtcloud.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.DesiredStateLoader;
import io.github.dbtcloud.core.config.InvalidDesiredStateException;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.plan.Planner;
import io.github.dbtcloud.core.plan.ResourceKinds;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.PlanOptions;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.job.Job;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {

  private static final Map<String, String> SECRETS =
      Map.of(
          "DBT_ENV_SECRET_PASSWORD", "from the CI secret store",
          "DBT_ENV_SECRET_TOKEN_MERGE", "from the CI secret store");

  @TempDir Path dir;

  private final FakeAccount account = new FakeAccount();
  private Job nightly;

  @BeforeEach
  void handMadeAccount() {
    account.environment("Development", "development", Map.of());
    Environment prod =
        account.environment(
            "Production",
            "deployment",
            Map.of(
                "deployment_type",
                "production",
                "credentials_id",
                20L,
                "connection_id",
                4L,
                "supports_docs",
                true));
    Environment ci =
        account.environment(
            "CI",
            "deployment",
            Map.of(
                "deployment_type",
                "staging",
                "dbt_version",
                "versionless",
                "custom_branch",
                "main",
                "use_custom_branch",
                true));
    nightly =
        account.job(
            prod.id(),
            "Nightly build",
            ordered(
                "description",
                "Every morning.",
                "settings.threads",
                8L,
                "triggers.schedule",
                true,
                "schedule.cron",
                "0 5 * * 1-5",
                "schedule.date.cron",
                "0 5 * * 1-5",
                "generate_docs",
                true));
    account.job(
        prod.id(),
        "Marts",
        ordered(
            "job_completion_trigger_condition",
            Map.of(
                "condition",
                Map.of("job_id", nightly.id(), "project_id", 2L, "statuses", List.of(20L, 10L)))));
    account.job(
        ci.id(),
        "PR check",
        ordered(
            "triggers.git_provider_webhook", true,
            "triggers_on_draft_pr", true,
            "deferring_environment_id", prod.id(),
            "run_compare_changes", true,
            "run_lint", true,
            "errors_on_lint_failure", false));
    Job merge =
        account.job(ci.id(), "Merge", ordered("triggers.on_merge", true, "settings.threads", 4L));
    account.jobs.set(account.jobs.size() - 1, merge.withDeferringJobId(merge.id()));
    account.variables.put(
        "DBT_TARGET", ordered3("project", "dev", "Production", "prod", "CI", "ci"));
    // a fake that leaks a secret's value, to prove the import never writes one
    account.variables.put("DBT_ENV_SECRET_PASSWORD", Map.of("Production", "hunter2"));
    account.overrides.put(
        merge.id(), ordered3("DBT_TARGET", "merge", "DBT_ENV_SECRET_TOKEN", "s3cr3t"));
  }

  @Test
  void aFileJustImportedPlansNoChanges() throws IOException {
    Plan plan = plan(PlanOptions.defaults());

    assertThat(plan.changes()).isEmpty();
  }

  @Test
  void adoptingWritesOneMarkerOntoEveryJobAndNothingElse() throws IOException {
    Plan plan = plan(PlanOptions.defaults().withAdopt(true));

    assertThat(plan.changes()).hasSize(4).allMatch(c -> c instanceof Change.Update);
    assertThat(plan.changes())
        .flatExtracting(Change::fields)
        .extracting(FieldChange::path)
        .containsOnly(Job.DESCRIPTION);
    assertThat(plan.changes())
        .extracting(c -> String.valueOf(c.after().value(Job.DESCRIPTION)))
        .anyMatch(d -> d.startsWith("Every morning. [[nightly_build#"));
  }

  @Test
  void writesKeysFromNamesAndReferencesByKey() throws IOException {
    DesiredState desired = load(importText());
    Map<String, JobSpec> jobs = desired.projects().get("jaffle_shop").jobs();

    assertThat(desired.projects().get("jaffle_shop").environments().keySet())
        .containsExactly("development", "production", "ci");
    assertThat(jobs.keySet()).containsExactly("nightly_build", "marts", "pr_check", "merge");
    assertThat(jobs.get("nightly_build").id()).isEqualTo(nightly.id());
    assertThat(jobs.get("marts").triggers().onJobCompletion().job()).isEqualTo("nightly_build");
    assertThat(jobs.get("marts").triggers().onJobCompletion().statuses())
        .containsExactly("success", "error");
    assertThat(jobs.get("pr_check").deferral().environment()).isEqualTo("production");
    assertThat(jobs.get("merge").deferral().job()).isEqualTo("self");
    assertThat(jobs.get("merge").envVars()).containsEntry("DBT_TARGET", "merge");
  }

  @Test
  void writesOnlyValuesThatDifferFromDbtCloudsDefaults() {
    String text = importText();

    assertThat(text)
        .contains("threads: 8", "threads: 4", "generate_docs: true", "supports_docs: true")
        .contains(
            "schedule: \"0 5 * * 1-5\"", "custom_branch: main", "errors_on_lint_failure: false")
        .doesNotContain("threads: 1\n", "target_name", "timeout_seconds", "run_generate_sources")
        .doesNotContain("dbt_version", "type: deployment", "enable_dbt_state");
  }

  @Test
  void writesSecretsAsPlaceholdersAndNeverTheirValues() {
    ImportedFile imported =
        new Importer(account, ResourceKinds.all()).read(1L, ImportSelection.all());

    assertThat(imported.text())
        .contains("\"${env.DBT_ENV_SECRET_PASSWORD}\"", "\"${env.DBT_ENV_SECRET_TOKEN_MERGE}\"")
        .doesNotContain("hunter2", "s3cr3t");
    assertThat(imported.secrets())
        .containsExactly("DBT_ENV_SECRET_PASSWORD", "DBT_ENV_SECRET_TOKEN_MERGE");
  }

  @Test
  void saysWhereEachObjectCameFrom() {
    assertThat(importText())
        .contains("# project 2 \"Jaffle Shop\"")
        .contains("# job " + nightly.id() + " \"Nightly build\"")
        .contains("# environment ")
        .contains("Written by dbt:import from dbt Cloud account 1 (https://ab123.us1.dbt.com/)");
  }

  @Test
  void theSameAccountGivesTheSameBytes() {
    assertThat(importText()).isEqualTo(importText());
  }

  @Test
  void keepsADbtJobsAsCodeIdentifierAndItsPlace() throws IOException {
    account.jobs.clear();
    account.variables.clear();
    account.overrides.clear();
    account.job(account.environments.get(1).id(), "Legacy [[prod:legacy]]", Map.of());

    String text = importText();
    assertThat(text).contains("marker: name", "  legacy:", "name: Legacy");
    assertThat(plan(PlanOptions.defaults()).changes()).isEmpty();
  }

  @Test
  void importsOnlyTheSelectedEnvironmentsAndTheirJobs() throws IOException {
    ImportedFile imported =
        new Importer(account, ResourceKinds.all())
            .read(1L, new ImportSelection(Set.of(), Set.of("CI")));
    DesiredState desired = load(imported.text());

    assertThat(desired.projects().get("jaffle_shop").environments()).containsOnlyKeys("ci");
    assertThat(desired.projects().get("jaffle_shop").jobs()).containsOnlyKeys("pr_check", "merge");
    assertThat(desired.projects().get("jaffle_shop").envVars().get("DBT_TARGET").perEnvironment())
        .containsOnlyKeys("ci");
  }

  @Test
  void refusesAnEnvironmentTheAccountDoesNotHave() {
    assertThatThrownBy(
            () ->
                new Importer(account, ResourceKinds.all())
                    .read(1L, new ImportSelection(Set.of(), Set.of("Staging"))))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("no environment named [Staging]");
  }

  @Test
  void refusesAProjectTheAccountDoesNotHave() {
    assertThatThrownBy(
            () ->
                new Importer(account, ResourceKinds.all())
                    .read(1L, new ImportSelection(Set.of("Marketing"), Set.of())))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("no project 'Marketing' in account 1")
        .hasMessageContaining("\"Jaffle Shop\" (id 2)");
  }

  @Test
  void refusesAFileJobIdThatIsNotInTheProject() throws IOException {
    String text = importText().replace("id: " + nightly.id(), "id: 999999");

    assertThatThrownBy(() -> new Planner().plan(account, load(text), PlanOptions.defaults()))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("has no job with id 999999")
        .hasMessageContaining("remove 'id:' to create the job");
  }

  @Test
  void refusesTwoJobsOfTheFileAdoptingTheSameId() {
    Job marts = account.jobs.get(1);
    String text = importText().replace("id: " + marts.id(), "id: " + nightly.id());

    assertThatThrownBy(() -> load(text))
        .isInstanceOf(InvalidDesiredStateException.class)
        .hasMessageContaining("jobs.marts.id")
        .hasMessageContaining("is also the id of job 'nightly_build'");
  }

  private Plan plan(PlanOptions options) throws IOException {
    return new Planner().plan(account, load(importText()), options).plan();
  }

  private String importText() {
    return new Importer(account, ResourceKinds.all()).read(1L, ImportSelection.all()).text();
  }

  private DesiredState load(String text) throws IOException {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return new DesiredStateLoader(SECRETS, Map.of()).load(file);
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Map<String, String> ordered3(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
