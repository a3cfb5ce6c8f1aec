package io.github.dbtcloud.core.plan;

import static io.github.dbtcloud.core.plan.Specs.desired;
import static io.github.dbtcloud.core.plan.Specs.job;
import static io.github.dbtcloud.core.plan.Specs.remote;
import static io.github.dbtcloud.core.plan.Specs.remoteJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.resource.PlanOptions;
import io.github.dbtcloud.core.resource.job.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** plan.json for machines and plan.md for pull requests. */
class PlanFilesTest {

  private static final String SHA = "0123456789abcdef0123";

  /** What a plan.json and a plan.md are made from. */
  private record Report(Plan plan, DesiredState desired, Remote remote) {

    PlanFile json() {
      return PlanFile.of(
          plan,
          remote.snapshot(desired),
          desired.loaded(List.of(), SHA),
          PlanOptions.defaults(),
          "dbt-maven-plugin/1.2",
          Instant.parse("2026-11-25T10:00:00Z"));
    }

    String markdown(MarkdownPlanRenderer renderer) {
      return renderer.render(plan, remote.host(), SHA);
    }
  }

  private static Report report(Plan plan, DesiredState desired, Remote remote) {
    return new Report(plan, desired, remote);
  }

  private static Report sample() {
    DesiredState desired =
        desired(
            job(
                "nightly",
                j -> {
                  j.threads = 8;
                  return j;
                }),
            job("hourly", j -> j));
    Job nightly =
        new Job(
            Specs.with(
                remoteJob(900, "[[nightly]]", j -> j.withName("nightly").withThreads(4)).fields(),
                "updated_at",
                "2021-11-18T15:19:03.185687+00:00"));
    Remote remote = remote(nightly);
    return report(Plans.diff(desired, remote), desired, remote);
  }

  @Test
  void planJsonIsWrittenStreamedWithTheSameBytesAsItsText(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    PlanFile file = sample().json();
    java.nio.file.Path written = dir.resolve("out/plan.json");

    file.write(written);

    assertThat(java.nio.file.Files.readString(written)).isEqualTo(file.text());
  }

  @Test
  void planJsonRecordsFormatScopeHashAndEachChangeWithTerraformsActions() throws Exception {
    JsonNode json = new ObjectMapper().readTree(sample().json().text());

    assertThat(json.path("format_version").asText()).isEqualTo(PlanFile.FORMAT_VERSION);
    assertThat(json.path("tool").asText()).isEqualTo("dbt-maven-plugin/1.2");
    assertThat(json.path("desired_state").path("sha256").asText())
        .isEqualTo("0123456789abcdef0123");
    assertThat(json.path("scope").path("projects").get(0).path("id").asLong())
        .isEqualTo(Specs.PROJECT);
    assertThat(json.path("summary").path("add").asInt()).isEqualTo(1);
    assertThat(json.path("summary").path("change").asInt()).isEqualTo(1);
    List<String> actions = new ArrayList<>();
    json.path("resource_changes")
        .forEach(c -> actions.add(c.path("address").asText() + " " + c.path("action").asText()));
    assertThat(actions)
        .containsExactly(
            "shop.job.nightly update", "shop.job.hourly create", "shop.environment.prod no-op");
    JsonNode update = json.path("resource_changes").get(0);
    assertThat(update.path("id").asLong()).isEqualTo(900);
    assertThat(update.path("remote_fingerprint").path("updated_at").asText())
        .isEqualTo("2021-11-18T15:19:03.185687Z");
    assertThat(update.path("remote_fingerprint").path("content_hash").asText())
        .startsWith("sha256:");
    assertThat(update.path("fields").get(0).path("path").asText()).isEqualTo("settings.threads");
    assertThat(update.path("fields").get(0).path("before").asInt()).isEqualTo(4);
    assertThat(update.path("before").path("settings").path("threads").asInt()).isEqualTo(4);
    assertThat(update.path("after").path("settings").path("threads").asInt()).isEqualTo(8);
    assertThat(json.path("resource_changes").get(1).path("remote_fingerprint").isNull()).isTrue();
    JsonNode createdEnvironmentId = null;
    for (JsonNode f : json.path("resource_changes").get(1).path("fields")) {
      if (f.path("path").asText().equals("environment_id")) {
        createdEnvironmentId = f;
      }
    }
    assertThat(createdEnvironmentId).isNotNull();
    assertThat(createdEnvironmentId.path("refers_to").asText()).isEqualTo("shop.environment.prod");
    assertThat(update.path("fields").get(0).path("refers_to").isNull()).isTrue();
  }

