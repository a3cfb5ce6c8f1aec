package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesiredStateLoaderTest {

  @TempDir Path dir;

  private DesiredState load(String yaml) throws IOException {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, yaml);
    return new DesiredStateLoader(Map.of("TOKENLESS", "x"), Map.of("threads", "6")).load(file);
  }

  private InvalidDesiredStateException failure(String yaml) {
    return catchThrowableOfType(InvalidDesiredStateException.class, () -> load(yaml));
  }

  @Test
  void loadsAMinimalFileIntoRecords() throws IOException {
    DesiredState state =
        load(
            """
        version: 1
        account: { id: 70403103900001 }
        projects:
          shop:
            id: 12
            environments:
              prod: { name: Production, type: deployment }
            jobs:
              nightly:
                environment: prod
                execute_steps: [dbt build]
                threads: ${threads}
        """);
    assertThat(state.account().id()).isEqualTo(70403103900001L);
    JobSpec job = state.projects().get("shop").jobs().get("nightly");
    assertThat(job.executeSteps()).containsExactly("dbt build");
    assertThat(job.threads()).isEqualTo(6);
    assertThat(job.displayName()).isEqualTo("nightly");
    assertThat(job.position().line()).isEqualTo(9);
  }

  @Test
  void reportsAnUnknownKeyWithPositionAndSuggestion() {
    InvalidDesiredStateException e =
        failure(
            """
        version: 1
        account: { id: 1 }
        projects:
          shop:
            id: 12
            jobs:
              nightly:
                environment: prod
                execute_step: [dbt build]
        """);
    assertThat(e.problems())
        .anySatisfy(
            p -> {
              assertThat(p.position().line()).isEqualTo(9);
              assertThat(p.position().column()).isEqualTo(9);
              assertThat(p.path()).isEqualTo("projects.shop.jobs.nightly.execute_step");
              assertThat(p.message()).contains("did you mean 'execute_steps'?");
            });
  }

  @Test
  void reportsEveryProblemAtOnce() {
    InvalidDesiredStateException e =
        failure(
            """
        version: 1
        account: { id: 1 }
        projects:
          shop:
            id: twelve
            environments:
              prod: { type: cloud }
            jobs:
              nightly: { environment: prd, execute_steps: [dbt build], threads: many }
        """);
    assertThat(e.problems())
        .extracting(Problem::path)
        .contains(
            "projects.shop.id", "projects.shop.environments.prod.type",
            "projects.shop.jobs.nightly.threads", "projects.shop.jobs.nightly.environment");
  }

  @Test
  void reportsAnUndefinedVariableByName() {
    InvalidDesiredStateException e =
        failure(
            """
        version: 1
        account: { id: 1, host: "${env.DBT_HOST_THAT_IS_NOT_SET}" }
        projects: { shop: { id: 12 } }
        """);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).contains("${env.DBT_HOST_THAT_IS_NOT_SET}");
              assertThat(p.position().line()).isEqualTo(2);
            });
  }

  @Test
  void interpolationFallsBackToItsDefault() throws IOException {
    DesiredState state =
        load(
            """
        version: 1
        account: { id: 1, host: "${env.NOT_SET:-ab123.us1.dbt.com}" }
        projects: { shop: { id: 12 } }
        """);
    assertThat(state.account().host()).isEqualTo("ab123.us1.dbt.com");
  }

  @Test
  void reportsBrokenYamlWithItsPosition() {
    InvalidDesiredStateException e = failure("version: 1\naccount: [\n");
    assertThat(e.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("not valid YAML"));
  }
}
