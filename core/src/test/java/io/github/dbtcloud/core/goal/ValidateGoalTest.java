package io.github.dbtcloud.core.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.CapturingConsole;
import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.config.ConfigFixtures;
import io.github.dbtcloud.core.config.DesiredFiles;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.InvalidDesiredStateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt:validate's use case: warnings first, then what the file declares; on failure, warnings still
 * shown.
 */
class ValidateGoalTest {

  @TempDir Path dir;

  private final List<String> lines = new ArrayList<>();

  private final Console console = new CapturingConsole(lines);

  private DesiredState validate(Build build) {
    try (GoalContext context = GoalContext.open(build, console, Time.system())) {
      return new ValidateGoal().run(context);
    }
  }

  private DesiredState validate(Path file) {
    return validate(Builds.offline(file, ConfigFixtures.ENVIRONMENT, ConfigFixtures.PROPERTIES));
  }

  @Test
  void printsWhatTheCompleteExampleDeclares() {
    validate(ConfigFixtures.resource("valid/complete.yml"));

    assertThat(lines)
        .containsExactly(
            "INFO complete.yml is valid: version 1, account 70403103900001.",
            "INFO   project jaffle_shop (id 70403103900002): 4 environments (dev, prod, ci, legacy),"
                + " 8 jobs (nightly, hourly, twice_a_day, pr_check, merge_build, marts_refresh, after_finance,"
                + " after_outside_job), 3 env vars (DBT_TARGET, DBT_WAREHOUSE, DBT_ENV_SECRET_GIT_TOKEN)",
            "INFO   project finance (name \"Finance\"): 1 environment (prod), 1 job (close_books), 0 env vars",
            "INFO   verify: job nightly, timeout 45m",
            "INFO   semantic_layer: environment prod, 2 metrics",
            "INFO Summary: 2 projects, 5 environments, 9 jobs, 3 env vars; verify configured, semantic layer configured.");
  }

  @Test
  void showsWarningsBeforeTheSummary() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("dbt-cloud.yml"),
            """
        version: 1
        account: { id: 1 }
        projects:
          shop:
            id: 12
            env_vars: { DBT_ENV_SECRET_X: literal }
        """);

    validate(file);

    assertThat(lines.get(0))
        .startsWith("WARN dbt-cloud.yml:6:35 projects.shop.env_vars.DBT_ENV_SECRET_X: the secret");
    assertThat(lines.get(1))
        .isEqualTo("INFO dbt-cloud.yml is valid: version 1, account 1, 1 warning.");
  }

  @Test
  void showsWarningsEvenWhenTheFileHasErrors() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("dbt-cloud.yml"),
            """
        version: 1
        account: { id: 1 }
        projects:
          shop:
            id: twelve
            env_vars: { DBT_ENV_SECRET_X: literal }
        """);

    assertThatThrownBy(() -> validate(file))
        .isInstanceOf(InvalidDesiredStateException.class)
        .hasMessage(
            "1 problem in the desired state:\n  dbt-cloud.yml:5:9 projects.shop.id: expected a numeric id,"
                + " found 'twelve'");
    assertThat(lines).singleElement().asString().startsWith("WARN dbt-cloud.yml:6:35");
  }

  @Test
  void readsSeveralFilesThroughTheTarget() throws IOException {
    Files.writeString(
        dir.resolve("a.yml"), "version: 1\naccount: { id: 1 }\nprojects: { shop: { id: 12 } }\n");
    Files.writeString(dir.resolve("b.yml"), "projects: { shop: { env_vars: { DBT_X: y } } }\n");
    validate(Builds.of(new DesiredFiles(dir, List.of("*.yml")), Map.of(), Map.of(), null, null));

    assertThat(lines.get(0))
        .isEqualTo("INFO 2 files (a.yml, b.yml) are valid: version 1, account 1.");
  }
}