  @Test
  void planJsonNeverHoldsASecretValue() {
    Plan plan = Specs.secretVariableCreate();

    String json = report(plan, desired(), remote()).json().text();

    assertThat(json)
        .doesNotContain("s3cr3t")
        .contains("\"sensitive\" : true")
        .contains("(sensitive)");
  }

  @Test
  void planMarkdownHasASummaryTableAndADetailsBlockPerObject() {
    String md = sample().markdown(new MarkdownPlanRenderer("dbt-cloud.yml"));

    assertThat(md)
        .startsWith("### dbt Cloud plan\n\n**Plan: 1 to add, 1 to change, 0 to destroy.**")
        .contains("| Action | Object | Project | Id | Fields |")
        .contains("| `~` update | job \"nightly\" | shop | 900 | 1 |")
        .contains("| `+` create | job \"hourly\" | shop |  | 4 |")
        .contains("<details><summary><code>~ job \"nightly\" (id 900)</code> update</summary>")
        .contains("```diff\n- settings.threads = 4\n+ settings.threads = 8\n```");
  }

  @Test
  void planMarkdownStaysUnderTheCommentLimitAndSaysWhatItLeftOut() {
    JobSpecs many = new JobSpecs(300);
    DesiredState desired = desired(many.specs);
    Plan plan = Plans.diff(desired, remote());
    int limit = 10_000;

    String md =
        report(plan, desired, remote()).markdown(new MarkdownPlanRenderer("dbt-cloud.yml", limit));

    assertThat(md.length()).isLessThanOrEqualTo(limit);
    assertThat(md)
        .contains("**Plan: 300 to add, 0 to change, 0 to destroy.**")
        .containsPattern(
            "_\\d+ more change\\(s\\) not listed: the comment limit is 10000 characters\\. plan\\.json"
                + " has them all\\._")
        .containsPattern("_Details of \\d+ of 300 change\\(s\\) left out");
    assertThat(
            report(plan, desired, remote())
                .markdown(new MarkdownPlanRenderer("dbt-cloud.yml"))
                .length())
        .isLessThanOrEqualTo(MarkdownPlanRenderer.GITHUB_COMMENT_LIMIT);
  }

  @Test
  void planMarkdownOfAnEmptyPlanSaysNoChanges() {
    DesiredState desired = desired();
    String md =
        report(Plans.diff(desired, remote()), desired, remote())
            .markdown(new MarkdownPlanRenderer("dbt-cloud.yml"));

    assertThat(md)
        .contains("**No changes.** dbt Cloud matches `dbt-cloud.yml`.")
        .doesNotContain("| Action |");
  }

  /** Many jobs with long step lists, to overflow a comment. */
  private static final class JobSpecs {
    final io.github.dbtcloud.core.config.JobSpec[] specs;

    JobSpecs(int n) {
      specs = new io.github.dbtcloud.core.config.JobSpec[n];
      for (int i = 0; i < n; i++) {
        int k = i;
        specs[i] =
            job(
                "job_" + i,
                j -> {
                  j.steps =
                      List.of(
                          "dbt build --select tag:part_" + k + " --exclude tag:slow",
                          "dbt test --select tag:part_" + k);
                  return j;
                });
      }
    }
  }
}
