package io.github.dbtcloud.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DbtCloudEmulatorTest {

  private static final String ACCOUNT = "70403103900001";
  private static final String PROJECT = "70403103900002";
  private static final String ENVS =
      "/api/v3/accounts/" + ACCOUNT + "/projects/" + PROJECT + "/environments/";
  private static final String JOBS = "/api/v2/accounts/" + ACCOUNT + "/jobs/";

  @RegisterExtension final RunningEmulator running = RunningEmulator.demo();

  @Test
  void listsTheDemoEnvironmentsInTheEnvelope() {
    EmulatorHttp.Answer answer = running.http().get(ENVS);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().at("/status/user_message").asText()).isEqualTo("Success!");
    assertThat(answer.body().at("/data").size()).isEqualTo(2);
    assertThat(answer.body().at("/extra/pagination/total_count").asInt()).isEqualTo(2);
    assertThat(answer.body().at("/extra/filters/limit").asInt()).isEqualTo(100);
  }

  @Test
  void answersACreateWith201() {
    EmulatorHttp.Answer answer =
        running.http().post(ENVS, "{\"name\":\"CI\",\"type\":\"deployment\"}");

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.body().at("/status/code").asInt()).isEqualTo(201);
    assertThat(answer.body().at("/data/id").asLong()).isGreaterThan(Integer.MAX_VALUE);
  }

  @Test
  void anEnvironmentUpdateIsAFullReplace() {
    long id = 70403103900011L;
    EmulatorHttp.Answer before = running.http().get(ENVS + id + "/");
    assertThat(before.body().at("/data/credentials_id").asLong()).isEqualTo(70403103900020L);

    EmulatorHttp.Answer after =
        running.http().post(ENVS + id + "/", "{\"name\":\"Production\",\"type\":\"deployment\"}");

    assertThat(after.status()).isEqualTo(200);
    assertThat(after.body().at("/data/credentials_id").isNull()).isTrue();
  }

  @Test
  void refusesACredentialsObjectOnUpdate() {
    EmulatorHttp.Answer answer =
        running
            .http()
            .post(
                ENVS + 70403103900011L + "/",
                "{\"name\":\"Production\",\"credentials\":{\"id\":1}}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().at("/data/credentials").asText())
        .contains("is not valid under any of the given schemas");
  }

  @Test
  void answersAnUnknownTokenWith401InvalidToken() {
    EmulatorHttp.Answer answer = new EmulatorHttp(running.emulator(), "Token nope").get(JOBS);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().at("/status/user_message").asText()).isEqualTo("Invalid token.");
    assertThat(answer.body().at("/status/developer_message").isNull()).isTrue();
  }

  @Test
  void answersAMissingJobWith404AndThePermissionsHint() {
    EmulatorHttp.Answer answer = running.http().get(JOBS + "1/");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().at("/status/user_message").asText()).contains("proper permissions");
  }

  @Test
  void derivesTheJobTypeFromTheTriggers() {
    com.fasterxml.jackson.databind.node.ObjectNode body = Bodies.job("PR");
    body.withObjectProperty("triggers").put("git_provider_webhook", true);
    EmulatorHttp.Answer answer = running.http().post(JOBS, body.toString());

    assertThat(answer.body().at("/data/job_type").asText()).isEqualTo("ci");
    assertThat(answer.body().at("/data/created_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT.*\\+00:00");
  }

  @Test
  void pagesListsAtAHundred() {
    for (int i = 0; i < 101; i++) {
      running.http().post(JOBS, Bodies.jobJson("j" + i));
    }
    assertThat(running.http().get(JOBS + "?limit=100").body().at("/data").size()).isEqualTo(100);
    assertThat(running.http().get(JOBS + "?offset=100").body().at("/data").size()).isEqualTo(1);
    assertThat(running.http().get(JOBS + "?limit=101").status()).isEqualTo(400);
  }

  @Test
  void keepsItsStateAcrossRestartsInAStateFile(@TempDir Path dir) {
    Path state = dir.resolve("state.json");
    try (DbtCloudEmulator first = DbtCloudEmulator.builder().stateFile(state).start()) {
      new EmulatorHttp(first, "Token " + EmulatorHttp.DEMO_TOKEN).post(ENVS, "{\"name\":\"CI\"}");
    }
    try (DbtCloudEmulator second = DbtCloudEmulator.builder().stateFile(state).start()) {
      EmulatorHttp.Answer answer =
          new EmulatorHttp(second, "Token " + EmulatorHttp.DEMO_TOKEN).get(ENVS);
      assertThat(answer.body().at("/data").findValuesAsText("name")).contains("CI");
    }
  }

  @Test
  void journalsRequestsWithTheAuthSchemeOnly() {
    running.http().get(ENVS);

    assertThat(running.emulator().journal())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.authScheme()).isEqualTo("Token");
              assertThat(e.toString()).doesNotContain(EmulatorHttp.DEMO_TOKEN);
            });
  }
}
