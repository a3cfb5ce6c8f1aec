package io.github.dbtcloud.core.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.DesiredStateLoader;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.SourcePosition;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A dbt-jobs-as-code file converted to the plugin's format loads as the same jobs, field for field
 * (explicit clears, {@code github_webhook}, deferral by id, identity in the name included), so a
 * plan on the converted file is the plan on the original; and the converted file validates.
 */
class ConverterTest {

  @TempDir Path dir;

  private static Path resource(String name) {
    try {
      return Path.of(
          Objects.requireNonNull(ConverterTest.class.getResource("/config/jobs-as-code/" + name))
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<String> corpus() {
    return Stream.of(
        "jobs.yml", "corpus/every-field.yml", "corpus/anchors.yml", "corpus/templated.yml");
  }

  private static Map<String, String> properties(String file) {
    return file.contains("templated")
        ? Map.of(
            "dbt.vars", resource("corpus/vars-prod.yml") + "," + resource("corpus/vars-shared.yml"))
        : Map.of();
  }

  private DesiredState convertAndLoad(DesiredState original) throws IOException {
    Path converted =
        Files.writeString(dir.resolve("dbt-cloud.yml"), Converter.convert(original, "jobs.yml"));
    return new DesiredStateLoader(Map.of(), Map.of()).load(converted);
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void aConvertedFileLoadsAsTheSameJobsSoItsPlanIsTheOriginalsPlan(String file) throws IOException {
    DesiredState original = new DesiredStateLoader(Map.of(), properties(file)).load(resource(file));

    DesiredState converted = convertAndLoad(original);

    assertThat(converted.warnings()).isEmpty();
    assertThat(converted.account().id()).isEqualTo(original.account().id());
    assertThat(converted.ownership()).isEqualTo(original.ownership());
    assertThat(converted.projects())
        .usingRecursiveComparison()
        .ignoringFieldsOfTypes(SourcePosition.class)
        .isEqualTo(original.projects());
    assertThat(original.jobCount()).isPositive();
  }

  @Test
  void keepsWhatThePluginsFormatCouldNotSayBefore() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("jobs.yml"),
            """
            jobs:
              nightly:
                account_id: 1
                project_id: 2
                environment_id: 3
                name: Nightly [[nightly]]
                dbt_version: null
                execute_steps: [dbt build]
                deferring_job_definition_id: 999
                triggers: { github_webhook: true, git_provider_webhook: false }
                job_completion_trigger_condition: null
              ci:
                account_id: 1
                project_id: 2
                environment_id: 3
                name: CI $${kept as text}
                execute_steps: [dbt build]
                deferring_environment_id: null
            """);
    DesiredState original = new DesiredStateLoader(Map.of(), Map.of()).load(file);

    String text = Converter.convert(original, "jobs.yml");
    DesiredState converted = convertAndLoad(original);

    assertThat(text)
        .contains("marker: jobs-as-code")
        .contains("dbt_version: null")
        .contains("github_webhook: true")
        .contains("on_job_completion: null")
        .contains("job_id: 999")
        .contains("defer_to: null")
        .contains("environment: environment_3");
    JobSpec nightly = converted.projects().get("project_2").jobs().get("nightly");
    assertThat(nightly.identityInName()).isTrue();
    assertThat(nightly.dbtVersion()).isEmpty();
    assertThat(nightly.deferral().jobId()).isEqualTo(999L);
    assertThat(nightly.triggers().githubWebhook()).isTrue();
    assertThat(nightly.triggers().onJobCompletion().isNone()).isTrue();
    JobSpec ci = converted.projects().get("project_2").jobs().get("ci");
    assertThat(ci.name()).isEqualTo("CI ${kept as text}");
    assertThat(ci.deferral()).isNotNull();
    assertThat(ci.deferral().environment()).isNull();
    assertThat(ci.deferral().job()).isNull();
    assertThat(ci.deferral().jobId()).isNull();
  }

  @Test
  void convertsADraftPullRequestTriggerOnTheLegacyWebhook() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("jobs.yml"),
            """
            jobs:
              ci:
                account_id: 1
                project_id: 2
                environment_id: 3
                name: CI
                execute_steps: [dbt build]
                triggers: { github_webhook: true }
                triggers_on_draft_pr: true
            """);
    DesiredState original = new DesiredStateLoader(Map.of(), Map.of()).load(file);

    JobSpec ci = convertAndLoad(original).projects().get("project_2").jobs().get("ci");

    assertThat(ci.triggers().onDraftPr()).isTrue();
    assertThat(ci.triggers().githubWebhook()).isTrue();
  }
}
