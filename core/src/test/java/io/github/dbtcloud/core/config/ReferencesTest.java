package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job-completion chains across projects: cycles are found once, chains that end are fine. */
class ReferencesTest {

  @TempDir Path dir;

  private List<String> problems(String yaml) throws IOException {
    Path file = Files.writeString(dir.resolve("dbt-cloud.yml"), yaml);
    InvalidDesiredStateException e =
        catchThrowableOfType(
            InvalidDesiredStateException.class, () -> ConfigFixtures.loader().load(file));
    return e == null ? List.of() : ConfigFixtures.lines(e.problems());
  }

  @Test
  void findsACycleThatCrossesProjectsOnce() throws IOException {
    assertThat(
            problems(
                """
        version: 1
        account: { id: 1 }
        projects:
          shop:
            id: 12
            environments: { prod: { name: Production } }
            jobs:
              lead: { environment: prod, execute_steps: [dbt build], triggers: { on_job_completion: { job: a } } }
              a: { environment: prod, execute_steps: [dbt build], triggers: { on_job_completion: { job: b, project: finance } } }
          finance:
            id: 13
            environments: { prod: { name: Production } }
            jobs:
              b: { environment: prod, execute_steps: [dbt build], triggers: { on_job_completion: { job: a, project: shop } } }
        """))
        .containsExactly(
            "9:71 projects.shop.jobs.a.triggers.on_job_completion: job-completion triggers form a"
                + " cycle: shop.a -> finance.b -> shop.a; each run would trigger the next forever. Remove one of these triggers");
  }

  @Test
  void acceptsAChainThatEnds() throws IOException {
    assertThat(
            problems(
                """
        version: 1
        account: { id: 1 }
        projects:
          shop:
            id: 12
            environments: { prod: { name: Production } }
            jobs:
              a: { environment: prod, execute_steps: [dbt build] }
              b: { environment: prod, execute_steps: [dbt build], triggers: { on_job_completion: { job: a } } }
              c: { environment: prod, execute_steps: [dbt build], triggers: { on_job_completion: { job: b } } }
        """))
        .isEmpty();
  }
}
