package io.github.dbtcloud.emulator;

import static io.github.dbtcloud.emulator.EmulatorHttp.JOBS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessAndErrorsTest {

  private static final String SEED =
      """
      accounts:
        - {id: 70403103900001, name: Main}
        - {id: 70403103900501, name: Elsewhere}
      tokens:
        - {token: dbtc_emulator_demo_token, account_id: 70403103900001}
        - {token: dbtc_scoped, account_id: 70403103900001, project_ids: [70403103900002]}
        - {token: dbtc_elsewhere, account_id: 70403103900501}
      projects:
        - {id: 70403103900002, account_id: 70403103900001, name: Allowed}
        - {id: 70403103900003, account_id: 70403103900001, name: Hidden}
      environments:
        - {id: 70403103900011, project_id: 70403103900002, name: Production, type: deployment}
        - {id: 70403103900012, project_id: 70403103900003, name: Hidden prod, type: deployment}
      jobs:
        - {id: 70403103900100, project_id: 70403103900002, environment_id: 70403103900011, name: Visible, execute_steps: [dbt build]}
        - {id: 70403103900101, project_id: 70403103900003, environment_id: 70403103900012, name: Invisible, execute_steps: [dbt build]}
      """;

  private DbtCloudEmulator emulator;

  @BeforeEach
  void start() {
    emulator = DbtCloudEmulator.builder().seedText(SEED).start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private EmulatorHttp as(String authorization) {
    return new EmulatorHttp(emulator, authorization);
  }

  private static List<String> names(EmulatorHttp.Answer answer) {
    List<String> names = new ArrayList<>();
    answer.data().forEach(o -> names.add(o.path("name").asText()));
    return names;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Token nope",
        "dbtc_emulator_demo_token",
        "Basic dbtc_emulator_demo_token",
        "Token"
      })
  void answersABadOrUnknownTokenWithTheRecorded401(String authorization) {
    EmulatorHttp.Answer answer = as(authorization).get(JOBS);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().toString())
        .isEqualTo(
            "{\"status\":{\"code\":401,\"is_success\":false,"
                + "\"user_message\":\"Invalid token.\",\"developer_message\":null},\"data\":null}");
  }

  @Test
  void answersAMissingTokenWith401() {
    assertThat(as(null).get(JOBS).status()).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Token dbtc_emulator_demo_token",
        "Bearer dbtc_emulator_demo_token",
        "bearer dbtc_emulator_demo_token"
      })
  void acceptsTokenAndBearerSchemes(String authorization) {
    assertThat(as(authorization).get(JOBS).status()).isEqualTo(200);
  }

  @Test
  void anotherAccountsObjectsAreNotFoundWithThePermissionsHint() {
    EmulatorHttp.Answer answer = as("Token dbtc_elsewhere").get(JOBS);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().at("/status/user_message").asText())
        .isEqualTo(
            "The requested resource was not found. "
                + "Please check that you have the proper permissions. If you are seeing this in error, please contact support!");
    assertThat(answer.body().at("/status/developer_message").asText()).isEmpty();
    assertThat(answer.body().get("data").isNull()).isTrue();
  }

  @Test
  void aProjectScopedTokenSeesOnlyItsProjects() {
    EmulatorHttp scoped = as("Token dbtc_scoped");

    assertThat(names(scoped.get(JOBS))).containsExactly("Visible");
    assertThat(names(scoped.get("/api/v3/accounts/70403103900001/projects/")))
        .containsExactly("Allowed");
    assertThat(scoped.get(JOBS + "70403103900101/").status()).isEqualTo(404);
    assertThat(scoped.get("/api/v3/accounts/70403103900001/projects/70403103900003/").status())
        .isEqualTo(404);
    assertThat(
            scoped
                .get("/api/v3/accounts/70403103900001/projects/70403103900003/environments/")
                .status())
        .isEqualTo(404);
    assertThat(names(scoped.get("/api/v3/accounts/70403103900001/environments/")))
        .containsExactly("Production");
    assertThat(
            scoped
                .get(
                    "/api/v3/accounts/70403103900001/projects/70403103900003/environment-variables/environment/")
                .status())
        .isEqualTo(404);
  }

  @Test
  void aProjectScopedTokenCannotWriteOutsideItsProjects() {
    var body = Bodies.job("sneaky");
    body.put("project_id", 70403103900003L);
    body.put("environment_id", 70403103900012L);

    EmulatorHttp.Answer answer = as("Token dbtc_scoped").post(JOBS, body.toString());

    assertThat(answer.status()).isEqualTo(404);
    assertThat(names(as("Token dbtc_emulator_demo_token").get(JOBS))).doesNotContain("sneaky");
  }

  @Test
  void aTokenSeesExactlyItsAccount() {
    JsonNode accounts = as("Token dbtc_emulator_demo_token").get("/api/v2/accounts/").body();

    assertThat(names(new EmulatorHttp.Answer(200, accounts, null))).containsExactly("Main");
    assertThat(accounts.at("/extra/filters/pk__in/0").asLong()).isEqualTo(70403103900001L);
    assertThat(accounts.at("/extra/order_by").isNull()).as("recorded").isTrue();
    assertThat(
            as("Token dbtc_emulator_demo_token").get("/api/v2/accounts/70403103900501/").status())
        .isEqualTo(404);
    assertThat(as("Token dbtc_emulator_demo_token").get("/api/v3/accounts/").data().size())
        .isEqualTo(1);
  }

  @Test
  void aWrongMethodAnswers405WithTheRecordedDetailBody() {
    EmulatorHttp.Answer answer = as("Token dbtc_emulator_demo_token").put(JOBS, "{}");

    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.body().toString())
        .isEqualTo("{\"detail\":\"Method \\\"PUT\\\" not allowed.\"}");
  }

  @Test
  void anUnknownPathIsNotFound() {
    assertThat(
            as("Token dbtc_emulator_demo_token")
                .get("/api/v2/accounts/70403103900001/nothing/")
                .status())
        .isEqualTo(404);
  }

  @Test
  void aNonNumericIdIsNotFound() {
    assertThat(as("Token dbtc_emulator_demo_token").get(JOBS + "abc/").status()).isEqualTo(404);
  }

  @Test
  void refusesABodyThatIsNotJson() {
    EmulatorHttp.Answer answer = as("Token dbtc_emulator_demo_token").post(JOBS, "{not json");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.data().get("non_field_errors").asText()).startsWith("JSON parse error");
  }

  @Test
  void acceptsPathsWithoutTheTrailingSlashByDefault() {
    EmulatorHttp http = as("Token dbtc_emulator_demo_token");

    assertThat(http.get(JOBS.substring(0, JOBS.length() - 1)).status()).isEqualTo(200);
    assertThat(http.post(JOBS.substring(0, JOBS.length() - 1), Bodies.jobJson("no slash")).status())
        .isEqualTo(201);
  }

  @Test
  void strictTrailingSlashRedirectsAndAPostThatFollowsBecomesA405() {
    try (DbtCloudEmulator strict =
        DbtCloudEmulator.builder().seedText(SEED).strictTrailingSlash(true).start()) {
      String run = "/api/v2/accounts/70403103900001/jobs/70403103900100";
      EmulatorHttp noFollow = new EmulatorHttp(strict, "Token dbtc_emulator_demo_token");
      EmulatorHttp.Answer redirect = noFollow.post(run, Bodies.jobJson("x"));
      assertThat(redirect.status()).isEqualTo(301);
      assertThat(redirect.headers().firstValue("Location")).hasValue(run + "/");

      // A client that follows the 301 turns the POST into a GET: on a POST-only path that is the
      // recorded 405.
      EmulatorHttp following =
          new EmulatorHttp(
              strict,
              "Token dbtc_emulator_demo_token",
              HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build());
      EmulatorHttp.Answer answer =
          following.post(
              "/api/v3/accounts/70403103900001/projects/70403103900002/environment-variables/bulk",
              "{\"env_var\":{\"new_name\":\"DBT_X\",\"project\":\"x\"}}");
      assertThat(answer.status()).isEqualTo(405);
      assertThat(answer.body().get("detail").asText()).isEqualTo("Method \"GET\" not allowed.");
      assertThat(noFollow.get(JOBS).status()).as("with the slash all is well").isEqualTo(200);
    }
  }

  @Test
  void idsAreSixtyFourBit() {
    long id =
        as("Token dbtc_emulator_demo_token")
            .post(JOBS, Bodies.jobJson("big"))
            .data()
            .get("id")
            .asLong();

    assertThat(id).isGreaterThan(Integer.MAX_VALUE);
  }
}
