package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-jobs-as-code's templated files: rendered with Jinjava from -Ddbt.vars (several files
 * allowed), errors at the template's line, and without vars a refusal that says templating exists
 * and which flag to use.
 */
class TemplatesTest {

  private static final Path CORPUS = ConfigFixtures.resource("jobs-as-code/corpus/templated.yml");

  private static DesiredState load(Path file, String vars) {
    return new DesiredStateLoader(Map.of(), vars == null ? Map.of() : Map.of("dbt.vars", vars))
        .load(file);
  }

  @Test
  void rendersATemplatedFileFromSeveralVarsFiles() {
    String vars =
        CORPUS.resolveSibling("vars-prod.yml") + "," + CORPUS.resolveSibling("vars-shared.yml");

    DesiredState state = load(CORPUS, vars);

    JobSpec nightly = state.projects().get("project_70403103900002").jobs().get("nightly");
    assertThat(state.account().id()).isEqualTo(70403103900001L);
    assertThat(nightly.name()).isEqualTo("Nightly prod");
    assertThat(nightly.environment()).isEqualTo("environment_70403103900011");
    assertThat(nightly.threads()).isEqualTo(8);
    assertThat(nightly.targetName()).isEqualTo("prod");
    assertThat(nightly.executeSteps()).containsExactly("dbt build");
    assertThat(nightly.generateDocs()).isTrue();
    assertThat(nightly.schedule().cron()).isEqualTo("0 5 * * *");
  }

  @Test
  void findsVarsFilesBesideTheTemplate() {
    DesiredState state = load(CORPUS, "vars-prod.yml,vars-shared.yml");

    assertThat(state.jobCount()).isEqualTo(1);
  }

  @Test
  void refusesATemplateWithoutVarsSayingWhichFlagToUse() {
    InvalidDesiredStateException e =
        catchThrowableOfType(InvalidDesiredStateException.class, () -> load(CORPUS, null));

    assertThat(ConfigFixtures.lines(e.problems()))
        .containsExactly(
            "6:17: this file is a Jinja template (variables account_id, project_id,"
                + " environment_id, env_name, threads, target_name, docs, cron), as"
                + " dbt-jobs-as-code's --vars-yml renders; give the variables' values with"
                + " -Ddbt.vars=vars.yml (several files: -Ddbt.vars=a.yml,b.yml)");
  }

  @Test
  void refusesAVariableWithoutValueAtTheTemplatesLine() {
    InvalidDesiredStateException e =
        catchThrowableOfType(
            InvalidDesiredStateException.class,
            () -> load(CORPUS, CORPUS.resolveSibling("vars-prod.yml").toString()));

    assertThat(ConfigFixtures.lines(e.problems()))
        .singleElement()
        .asString()
        .startsWith("16:")
        .contains("cannot render the template")
        .contains("docs");
  }

  @Test
  void refusesAVariableDefinedInTwoVarsFiles(@TempDir Path dir) throws IOException {
    Path a = Files.writeString(dir.resolve("a.yml"), "docs: true\n");
    Path b = Files.writeString(dir.resolve("b.yml"), "docs: false\n");
    String vars = CORPUS.resolveSibling("vars-prod.yml") + "," + a + "," + b;

    InvalidDesiredStateException e =
        catchThrowableOfType(InvalidDesiredStateException.class, () -> load(CORPUS, vars));

    assertThat(ConfigFixtures.lines(e.problems()))
        .singleElement()
        .asString()
        .contains("variable 'docs' is also defined in " + a);
  }
}
