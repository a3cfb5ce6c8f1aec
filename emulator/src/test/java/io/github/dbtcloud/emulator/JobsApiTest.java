package io.github.dbtcloud.emulator;

import static io.github.dbtcloud.emulator.EmulatorHttp.ACCOUNT;
import static io.github.dbtcloud.emulator.EmulatorHttp.DEVELOPMENT;
import static io.github.dbtcloud.emulator.EmulatorHttp.JOBS;
import static io.github.dbtcloud.emulator.EmulatorHttp.PRODUCTION;
import static io.github.dbtcloud.emulator.EmulatorHttp.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.admin.AdminSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobsApiTest {

  private static final String SEED =
      """
      accounts: [{id: 70403103900001, name: Jobs}]
      tokens: [{token: dbtc_emulator_demo_token, account_id: 70403103900001}]
      projects:
        - {id: 70403103900002, account_id: 70403103900001, name: Jaffle Shop}
        - {id: 70403103900003, account_id: 70403103900001, name: Other}
      environments:
        - {id: 70403103900010, project_id: 70403103900002, name: Development, type: development}
        - {id: 70403103900011, project_id: 70403103900002, name: Production, type: deployment, deployment_type: production}
        - {id: 70403103900012, project_id: 70403103900003, name: Other prod, type: deployment}
      jobs:
        - {id: 70403103900100, project_id: 70403103900002, environment: Production, name: Nightly build, execute_steps: [dbt build]}
        - {id: 70403103900101, project_id: 70403103900002, environment: Production, name: Hourly snapshot, execute_steps: [dbt snapshot]}
        - {id: 70403103900102, project_id: 70403103900003, environment_id: 70403103900012, name: Other nightly, execute_steps: [dbt build]}
      """;

  @RegisterExtension final RunningEmulator running = RunningEmulator.seeded(SEED);

  private List<String> names(EmulatorHttp.Answer answer) {
    List<String> names = new ArrayList<>();
    answer.data().forEach(j -> names.add(j.path("name").asText()));
    return names;
  }

  @Test
  void createsAJobWithEveryRecordedFieldAndTheServerDefaults() {
    EmulatorHttp.Answer answer = running.http().post(JOBS, Bodies.jobJson("Nightly"));

    assertThat(answer.status()).isEqualTo(201);
    JsonNode job = answer.data();
    assertThat(job.get("id").asLong()).isGreaterThan(Integer.MAX_VALUE);
    assertThat(job.get("execution").get("timeout_seconds").asInt()).isZero();
    assertThat(job.get("settings").get("threads").asInt()).isEqualTo(4);
    assertThat(job.get("schedule").get("cron").asText()).isEqualTo("0 * * * *");
    assertThat(job.get("cron_humanized").asText()).isEqualTo("Every hour");
    assertThat(job.get("job_type").asText()).isEqualTo("other");
    assertThat(job.get("compare_changes_flags").asText()).isEqualTo("--select state:modified");
    assertThat(job.get("errors_on_lint_failure").asBoolean()).isTrue();
    assertThat(job.get("lifecycle_webhooks").asBoolean()).isFalse();
    assertThat(job.get("raw_dbt_version").asText()).isEqualTo("latest");
    assertThat(job.get("created_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
    assertThat(job.has("next_run")).isTrue();
  }

  @Test
  void getsListsAndUpdatesWithAFullObjectPost() {
    long id = running.http().post(JOBS, Bodies.jobJson("Nightly")).data().get("id").asLong();
    ObjectNode body = (ObjectNode) running.http().get(JOBS + id + "/").data();
    body.put("name", "Nightly (renamed)");
    body.put("description", "managed [[nightly]]");

    EmulatorHttp.Answer updated = running.http().post(JOBS + id + "/", body.toString());

    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.data().get("name").asText()).isEqualTo("Nightly (renamed)");
    assertThat(updated.data().get("created_at").asText())
        .isEqualTo(body.get("created_at").asText());
    assertThat(names(running.http().get(JOBS + "?project_id=" + PROJECT)))
        .contains("Nightly (renamed)");
  }

  @Test
  void aDeleteIsASoftDeleteAnsweredWithTheObjectByDefault() {
    EmulatorHttp.Answer deleted = running.http().delete(JOBS + "70403103900100/");

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.data().get("state").asInt()).isEqualTo(2);
    assertThat(running.http().get(JOBS + "70403103900100/").status()).isEqualTo(404);
    assertThat(names(running.http().get(JOBS))).doesNotContain("Nightly build");
    assertThat(names(running.http().get(JOBS + "?state=deleted"))).containsExactly("Nightly build");
    assertThat(names(running.http().get(JOBS + "?state=2"))).containsExactly("Nightly build");
    assertThat(names(running.http().get(JOBS + "?state=all")))
        .contains("Nightly build", "Hourly snapshot");
    assertThat(names(running.http().get(JOBS + "?state=1"))).doesNotContain("Nightly build");
  }

  @Test
  void aDeleteAnswers204WhenSwitchedToTheSpecsForm() {
    try (DbtCloudEmulator specLike =
        DbtCloudEmulator.builder().seedText(SEED).deleteAnswersNoContent(true).start()) {
      EmulatorHttp.Answer deleted = EmulatorHttp.demo(specLike).delete(JOBS + "70403103900100/");

      assertThat(deleted.status()).isEqualTo(204);
      assertThat(deleted.body()).isNull();
    }
  }

  @Test
  void anUpdateWithState2IsADeleteAsTerraformDoesIt() {
    ObjectNode body = (ObjectNode) running.http().get(JOBS + "70403103900100/").data();
    body.put("state", 2);

    assertThat(
            running
                .http()
                .post(JOBS + "70403103900100/", body.toString())
                .data()
                .get("state")
                .asInt())
        .isEqualTo(2);
    assertThat(running.http().get(JOBS + "70403103900100/").status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "project_id__in=[70403103900002]",
        "project_id__in=70403103900002",
        "project_id__in=%5B70403103900002%5D",
        "project_id__in=70403103900002&project_id__in=70403103900099",
        "project_id__in=70403103900099,70403103900002",
        "project_id__in=['70403103900002']",
        "project_id=70403103900002"
      })
  void filtersByProjectInEveryEncoding(String query) {
    assertThat(names(running.http().get(JOBS + "?" + query)))
        .containsExactlyInAnyOrder("Nightly build", "Hourly snapshot");
  }

  @Test
  void refusesAProjectFilterThatDoesNotParse() {
    EmulatorHttp.Answer answer = running.http().get(JOBS + "?project_id__in=[a,b]");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.data().get("project_id__in").asText())
        .contains("is not valid under any of the given schemas");
  }

  @Test
  void filtersByEnvironmentAndNameIgnoringCase() {
    assertThat(names(running.http().get(JOBS + "?environment_id=70403103900012")))
        .containsExactly("Other nightly");
    assertThat(names(running.http().get(JOBS + "?name__icontains=NIGHTLY")))
        .containsExactly("Nightly build", "Other nightly");
  }

  @Test
  void ordersByAnyFieldAndDescendingWithAMinus() {
    assertThat(names(running.http().get(JOBS + "?order_by=name")))
        .containsExactly("Hourly snapshot", "Nightly build", "Other nightly");
    assertThat(names(running.http().get(JOBS + "?order_by=-name")))
        .containsExactly("Other nightly", "Nightly build", "Hourly snapshot");
    assertThat(names(running.http().get(JOBS + "?order_by=-id")))
        .containsExactly("Other nightly", "Hourly snapshot", "Nightly build");
    assertThat(running.http().get(JOBS + "?order_by=-name").body().at("/extra/order_by").asText())
        .isEqualTo("-name");
  }

  @Test
  void pagesWithLimitAndOffsetAndEchoesThemInTheFilters() {
    EmulatorHttp.Answer page = running.http().get(JOBS + "?limit=2&offset=1");

    assertThat(page.data().size()).isEqualTo(2);
    assertThat(page.body().at("/extra/pagination/count").asInt()).isEqualTo(2);
    assertThat(page.body().at("/extra/pagination/total_count").asInt()).isEqualTo(3);
    assertThat(page.body().at("/extra/filters/limit").asInt()).isEqualTo(2);
    assertThat(page.body().at("/extra/filters/offset").asInt()).isEqualTo(1);
    assertThat(page.body().at("/extra/filters/account_id").asLong())
        .isEqualTo(Long.parseLong(ACCOUNT));
  }

  @Test
  void aListingReadAgainAfterACreateARenameOrADeleteShowsTheChange() {
    String query = JOBS + "?project_id=" + PROJECT + "&limit=1";
    assertThat(running.http().get(query).body().at("/extra/pagination/total_count").asInt())
        .isEqualTo(2);

    long id = running.http().post(JOBS, Bodies.jobJson("Nightly")).data().get("id").asLong();
    assertThat(running.http().get(query).body().at("/extra/pagination/total_count").asInt())
        .isEqualTo(3);
    ObjectNode body = (ObjectNode) running.http().get(JOBS + id + "/").data();
    body.put("name", "Renamed");
    running.http().post(JOBS + id + "/", body.toString());
    assertThat(names(running.http().get(query + "&offset=2"))).containsExactly("Renamed");
    running.http().delete(JOBS + id + "/");
    assertThat(running.http().get(query).body().at("/extra/pagination/total_count").asInt())
        .isEqualTo(2);
    assertThat(running.http().get(query + "&offset=2").data()).isEmpty();
  }

  @Test
  void aJobListedBeforeAnUpdateIsListedWithTheUpdate() {
    String query = JOBS + "?project_id=" + PROJECT;
    assertThat(names(running.http().get(query)))
        .containsExactly("Nightly build", "Hourly snapshot");
    ObjectNode body = (ObjectNode) running.http().get(JOBS + "70403103900100/").data();
    body.put("name", "Nightly build (renamed)");
    ((ObjectNode) body.get("settings")).put("threads", 8);

    assertThat(running.http().post(JOBS + "70403103900100/", body.toString()).status())
        .isEqualTo(200);

    JsonNode listed = running.http().get(query).data().get(0);
    assertThat(listed.get("name").asText()).isEqualTo("Nightly build (renamed)");
    assertThat(listed.at("/settings/threads").asInt()).isEqualTo(8);
  }

  @Test
  void aListedJobIsTheJobItsOwnGetAnswersFieldForFieldAndInTheSameOrder() {
    String own = running.http().get(JOBS + "70403103900101/").data().toString();
    String query = JOBS + "?project_id=" + PROJECT + "&offset=1&limit=1";

    // The first listing writes the job's text; the second reuses it.
    assertThat(running.http().get(query).data().get(0).toString()).isEqualTo(own);
    assertThat(running.http().get(query).data().get(0).toString()).isEqualTo(own);
  }

  @Test
  void aListingWithRelatedObjectsShowsThemAsTheyAreNow() {
    String query = JOBS + "?project_id=" + PROJECT + "&include_related=[most_recent_run]";
    assertThat(running.http().get(query).data().get(0).get("most_recent_run").isNull()).isTrue();

    assertThat(running.http().post(JOBS + "70403103900100/run/", "{\"cause\": \"test\"}").status())
        .isEqualTo(200);

    JsonNode run = running.http().get(query).data().get(0).get("most_recent_run");
    assertThat(run.path("job_definition_id").asLong()).isEqualTo(70403103900100L);
  }

  @Test
  void pagesOfOneListingAnsweredFromOneFilteringStillFollowTheirOwnFilters() {
    String other = "70403103900003";
    assertThat(names(running.http().get(JOBS + "?project_id=" + PROJECT + "&offset=0")))
        .containsExactly("Nightly build", "Hourly snapshot");
    assertThat(names(running.http().get(JOBS + "?project_id=" + other + "&offset=0")))
        .containsExactly("Other nightly");
    assertThat(
            running
                .http()
                .get(JOBS + "?project_id=" + PROJECT + "&offset=1&limit=1")
                .body()
                .at("/extra/filters/project_id")
                .asLong())
        .isEqualTo(Long.parseLong(PROJECT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=101", "limit=0", "limit=x", "offset=-1"})
  void refusesPagesOutsideTheLimits(String query) {
    assertThat(running.http().get(JOBS + "?" + query).status()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "include_related=[environment]",
        "include_related=environment",
        "include_related=['environment','most_recent_run']",
        "include_related=%5B%22environment%22%5D",
        "include_related=trigger,environment",
        "include_related=most_recent_run&include_related=environment"
      })
  void includesTheEnvironmentInEveryEncoding(String query) {
    JsonNode job = running.http().get(JOBS + "70403103900100/?" + query).data();

    assertThat(job.get("environment").get("id").asLong()).isEqualTo(PRODUCTION);
  }

  @Test
  void includesOtherRelatedObjectsOnlyWhenAsked() {
    assertThat(running.http().get(JOBS + "70403103900100/").data().get("environment").isNull())
        .isTrue();
    JsonNode job =
        running
            .http()
            .get(
                JOBS
                    + "70403103900100/?include_related=[custom_environment_variables,most_recent_run,"
                    + "most_recent_completed_run,fusion_readiness]")
            .data();
    assertThat(job.get("custom_environment_variables").isArray()).isTrue();
    assertThat(job.get("most_recent_run").isNull()).isTrue();
    assertThat(job.get("fusion_readiness").isNull()).isTrue();
  }

  @Test
  void refusesMissingRequiredKeysWithTheRecordedMessage() {
    EmulatorHttp.Answer answer =
        running
            .http()
            .post(JOBS, "{\"project_id\":" + PROJECT + ",\"environment_id\":" + PRODUCTION + "}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.data().get("name").asText()).isEqualTo("required key not provided");
    assertThat(answer.data().get("triggers").asText()).isEqualTo("required key not provided");
    assertThat(answer.data().has("lifecycle_webhooks"))
        .as("no production client sends it")
        .isFalse();
    assertThat(answer.body().at("/status/user_message").asText())
        .startsWith("The request was invalid.");
  }

  @Test
  void requiresLifecycleWebhooksOnlyInStrictSpecMode() {
    try (DbtCloudEmulator strict =
        DbtCloudEmulator.builder()
            .seedText(SEED)
            .requiredJobFields(AdminSettings.RequiredJobFields.SPEC)
            .start()) {
      EmulatorHttp.Answer answer = EmulatorHttp.demo(strict).post(JOBS, Bodies.jobJson("x"));

      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.data().get("lifecycle_webhooks").asText())
          .isEqualTo("required key not provided");
    }
  }

  @Test
  void acceptsAMinimalBodyInMinimalMode() {
    try (DbtCloudEmulator lenient =
        DbtCloudEmulator.builder()
            .seedText(SEED)
            .requiredJobFields(AdminSettings.RequiredJobFields.MINIMAL)
            .start()) {
      EmulatorHttp.Answer answer =
          EmulatorHttp.demo(lenient)
              .post(
                  JOBS,
                  "{\"project_id\":"
                      + PROJECT
                      + ",\"environment_id\":"
                      + PRODUCTION
                      + ",\"name\":\"m\",\"execute_steps\":[\"dbt build\"]}");

      assertThat(answer.status()).isEqualTo(201);
      assertThat(answer.data().get("settings").get("threads").asInt()).isEqualTo(1);
    }
  }

  @Test
  void refusesAnEmptyDbtVersion() {
    ObjectNode body = Bodies.job("x");
    body.put("dbt_version", "");

    EmulatorHttp.Answer answer = running.http().post(JOBS, body.toString());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.data().get("dbt_version").asText()).isEqualTo("This field may not be blank.");
  }

  @Test
  void answersAnEnvironmentOfAnotherProjectWithThePermissions404() {
    ObjectNode body = Bodies.job("x");
    body.put("environment_id", 70403103900012L);

    EmulatorHttp.Answer answer = running.http().post(JOBS, body.toString());

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().at("/status/user_message").asText()).contains("proper permissions");
  }

  @Test
  void derivesTheJobTypeFromEveryTrigger() {
    assertThat(jobTypeFor("schedule")).isEqualTo("scheduled");
    assertThat(jobTypeFor("on_merge")).isEqualTo("merge");
    assertThat(jobTypeFor("git_provider_webhook")).isEqualTo("ci");
    assertThat(jobTypeFor("github_webhook")).isEqualTo("ci");
  }

  private String jobTypeFor(String trigger) {
    ObjectNode body = Bodies.job(trigger);
    body.withObjectProperty("triggers").put(trigger, true);
    body.put("job_type", "other"); // what the client says is ignored
    return running.http().post(JOBS, body.toString()).data().get("job_type").asText();
  }

  @Test
  void refusesAJobTypeThatTurnsAJobIntoCiWithTheRecordedText() {
    ObjectNode job = (ObjectNode) running.http().get(JOBS + "70403103900100/").data();
    job.withObjectProperty("triggers").put("git_provider_webhook", true);
    job.put("job_type", "ci");

    EmulatorHttp.Answer answer = running.http().post(JOBS + "70403103900100/", job.toString());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.data().get("job_type").asText())
        .isEqualTo("the job type field for this job can only be set to 'other'");
  }

  @Test
  void refusesAJobTypeThatTurnsACiJobIntoAnythingElse() {
    ObjectNode body = Bodies.job("PR");
    body.withObjectProperty("triggers").put("git_provider_webhook", true);
    ObjectNode job = (ObjectNode) running.http().post(JOBS, body.toString()).data();
    job.withObjectProperty("triggers").put("git_provider_webhook", false).put("schedule", true);
    job.put("job_type", "scheduled");

    EmulatorHttp.Answer answer =
        running.http().post(JOBS + job.get("id").asLong() + "/", job.toString());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.data().get("job_type").asText())
        .isEqualTo("the job type field for this job can only be set to 'ci'");
  }

  @Test
  void aCiJobIsDeactivatedByTurningItsTriggersOffAndStaysACiJob() {
    ObjectNode body = Bodies.job("PR");
    body.withObjectProperty("triggers")
        .put("git_provider_webhook", true)
        .put("github_webhook", true);
    ObjectNode job = (ObjectNode) running.http().post(JOBS, body.toString()).data();
    job.withObjectProperty("triggers")
        .put("git_provider_webhook", false)
        .put("github_webhook", false);

    EmulatorHttp.Answer answer =
        running.http().post(JOBS + job.get("id").asLong() + "/", job.toString());

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    assertThat(answer.data().get("job_type").asText()).isEqualTo("ci");
    assertThat(answer.data().at("/triggers/git_provider_webhook").asBoolean()).isFalse();
  }

  @Test
  void aJobCreatedAsCiWithItsTriggersOffIsAnInactiveCiJob() {
    ObjectNode body = Bodies.job("PR");
    body.put("job_type", "ci");

    assertThat(running.http().post(JOBS, body.toString()).data().get("job_type").asText())
        .isEqualTo("ci");
  }

  @Test
  void aJobTurnsIntoCiThroughItsTriggersWhenNoConflictingJobTypeIsSent() {
    ObjectNode job = (ObjectNode) running.http().get(JOBS + "70403103900100/").data();
    job.withObjectProperty("triggers").put("git_provider_webhook", true);
    job.remove("job_type");

    EmulatorHttp.Answer answer = running.http().post(JOBS + "70403103900100/", job.toString());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.data().get("job_type").asText()).isEqualTo("ci");
  }

  @Test
  void switchingBetweenScheduledAndOtherIsAllowed() {
    ObjectNode job = (ObjectNode) running.http().get(JOBS + "70403103900100/").data();
    job.withObjectProperty("triggers").put("schedule", true);

    assertThat(
            running
                .http()
                .post(JOBS + "70403103900100/", job.toString())
                .data()
                .get("job_type")
                .asText())
        .isEqualTo("scheduled");
  }

  @Test
  void derivesTheCronFromEveryDayEveryHour() {
    JsonNode schedule =
        scheduleFor(
            "{\"date\":{\"type\":\"every_day\"},\"time\":{\"type\":\"every_hour\",\"interval\":1}}");

    assertThat(schedule.get("cron").asText()).isEqualTo("0 * * * *");
    assertThat(schedule.get("date").toString()).isEqualTo("{\"type\":\"every_day\"}");
  }

  @Test
  void derivesTheCronFromDaysOfWeekAtExactHours() {
    JsonNode schedule =
        scheduleFor(
            "{\"cron\":\"\",\"date\":{\"type\":\"days_of_week\",\"days\":[5,1,2,3,4]},"
                + "\"time\":{\"type\":\"at_exact_hours\",\"hours\":[21,5,13]}}");

    assertThat(schedule.get("cron").asText()).isEqualTo("0 5,13,21 * * 1,2,3,4,5");
  }

  @Test
  void derivesTheCronFromAnHourlyInterval() {
    assertThat(
            scheduleFor(
                    "{\"date\":{\"type\":\"every_day\"},\"time\":{\"type\":\"every_hour\",\"interval\":4}}")
                .get("cron")
                .asText())
        .isEqualTo("0 */4 * * *");
  }

  @Test
  void keepsACustomCronFromTheDateOrTheTopLevel() {
    assertThat(
            scheduleFor(
                    "{\"cron\":\"\",\"date\":{\"type\":\"custom_cron\",\"cron\":\"15 3 * * 1-5\"}}")
                .get("cron")
                .asText())
        .isEqualTo("15 3 * * 1-5");
    JsonNode onlyTop = scheduleFor("{\"cron\":\"30 6 * * *\"}");
    assertThat(onlyTop.get("cron").asText()).isEqualTo("30 6 * * *");
    assertThat(onlyTop.get("date").get("type").asText()).isEqualTo("custom_cron");
    assertThat(
            scheduleFor(
                    "{\"cron\":\"\",\"date\":{\"type\":\"interval_cron\",\"cron\":\"4 */6 * * 1,3\"}}")
                .get("cron")
                .asText())
        .isEqualTo("4 */6 * * 1,3");
  }

  @Test
  void refusesAScheduleThatIsNotACron() {
    ObjectNode body = Bodies.job("x");
    body.set("schedule", Bodies.job("y").objectNode().put("cron", "every day at noon"));

    EmulatorHttp.Answer answer = running.http().post(JOBS, body.toString());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.data().get("schedule.cron").asText()).contains("Invalid cron expression");
  }

  @Test
  void refusesAnHourOutsideTheDay() {
    ObjectNode body = Bodies.job("x");
    body.set("schedule", Bodies.job("y").objectNode().put("cron", "0 25 * * *"));

    assertThat(running.http().post(JOBS, body.toString()).status()).isEqualTo(400);
  }

  private JsonNode scheduleFor(String schedule) {
    ObjectNode body = Bodies.job("scheduled");
    body.set("schedule", readTree(schedule));
    EmulatorHttp.Answer answer = running.http().post(JOBS, body.toString());
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    return answer.data().get("schedule");
  }

  private static JsonNode readTree(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void collapsesCostOptimisationFeaturesContainingDbtState() {
    assertThat(featuresFor("[\"state_aware_orchestration\",\"dbt_state\",\"efficient_testing\"]"))
        .isEqualTo("[\"dbt_state\"]");
    assertThat(
            featuresFor(
                "[\"efficient_testing\",\"state_aware_orchestration\",\"efficient_testing\"]"))
        .isEqualTo("[\"state_aware_orchestration\",\"efficient_testing\"]");
    assertThat(featuresFor("null")).isEqualTo("[]");
  }

  @Test
  void refusesAnUnknownCostOptimisationFeature() {
    ObjectNode body = Bodies.job("x");
    body.set("cost_optimization_features", readTree("[\"turbo\"]"));

    assertThat(
            running
                .http()
                .post(JOBS, body.toString())
                .data()
                .get("cost_optimization_features")
                .asText())
        .isEqualTo("\"turbo\" is not a valid choice.");
  }

  private String featuresFor(String features) {
    ObjectNode body = Bodies.job("x");
    body.set("cost_optimization_features", readTree(features));
    return running
        .http()
        .post(JOBS, body.toString())
        .data()
        .get("cost_optimization_features")
        .toString();
  }

  @Test
  void writesAndClearsAJobCompletionTrigger() {
    ObjectNode job = (ObjectNode) running.http().get(JOBS + "70403103900101/").data();
    job.set(
        "job_completion_trigger_condition",
        readTree(
            "{\"condition\":{\"job_id\":70403103900100,\"project_id\":"
                + PROJECT
                + ",\"statuses\":[10,20]}}"));

    JsonNode chained = running.http().post(JOBS + "70403103900101/", job.toString()).data();
    assertThat(chained.at("/job_completion_trigger_condition/condition/job_id").asLong())
        .isEqualTo(70403103900100L);
    assertThat(chained.at("/job_completion_trigger_condition/condition/statuses").toString())
        .isEqualTo("[10,20]");

    job.putNull("job_completion_trigger_condition");
    assertThat(
            running
                .http()
                .post(JOBS + "70403103900101/", job.toString())
                .data()
                .get("job_completion_trigger_condition")
                .isNull())
        .isTrue();
  }

  @Test
  void refusesACompletionTriggerOnAnUnknownJobOrStatus() {
    ObjectNode job = (ObjectNode) running.http().get(JOBS + "70403103900101/").data();
    job.set(
        "job_completion_trigger_condition",
        readTree("{\"condition\":{\"job_id\":1,\"statuses\":[10]}}"));
    assertThat(running.http().post(JOBS + "70403103900101/", job.toString()).status())
        .isEqualTo(400);

    job.set(
        "job_completion_trigger_condition",
        readTree("{\"condition\":{\"job_id\":70403103900100,\"statuses\":[11]}}"));
    assertThat(
            running
                .http()
                .post(JOBS + "70403103900101/", job.toString())
                .data()
                .get("job_completion_trigger_condition.condition.statuses")
                .asText())
        .contains("is not a valid choice");
  }

  @Test
  void keepsTheDeferringEnvironmentOfTheSameProject() {
    ObjectNode body = Bodies.job("ci");
    body.put("deferring_environment_id", PRODUCTION);
    body.put("run_compare_changes", true);
    assertThat(
            running
                .http()
                .post(JOBS, body.toString())
                .data()
                .get("deferring_environment_id")
                .asLong())
        .isEqualTo(PRODUCTION);

    body.put("deferring_environment_id", 70403103900012L);
    assertThat(
            running
                .http()
                .post(JOBS, body.toString())
                .data()
                .get("deferring_environment_id")
                .asText())
        .isEqualTo("Invalid pk \"70403103900012\" - object does not exist.");
  }

  @Test
  void aJobMovesToAnotherEnvironmentOfItsProject() {
    ObjectNode job = (ObjectNode) running.http().get(JOBS + "70403103900100/").data();
    job.put("environment_id", DEVELOPMENT);

    assertThat(
            running
                .http()
                .post(JOBS + "70403103900100/", job.toString())
                .data()
                .get("environment_id")
                .asLong())
        .isEqualTo(DEVELOPMENT);
  }

  @Test
  void ignoresReadOnlyAndUnknownKeysAsProductionDoes() {
    ObjectNode body = Bodies.job("clone");
    body.put("is_deferrable", true);
    body.put("raw_dbt_version", "1.0.0");
    body.put("some_future_field", "x");

    EmulatorHttp.Answer answer = running.http().post(JOBS, body.toString());

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.data().has("some_future_field")).isFalse();
    assertThat(answer.data().get("is_deferrable").asBoolean()).isFalse();
  }

  @Test
  void aJobAnswerCarriesTheKeysALiveClientExpects() {
    JsonNode job = running.http().get(JOBS + "70403103900100/").data();

    // dbt-jobs-as-code's JobMissingFields, checked against production, requires these keys.
    assertThat(job.get("deactivated").asBoolean()).isFalse();
    assertThat(job.get("is_system").asBoolean()).isFalse();
    for (String related :
        List.of(
            "account",
            "project",
            "environment",
            "most_recent_run",
            "most_recent_completed_run",
            "fusion_readiness")) {
      assertThat(job.has(related)).as(related).isTrue();
      assertThat(job.get(related).isNull()).as(related).isTrue();
    }
    assertThat(job.get("cron_humanized").asText()).isEqualTo("Every hour");
  }

  @ParameterizedTest(name = "{0} reads \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 5 * * *|At 05:00 AM",
        "0 * * * *|Every hour",
        "0 */4 * * *|Every 4 hours",
        "30 17 * * 1-5|At 05:30 PM, Monday through Friday",
        "0 0,4,8,12,16,20 * * *|At 00:00 AM, 04:00 AM, 08:00 AM, 12:00 PM, 04:00 PM and 08:00 PM",
        "6 */12 * * 0,1,2,3,4,5,6|At 6 minutes past the hour, every 12 hours, only on Sunday,"
            + " Monday, Tuesday, Wednesday, Thursday, Friday, and Saturday",
        "0 6 1 * *|At 06:00 AM, on day 1 of the month",
        "15 3 * JAN,JUL SUN|At 03:15 AM, only on Sunday, only in January and July"
      })
  void humanisesTheCronAsDbtCloudDoes(String cron, String humanized) {
    ObjectNode body = Bodies.job("humanised");
    body.set(
        "schedule",
        readTree(
            "{\"cron\":\"\",\"date\":{\"type\":\"custom_cron\",\"cron\":\""
                + cron
                + "\"},\"time\":{\"type\":\"every_hour\"}}"));

    EmulatorHttp.Answer answer = running.http().post(JOBS, body.toString());

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    assertThat(answer.data().get("cron_humanized").asText()).isEqualTo(humanized);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "*/15 * * * *",
        "0 5 * * MON-FRI",
        "0 5 * * mon,wed,fri",
        "0 9-17/2 * * 1-5",
        "0 0 1,15 * *",
        "0 3 * jan-mar *",
        "0 5 * * 7",
        "5/10 * * * *"
      })
  void acceptsCronsOfNumbersRangesStepsListsAndNames(String cron) {
    assertThat(
            scheduleFor(
                    "{\"cron\":\"\",\"date\":{\"type\":\"custom_cron\",\"cron\":\""
                        + cron
                        + "\"},\"time\":{\"type\":\"every_hour\"}}")
                .get("cron")
                .asText())
        .isEqualTo(cron);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "latest",
        "compatible",
        "extended",
        "fallback",
        "versionless",
        "latest-fusion",
        "fusion-stable",
        "fusion-extended",
        "fusion-nightly",
        "fusion-fallback",
        "1.9",
        "1.10.0-latest",
        "1.8.0-pre"
      })
  void acceptsEveryDbtVersionDbtCloudOffers(String version) {
    ObjectNode body = Bodies.job("versioned");
    body.put("dbt_version", version);

    EmulatorHttp.Answer answer = running.http().post(JOBS, body.toString());

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    assertThat(answer.data().get("raw_dbt_version").asText()).isEqualTo(version);
  }

  @Test
  void namesEveryBadFieldOfABodyAtOnce() {
    ObjectNode body = Bodies.job("x");
    body.withObjectProperty("settings").put("threads", "abc");
    body.withObjectProperty("execution").put("timeout_seconds", "ten");
    body.put("generate_docs", "yes");

    EmulatorHttp.Answer answer = running.http().post(JOBS, body.toString());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.data().get("settings.threads").asText())
        .isEqualTo("A valid integer is required.");
    assertThat(answer.data().get("execution.timeout_seconds").asText())
        .isEqualTo("A valid integer is required.");
    assertThat(answer.data().get("generate_docs").asText()).isEqualTo("Must be a valid boolean.");
  }

  @Test
  void storesTheTriggerJobsProjectWhenACompletionTriggerLeavesItOut() {
    ObjectNode job = (ObjectNode) running.http().get(JOBS + "70403103900101/").data();
    job.set(
        "job_completion_trigger_condition",
        readTree("{\"condition\":{\"job_id\":70403103900102,\"statuses\":[10]}}"));

    EmulatorHttp.Answer answer = running.http().post(JOBS + "70403103900101/", job.toString());

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    assertThat(answer.data().at("/job_completion_trigger_condition/condition/project_id").asLong())
        .as("a job of another project may trigger this one; its project is stored")
        .isEqualTo(70403103900003L);
  }

  @Test
  void aJobMayDeferToItsOwnLastRun() {
    ObjectNode job = (ObjectNode) running.http().get(JOBS + "70403103900100/").data();
    job.put("deferring_job_definition_id", 70403103900100L);

    EmulatorHttp.Answer answer = running.http().post(JOBS + "70403103900100/", job.toString());

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    assertThat(answer.data().get("deferring_job_definition_id").asLong())
        .isEqualTo(70403103900100L);
  }
}
