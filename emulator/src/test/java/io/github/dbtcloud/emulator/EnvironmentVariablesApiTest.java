package io.github.dbtcloud.emulator;

import static io.github.dbtcloud.emulator.EmulatorHttp.JOBS;
import static io.github.dbtcloud.emulator.EmulatorHttp.VARS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EnvironmentVariablesApiTest {

  @RegisterExtension final RunningEmulator running = RunningEmulator.demo();
  private long jobId;

  @BeforeEach
  void start() {
    jobId = running.http().post(JOBS, Bodies.jobJson("Nightly")).data().get("id").asLong();
  }

  private JsonNode variables() {
    return running.http().get(VARS + "environment/").data();
  }

  @Test
  void createsAcrossEnvironmentsWithTheObjectFormAndAnswersAnObject() {
    EmulatorHttp.Answer answer =
        running
            .http()
            .post(
                VARS + "bulk/",
                "{\"env_var\":{\"new_name\":\"DBT_TARGET\",\"project\":\"dev\",\"Production\":\"prod\",\"Development\":\"\"}}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.data().isObject()).isTrue();
    assertThat(answer.data().get("new_var_ids").size()).isEqualTo(2);
    JsonNode read = variables();
    assertThat(read.get("environments").toString())
        .isEqualTo("[\"project\",\"Development\",\"Production\"]");
    assertThat(read.at("/variables/DBT_TARGET/project/value").asText()).isEqualTo("dev");
    assertThat(read.at("/variables/DBT_TARGET/Production/value").asText()).isEqualTo("prod");
    assertThat(read.at("/variables/DBT_TARGET").has("Development"))
        .as("an empty value creates nothing")
        .isFalse();
  }

  @Test
  void createsWithTheArrayFormAndAnswersAnArray() {
    EmulatorHttp.Answer answer =
        running
            .http()
            .post(
                VARS + "bulk/",
                "{\"env_var\":[{\"new_name\":\"DBT_A\",\"project\":\"a\"},{\"new_name\":\"DBT_B\",\"Production\":\"b\"}]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.data().isArray()).isTrue();
    assertThat(answer.data().get(1).get("key_name").asText()).isEqualTo("DBT_B");
    assertThat(answer.data().get(1).at("/data/new_var_ids").size()).isEqualTo(1);
    assertThat(variables().get("variables").has("DBT_A")).isTrue();
  }

  @Test
  void refusesADuplicateNameWithTheRecordedReason() {
    running
        .http()
        .post(VARS + "bulk/", "{\"env_var\":{\"new_name\":\"DBT_TARGET\",\"project\":\"dev\"}}");

    EmulatorHttp.Answer again =
        running
            .http()
            .post(VARS + "bulk/", "{\"env_var\":{\"new_name\":\"DBT_TARGET\",\"project\":\"x\"}}");

    assertThat(again.status()).isEqualTo(400);
    assertThat(again.data().get("reason").asText())
        .isEqualTo(
            "An environment variable by this name already exists in this project and account");
  }

  @Test
  void ofManyCreatesOfOneNameAtTheSameMomentExactlyOneSucceeds() throws Exception {
    // what the apply lease relies on: the name check and the insert happen under one lock
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String body = "{\"env_var\":{\"new_name\":\"DBT_LOCK\",\"project\":\"holder " + i + "\"}}";
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return running.http().post(VARS + "bulk/", body).status();
                }));
      }
      go.countDown();
      java.util.List<Integer> statuses = new java.util.ArrayList<>();
      for (java.util.concurrent.Future<Integer> a : answers) {
        statuses.add(a.get(30, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertThat(statuses).containsOnly(200, 400);
      assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
      assertThat(variables().at("/variables/DBT_LOCK").size()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesANameWithoutTheDbtPrefixInBothForms() {
    assertThat(
            running
                .http()
                .post(VARS + "bulk/", "{\"env_var\":{\"new_name\":\"TARGET\",\"project\":\"x\"}}")
                .data()
                .get("reason")
                .asText())
        .contains("DBT_");
    EmulatorHttp.Answer array =
        running
            .http()
            .post(
                VARS + "bulk/",
                "{\"env_var\":[{\"new_name\":\"DBT_OK\",\"project\":\"x\"},"
                    + "{\"new_name\":\"NOPE\",\"project\":\"x\"}]}");
    assertThat(array.status()).isEqualTo(400);
    assertThat(array.data().get(0).get("key_name").asText()).isEqualTo("NOPE");
    assertThat(variables().get("variables").has("DBT_OK"))
        .as("an array with a bad item writes nothing")
        .isFalse();
  }

  @Test
  void refusesAnUnknownEnvironmentName() {
    assertThat(
            running
                .http()
                .post(VARS + "bulk/", "{\"env_var\":{\"new_name\":\"DBT_X\",\"Staging\":\"x\"}}")
                .data()
                .get("reason")
                .asText())
        .contains("Staging");
  }

  @Test
  void masksSecretValuesEverywhere() {
    running
        .http()
        .post(
            VARS + "bulk/",
            "{\"env_var\":{\"new_name\":\"DBT_ENV_SECRET_KEY\",\"project\":\"hunter2\"}}");
    EmulatorHttp.Answer single =
        running
            .http()
            .post(
                VARS,
                "{\"name\":\"DBT_ENV_SECRET_KEY\",\"type\":\"job\",\"raw_value\":\"s3cret\","
                    + "\"job_definition_id\":"
                    + jobId
                    + "}");

    assertThat(variables().at("/variables/DBT_ENV_SECRET_KEY/project/value").asText())
        .isEqualTo("**********");
    assertThat(single.data().get("display_value").asText()).isEqualTo("**********");
    assertThat(single.body().toString()).doesNotContain("s3cret");
    assertThat(running.http().get(VARS + "job/?job_definition_id=" + jobId).body().toString())
        .doesNotContain("hunter2", "s3cret");
  }

  @Test
  void updatesInBulkByIdAndByEnvironmentNameAndDeletesWithAnEmptyValue() {
    running
        .http()
        .post(
            VARS + "bulk/",
            "{\"env_var\":{\"new_name\":\"DBT_TARGET\",\"project\":\"dev\",\"Production\":\"prod\"}}");
    long projectValueId = variables().at("/variables/DBT_TARGET/project/id").asLong();
    long prodValueId = variables().at("/variables/DBT_TARGET/Production/id").asLong();

    EmulatorHttp.Answer answer =
        running
            .http()
            .put(
                VARS + "bulk/",
                "{\"env_vars\":{\"name\":\"DBT_TARGET\",\"new_name\":\"DBT_TARGET_NAME\","
                    + "\""
                    + projectValueId
                    + "\":\"default\",\""
                    + prodValueId
                    + "\":\"\",\"Development\":\"mine\"}}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.data().get("deleted_var_ids").toString()).isEqualTo("[" + prodValueId + "]");
    assertThat(answer.data().get("new_var_ids").size()).isEqualTo(1);
    JsonNode read = variables().get("variables");
    assertThat(read.has("DBT_TARGET")).isFalse();
    assertThat(read.at("/DBT_TARGET_NAME/project/value").asText()).isEqualTo("default");
    assertThat(read.at("/DBT_TARGET_NAME/Development/value").asText()).isEqualTo("mine");
    assertThat(read.at("/DBT_TARGET_NAME").has("Production")).isFalse();
  }

  @Test
  void aNullValueAlsoDeletesInABulkUpdate() {
    running
        .http()
        .post(
            VARS + "bulk/",
            "{\"env_var\":{\"new_name\":\"DBT_TARGET\",\"project\":\"dev\",\"Production\":\"prod\"}}");

    running
        .http()
        .put(VARS + "bulk/", "{\"env_vars\":{\"name\":\"DBT_TARGET\",\"Production\":null}}");

    assertThat(variables().at("/variables/DBT_TARGET").has("Production")).isFalse();
  }

  @Test
  void deletesAVariableInBulkByName() {
    running
        .http()
        .post(
            VARS + "bulk/",
            "{\"env_var\":{\"new_name\":\"DBT_TARGET\",\"project\":\"dev\",\"Production\":\"prod\"}}");

    EmulatorHttp.Answer answer = running.http().delete(VARS + "bulk/", "{\"name\":\"DBT_TARGET\"}");

    assertThat(answer.status()).isEqualTo(204);
    assertThat(variables().get("variables").has("DBT_TARGET")).isFalse();
    assertThat(running.http().delete(VARS + "bulk/", "{\"name\":\"DBT_TARGET\"}").status())
        .isEqualTo(404);
  }

  @Test
  void overridesAVariableForOneJob() {
    running
        .http()
        .post(
            VARS + "bulk/",
            "{\"env_var\":{\"new_name\":\"DBT_THREADS\",\"project\":\"4\",\"Production\":\"8\"}}");

    EmulatorHttp.Answer created =
        running
            .http()
            .post(
                VARS,
                "{\"account_id\":70403103900001,\"project_id\":70403103900002,"
                    + "\"name\":\"DBT_THREADS\",\"type\":\"job\",\"raw_value\":\"16\",\"job_definition_id\":"
                    + jobId
                    + "}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.data().get("type").asText()).isEqualTo("job");
    assertThat(created.data().has("raw_value")).as("raw_value is write-only").isFalse();
    JsonNode forJob =
        running.http().get(VARS + "job/?job_definition_id=" + jobId).data().get("DBT_THREADS");
    assertThat(forJob.at("/project/value").asText()).isEqualTo("4");
    assertThat(forJob.at("/environment/value").asText()).isEqualTo("8");
    assertThat(forJob.at("/job/value").asText()).isEqualTo("16");
    assertThat(
            running
                .http()
                .get(JOBS + jobId + "/?include_related=[custom_environment_variables]")
                .data()
                .get("custom_environment_variables")
                .get(0)
                .get("display_value")
                .asText())
        .isEqualTo("16");
  }

  @Test
  void updatesAndDeletesASingleOverride() {
    long id =
        running
            .http()
            .post(
                VARS,
                "{\"name\":\"DBT_X\",\"type\":\"job\",\"raw_value\":\"1\",\"job_definition_id\":"
                    + jobId
                    + "}")
            .data()
            .get("id")
            .asLong();

    EmulatorHttp.Answer updated =
        running
            .http()
            .post(
                VARS + id + "/",
                "{\"name\":\"DBT_X\",\"type\":\"job\",\"raw_value\":\"2\","
                    + "\"job_definition_id\":"
                    + jobId
                    + "}");
    assertThat(updated.data().get("display_value").asText()).isEqualTo("2");

    assertThat(running.http().delete(VARS + id + "/").status()).isEqualTo(204);
    assertThat(running.http().get(VARS + "job/?job_definition_id=" + jobId).data().has("DBT_X"))
        .isFalse();
  }

  @Test
  void refusesASecondOverrideOfTheSameJob() {
    String body =
        "{\"name\":\"DBT_X\",\"type\":\"job\",\"raw_value\":\"1\",\"job_definition_id\":"
            + jobId
            + "}";
    running.http().post(VARS, body);

    assertThat(running.http().post(VARS, body).data().get("reason").asText())
        .isEqualTo(
            "An environment variable by this name already exists in this project and account");
  }

  @Test
  void theJobViewNeedsAJobOfTheProject() {
    assertThat(running.http().get(VARS + "job/").status()).isEqualTo(400);
    assertThat(running.http().get(VARS + "job/?job_definition_id=1").status()).isEqualTo(404);
  }

  @Test
  void readsTheEnvironmentViewWithoutItsTrailingSlashAsTerraformCallsIt() {
    assertThat(running.http().get(VARS + "environment").status()).isEqualTo(200);
  }

  @Test
  void readsUserOverrides() {
    running
        .http()
        .post(
            VARS + "bulk/",
            "{\"env_var\":{\"new_name\":\"DBT_SCHEMA\",\"project\":\"analytics\"}}");
    running
        .http()
        .post(
            VARS,
            "{\"name\":\"DBT_SCHEMA\",\"type\":\"user\",\"raw_value\":\"dbt_me\",\"user_id\":42}");

    JsonNode forUser = running.http().get(VARS + "user/?user_id=42").data().get("DBT_SCHEMA");

    assertThat(forUser.at("/user/value").asText()).isEqualTo("dbt_me");
    assertThat(forUser.at("/project/value").asText()).isEqualTo("analytics");
  }
}
