package io.github.dbtcloud.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.apply.ApplyOptions;
import io.github.dbtcloud.core.goal.ApplyGoal;
import io.github.dbtcloud.core.goal.Build;
import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.PlanGoal;
import io.github.dbtcloud.core.goal.Time;
import io.github.dbtcloud.core.identity.MarkerPlacement;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.resource.PlanOptions;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import io.github.dbtcloud.emulator.http.JournalEntry;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A dbt-jobs-as-code file applied by the plugin stays a file dbt-jobs-as-code can sync: every job
 * name the plugin writes, after one apply and after three, still yields the job's identifier by
 * that tool's own rule, whatever the marker placement; the create bodies are the ones that tool
 * would send for the same entries; and a plan right after each apply is empty for every field of
 * the corpus (core/src/test/resources/config/jobs-as-code/corpus).
 */
class JobsAsCodeSideBySideIT {

  private static final String TOKEN = "dbtc_it_token_0123456789";
  private static final Path CORPUS =
      Path.of("../core/src/test/resources/config/jobs-as-code/corpus");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * dbt-jobs-as-code's identifier rule, written here from its source rather than shared with the
   * plugin, so that the plugin cannot agree with itself: the first {@code [[...]]} of the name made
   * of {@code [*:a-zA-Z0-9_-]}, at most one colon, the identifier after it. See {@code
   * _extract_identifier_from_name} in
   * https://github.com/dbt-labs/dbt-jobs-as-code/blob/main/src/dbt_jobs_as_code/schemas/job.py
   */
  static String jobsAsCodeIdentifier(String name) {
    Matcher m = Pattern.compile("\\[\\[([*:a-zA-Z0-9_-]+)\\]\\]").matcher(name);
    if (!m.find()) {
      return null;
    }
    String raw = m.group(1);
    String[] parts = raw.split(":", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException("Invalid job identifier - More than 1 colon: " + raw);
    }
    return parts.length == 2 ? parts[1] : raw;
  }

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(MarkerPlacement.class)
  void everyNameThePluginWritesYieldsTheSameIdentifierAfterOneAndThreeApplies(
      MarkerPlacement placement) throws IOException {
    String file = Files.readString(CORPUS.resolve("every-field.yml"));
    try (DbtCloudEmulator emulator =
        DbtCloudEmulator.builder().seedText(seed(preexisting())).start()) {
      apply(emulator, placement, "1.yml", file);
      assertIdentifiers(emulator, "after one apply");
      assertThat(names(emulator)).containsEntry(70403103900600L, "Nightly [[prod:nightly]]");

      apply(emulator, placement, "2.yml", file.replace("threads: 8", "threads: 6"));
      apply(
          emulator,
          placement,
          "3.yml",
          file.replace("threads: 8", "threads: 5").replace("Builds and tests", "Builds"));
      assertIdentifiers(emulator, "after three applies");
      assertThat(names(emulator))
          .as("the import filter the name carried is kept exactly")
          .containsEntry(70403103900600L, "Nightly [[prod:nightly]]");
    }
  }

