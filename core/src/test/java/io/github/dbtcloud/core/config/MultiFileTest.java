package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several files (paths and globs) merge into one desired state; a key defined twice names both
 * places.
 */
class MultiFileTest {

  @TempDir Path dir;

  @BeforeEach
  void files() throws IOException {
    write(
        "dbt-cloud.yml",
        """
        version: 1
        account: { id: 1 }
        projects:
          shop:
            id: 12
            environments:
              prod: { name: Production }
              ci: { name: CI }
        """);
    write(
        "jobs/nightly.yml",
        """
        version: 1
        projects:
          shop:
            jobs:
              nightly: { environment: prod, execute_steps: [dbt build] }
        """);
    write(
        "jobs/pr.yml",
        """
        projects:
          shop:
            env_vars:
              DBT_TARGET: { project: dev, ci: ci }
            jobs:
              pr_check:
                environment: ci
                execute_steps: [dbt build]
                triggers: { on_job_completion: { job: nightly } }
        """);
  }

  private void write(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
  }

  private DesiredState load(String... patterns) {
    return ConfigFixtures.loader().load(new DesiredFiles(dir, List.of(patterns)));
  }

  private List<String> problems(String... patterns) {
    InvalidDesiredStateException e =
        catchThrowableOfType(InvalidDesiredStateException.class, () -> load(patterns));
    assertThat(e).isNotNull();
    return e.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void mergesProjectsEnvironmentsAndJobsFromEveryMatchingFile() {
    DesiredState state = load("dbt-cloud.yml", "jobs/*.yml");

    ProjectSpec shop = state.projects().get("shop");
    assertThat(shop.jobs().keySet()).containsExactly("nightly", "pr_check");
    assertThat(shop.envVars()).containsKey("DBT_TARGET");
    assertThat(shop.jobs().get("pr_check").triggers().onJobCompletion().job()).isEqualTo("nightly");
    assertThat(state.files())
        .containsExactly(
            dir.resolve("dbt-cloud.yml"),
            dir.resolve("jobs/nightly.yml"),
            dir.resolve("jobs/pr.yml"));
  }

  @Test
  void keepsEachObjectsOwnFileForItsPosition() {
    DesiredState state = load("dbt-cloud.yml", "jobs/*.yml");

    assertThat(state.projects().get("shop").jobs().get("pr_check").position())
        .isEqualTo(new SourcePosition(dir.resolve("jobs/pr.yml"), 6, 7));
    assertThat(state.projects().get("shop").environments().get("prod").position().file())
        .isEqualTo(dir.resolve("dbt-cloud.yml"));
  }

  @Test
  void reportsAJobDefinedInTwoFilesAtTheSecondNamingTheFirst() throws IOException {
    write(
        "jobs/zz-copy.yml",
        """
        projects:
          shop:
            jobs:
              nightly: { environment: prod, execute_steps: [dbt run] }
        """);

    assertThat(problems("dbt-cloud.yml", "jobs/*.yml"))
        .containsExactly(
            "zz-copy.yml:4:7 projects.shop.jobs.nightly: 'projects.shop.jobs.nightly' is already defined in"
                + " nightly.yml:5:7; define it in one file only");
  }

  @Test
  void reportsAnAccountOrAProjectIdDefinedTwice() throws IOException {
    write(
        "other.yml",
        """
        version: 1
        account: { id: 2 }
        projects:
          shop: { id: 13 }
        """);

    assertThat(problems("dbt-cloud.yml", "other.yml"))
        .containsExactly(
            "other.yml:2:1 account: 'account' is already defined in dbt-cloud.yml:2:1; define it in one file only",
            "other.yml:4:11 projects.shop.id: 'projects.shop.id' is already defined in dbt-cloud.yml:5:5; define it"
                + " in one file only");
  }

  @Test
  void reportsAMistakeInTheFileThatHasIt() throws IOException {
    write(
        "jobs/pr.yml",
        """
        projects:
          shop:
            jobs:
              pr_check: { environment: staging, execute_steps: [dbt build] }
        """);

    assertThat(problems("dbt-cloud.yml", "jobs/*.yml"))
        .containsExactly(
            "pr.yml:4:32 projects.shop.jobs.pr_check"
                + ".environment: environment 'staging' is not declared in this project; declared: prod, ci");
  }

  @Test
  void refusesAPatternThatMatchesNothing() {
    assertThat(problems("dbt-cloud.yml", "teams/*.yml"))
        .containsExactly(
            dir.getFileName()
                + ": no file matches 'teams/*.yml' in "
                + dir
                + "; check the pattern in dbt.files");
  }

  @Test
  void refusesToMixADbtJobsAsCodeFileWithTheVersionOneFormat() throws IOException {
    write("jac.yml", "jobs:\n  a: { name: A }\n");

    assertThat(problems("dbt-cloud.yml", "jac.yml"))
        .containsExactly(
            "jac.yml: this file is in the dbt-jobs-as-code"
                + " format but dbt-cloud.yml is in the version-1 format; load them separately");
  }

  @Test
  void loadsFilesGivenAsPatterns() {
    DesiredState state =
        new DesiredStateLoader(ConfigFixtures.ENVIRONMENT, Map.of())
            .load(new DesiredFiles(dir, List.of("dbt-cloud.yml", "jobs/**")));

    assertThat(state.jobCount()).isEqualTo(2);
  }
}