  @Test
  void createsEachJobWithTheBodyDbtJobsAsCodeWouldSend() throws IOException {
    String file = Files.readString(CORPUS.resolve("every-field.yml"));
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().seedText(seed("")).start()) {
      apply(emulator, MarkerPlacement.DESCRIPTION, "created.yml", file);

      Map<String, JsonNode> created = new LinkedHashMap<>();
      for (JournalEntry w : emulator.journal()) {
        if (w.method().equals("POST") && w.path().endsWith("/jobs/") && w.body() != null) {
          JsonNode body = JSON.readTree(w.body());
          created.put(body.path("name").asText(), body);
        }
      }
      assertThat(created.keySet())
          .containsExactlyInAnyOrder(
              "Nightly [[nightly]]", "Legacy CI [[legacy_ci]]", "After nightly [[after_nightly]]");
      JsonNode nightly = created.get("Nightly [[nightly]]");
      assertThat(nightly.path("description").asText()).isEqualTo("Builds and tests every model.");
      assertThat(nightly.path("dbt_version").isNull()).isTrue();
      assertThat(nightly.path("settings").path("threads").asInt()).isEqualTo(8);
      assertThat(nightly.path("execution").path("timeout_seconds").asInt()).isEqualTo(3600);
      assertThat(nightly.path("generate_docs").asBoolean()).isTrue();
      assertThat(nightly.path("run_generate_sources").asBoolean()).isTrue();
      assertThat(nightly.path("run_lint").asBoolean()).isFalse();
      assertThat(nightly.path("errors_on_lint_failure").asBoolean()).isTrue();
      assertThat(nightly.path("triggers").path("schedule").asBoolean()).isTrue();
      assertThat(nightly.path("deferring_job_definition_id").isNull()).isTrue();
      assertThat(nightly.path("deferring_environment_id").isNull()).isTrue();
      assertThat(nightly.path("job_completion_trigger_condition").isNull()).isTrue();
      JsonNode ci = created.get("Legacy CI [[legacy_ci]]");
      assertThat(ci.path("triggers").path("github_webhook").asBoolean()).isTrue();
      assertThat(ci.path("triggers").path("git_provider_webhook").asBoolean()).isFalse();
      assertThat(ci.path("deferring_environment_id").asLong()).isEqualTo(70403103900011L);
      assertThat(ci.path("description").asText()).isEmpty();
      JsonNode after = created.get("After nightly [[after_nightly]]");
      assertThat(
              after
                  .path("job_completion_trigger_condition")
                  .path("condition")
                  .path("job_id")
                  .asLong())
          .isEqualTo(70403103900500L);
      assertThat(created.values())
          .as("nothing of the plugin's own is written on a job of a dbt-jobs-as-code file")
          .allSatisfy(b -> assertThat(b.path("description").asText()).doesNotContain("[["));
    }
  }

  @Test
  void theAnchorsExampleAppliesAndPlansEmpty() throws IOException {
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().seedText(seed("")).start()) {
      apply(
          emulator,
          MarkerPlacement.DESCRIPTION,
          "anchors.yml",
          Files.readString(CORPUS.resolve("anchors.yml")));
      assertIdentifiers(emulator, "after applying the anchors example");
      assertThat(names(emulator).values())
          .contains("My Job 1 with a new name [[job1]]", "CI/CD run [[job2]]");
    }
  }

  @Test
  void aTemplatedFileRenderedFromVarsFilesAppliesAndPlansEmpty() throws IOException {
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().seedText(seed("")).start()) {
      Files.copy(CORPUS.resolve("vars-prod.yml"), dir.resolve("vars-prod.yml"));
      Files.copy(CORPUS.resolve("vars-shared.yml"), dir.resolve("vars-shared.yml"));
      apply(
          emulator,
          MarkerPlacement.DESCRIPTION,
          "templated.yml",
          Files.readString(CORPUS.resolve("templated.yml")),
          Map.of("dbt.vars", "vars-prod.yml,vars-shared.yml"));
      assertThat(names(emulator).values()).contains("Nightly prod [[nightly]]");
      assertIdentifiers(emulator, "after applying the templated file");
    }
  }

  private void apply(DbtCloudEmulator emulator, MarkerPlacement placement, String name, String text)
      throws IOException {
    apply(emulator, placement, name, text, Map.of());
  }

  /** Applies one version of the file, then checks a plan made right after it is empty. */
  private void apply(
      DbtCloudEmulator emulator,
      MarkerPlacement placement,
      String name,
      String text,
      Map<String, String> properties)
      throws IOException {
    Path file = dir.resolve(placement + "-" + name);
    Files.writeString(file, text);
    Build plain = Goals.build(file, emulator.baseUrl(), TOKEN, dir.resolve("out-" + name));
    Build build =
        new Build(
            plain.files(),
            plain.environment(),
            properties,
            plain.baseUrl(),
            plain.token(),
            plain.userAgent(),
            plain.label(),
            plain.outputDirectory(),
            plain.verificationReport(),
            plain.metricsReport());
    PlanOptions options = new PlanOptions(Set.of(), Set.of(), placement, Set.of(), false);
    try (GoalContext context =
        GoalContext.open(
            build, Console.silent(), new Time(Clock.systemUTC(), d -> {}, a -> () -> {}))) {
      new ApplyGoal(options, ApplyOptions.defaults(), null, null, null).run(context);
    }
    try (GoalContext context = GoalContext.open(build, Console.silent(), Time.system())) {
      Plan after = new PlanGoal(options, true).run(context).plan();
      assertThat(after.changes()).as("a plan right after applying " + name).isEmpty();
    }
  }

  /** Every active job's name, by id. */
  private static Map<Long, String> names(DbtCloudEmulator emulator) {
    Map<Long, String> out = new LinkedHashMap<>();
    emulator
        .state()
        .read(s -> s.table(EmulatorState.JOBS).all())
        .forEach(
            j -> {
              if (j.path("state").asInt(1) == 1) {
                out.put(j.path("id").asLong(), j.path("name").asText());
              }
            });
    return out;
  }

  private static void assertIdentifiers(DbtCloudEmulator emulator, String when) {
    Map<Long, String> names = names(emulator);
    List<String> identifiers =
        names.values().stream()
            .map(JobsAsCodeSideBySideIT::jobsAsCodeIdentifier)
            .filter(java.util.Objects::nonNull)
            .sorted()
            .toList();
    assertThat(identifiers)
        .as("identifiers dbt-jobs-as-code reads " + when + " in " + names.values())
        .isSubsetOf("nightly", "legacy_ci", "after_nightly", "job1", "job2")
        .doesNotHaveDuplicates();
    assertThat(names.values())
        .as("no job name carries a marker dbt-jobs-as-code cannot read " + when)
        .noneMatch(n -> n.contains("[[") && jobsAsCodeIdentifier(n) == null);
  }

  /** dbt-jobs-as-code's own nightly job (created by it, with an import filter), and a UI job. */
  private static String preexisting() {
    return """
          - id: 70403103900600
            project_id: 70403103900002
            environment: Production
            name: Nightly [[prod:nightly]]
            execute_steps: [dbt build]
        """;
  }

  /** The IT account with a job made in the UI (the completion trigger's target). */
  private static String seed(String moreJobs) throws IOException {
    String base;
    try (InputStream in = JobsAsCodeSideBySideIT.class.getResourceAsStream("/it-seed.yml")) {
      base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String jobs =
        """
        jobs:
          - id: 70403103900500
            project_id: 70403103900002
            environment: Production
            name: Made in the UI
            execute_steps: [dbt build]
        """
            + moreJobs;
    return base.replaceFirst("(?m)^semantic_layer:", jobs.replace("$", "\\$") + "semantic_layer:");
  }
}
