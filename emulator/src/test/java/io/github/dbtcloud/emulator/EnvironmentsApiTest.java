package io.github.dbtcloud.emulator;

import static io.github.dbtcloud.emulator.EmulatorHttp.ACCOUNT;
import static io.github.dbtcloud.emulator.EmulatorHttp.DEVELOPMENT;
import static io.github.dbtcloud.emulator.EmulatorHttp.ENVS;
import static io.github.dbtcloud.emulator.EmulatorHttp.JOBS;
import static io.github.dbtcloud.emulator.EmulatorHttp.PRODUCTION;
import static io.github.dbtcloud.emulator.EmulatorHttp.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EnvironmentsApiTest {

  @RegisterExtension final RunningEmulator running = RunningEmulator.demo();

  private static List<String> names(EmulatorHttp.Answer answer) {
    List<String> names = new ArrayList<>();
    answer.data().forEach(e -> names.add(e.path("name").asText()));
    return names;
  }

  @Test
  void createsWithDefaultsAndAnswersTheRecordedCreateShape() {
    EmulatorHttp.Answer answer =
        running
            .http()
            .post(
                ENVS, "{\"name\":\"CI\",\"type\":\"deployment\",\"deployment_type\":\"staging\"}");

    assertThat(answer.status()).isEqualTo(201);
    JsonNode env = answer.data();
    assertThat(env.get("dbt_version").asText()).isEqualTo("latest");
    assertThat(env.get("deployment_type").asText()).isEqualTo("staging");
    assertThat(env.get("credentials_id").isNull()).isTrue();
    assertThat(env.get("project").get("id").asLong()).isEqualTo(Long.parseLong(PROJECT));
    assertThat(env.has("jobs")).isTrue();
    assertThat(env.get("updated_at").asText())
        .as("the 2023 create recording spaces its timestamps")
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:.*\\+00:00");
    assertThat(
            running
                .http()
                .get(ENVS + env.get("id").asLong() + "/")
                .data()
                .get("updated_at")
                .asText())
        .contains("T");
  }

  @Test
  void storesAndReturnsTheProfileCustomBranchDocsAndDbtStateFieldsAndAFullReplaceResetsThem() {
    EmulatorHttp.Answer created =
        running
            .http()
            .post(
                ENVS,
                "{\"name\":\"CI\",\"type\":\"deployment\","
                    + "\"primary_profile_id\":40,\"use_custom_branch\":true,\"custom_branch\":\"main\",\"supports_docs\":true,"
                    + "\"enable_dbt_state\":true,\"extended_attributes_id\":30}");
    long id = created.data().get("id").asLong();

    JsonNode read = running.http().get(ENVS + id + "/").data();
    assertThat(read.get("primary_profile_id").asLong()).isEqualTo(40);
    assertThat(read.get("use_custom_branch").asBoolean()).isTrue();
    assertThat(read.get("custom_branch").asText()).isEqualTo("main");
    assertThat(read.get("supports_docs").asBoolean()).isTrue();
    assertThat(read.get("enable_dbt_state").asBoolean()).isTrue();
    assertThat(read.get("extended_attributes_id").asLong()).isEqualTo(30);

    JsonNode replaced =
        running.http().post(ENVS + id + "/", "{\"name\":\"CI\",\"type\":\"deployment\"}").data();
    assertThat(replaced.get("primary_profile_id").isNull()).isTrue();
    assertThat(replaced.get("use_custom_branch").asBoolean()).isFalse();
    assertThat(replaced.get("supports_docs").asBoolean()).isFalse();
    assertThat(replaced.get("enable_dbt_state").asBoolean()).isFalse();
  }

  @Test
  void anUpdateResetsOmittedConnectionAndCredentialsToNull() {
    EmulatorHttp.Answer after =
        running
            .http()
            .post(
                ENVS + PRODUCTION + "/",
                "{\"name\":\"Production\",\"type\":\"deployment\",\"deployment_type\":\"production\"}");

    assertThat(after.data().get("credentials_id").isNull()).isTrue();
    assertThat(after.data().get("connection_id").isNull()).isTrue();
  }

  @Test
  void anUpdateThatResendsEverythingKeepsIt() {
    ObjectNode env = (ObjectNode) running.http().get(ENVS + PRODUCTION + "/").data();
    env.put("dbt_version", "1.9.0-latest");
    env.remove("credentials"); // what the Terraform provider does before an update

    JsonNode after = running.http().post(ENVS + PRODUCTION + "/", env.toString()).data();

    assertThat(after.get("credentials_id").asLong()).isEqualTo(70403103900020L);
    assertThat(after.get("dbt_version").asText()).isEqualTo("1.9.0-latest");
    assertThat(after.get("raw_dbt_version").asText()).isEqualTo("1.9.0-latest");
  }

  @Test
  void refusesAnEmptyDeploymentTypeAndAnEmptyDbtVersion() {
    assertThat(
            running
                .http()
                .post(ENVS, "{\"name\":\"x\",\"deployment_type\":\"\"}")
                .data()
                .get("deployment_type")
                .asText())
        .isEqualTo("\"\" is not a valid choice.");
    assertThat(
            running
                .http()
                .post(ENVS, "{\"name\":\"x\",\"dbt_version\":\"\"}")
                .data()
                .get("dbt_version")
                .asText())
        .isEqualTo("This field may not be blank.");
  }

  @Test
  void refusesASecondDevelopmentOrProductionEnvironment() {
    assertThat(
            running
                .http()
                .post(ENVS, "{\"name\":\"Dev 2\",\"type\":\"development\"}")
                .data()
                .get("type")
                .asText())
        .contains("only have one development environment");
    assertThat(
            running
                .http()
                .post(ENVS, "{\"name\":\"Prod 2\",\"deployment_type\":\"production\"}")
                .status())
        .isEqualTo(400);
  }

  @Test
  void refusesACredentialsObjectButAcceptsANullOne() {
    assertThat(running.http().post(ENVS, "{\"name\":\"x\",\"credentials\":{\"id\":1}}").status())
        .isEqualTo(400);
    assertThat(
            running
                .http()
                .post(
                    ENVS,
                    "{\"id\":null,\"name\":\"x\",\"credentials\":null,\"jobs\":null,\"project\":{}}")
                .status())
        .as("the Terraform provider's create body")
        .isEqualTo(201);
  }

  @Test
  void deletesSoftlyAndHidesTheEnvironmentFromLists() {
    long id = running.http().post(ENVS, "{\"name\":\"Doomed\"}").data().get("id").asLong();

    EmulatorHttp.Answer deleted = running.http().delete(ENVS + id + "/");

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.data().get("state").asInt()).isEqualTo(2);
    assertThat(names(running.http().get(ENVS))).doesNotContain("Doomed");
    assertThat(names(running.http().get(ENVS + "?state=deleted"))).containsExactly("Doomed");
    assertThat(running.http().get(ENVS + id + "/").status()).isEqualTo(404);
  }

  @Test
  void filtersTheProjectListAsTheSpecLists() {
    assertThat(names(running.http().get(ENVS + "?type=development")))
        .containsExactly("Development");
    assertThat(names(running.http().get(ENVS + "?deployment_type=production")))
        .containsExactly("Production");
    assertThat(names(running.http().get(ENVS + "?deployment_type__in=[production,staging]")))
        .containsExactly("Production");
    assertThat(names(running.http().get(ENVS + "?name__icontains=PROD")))
        .containsExactly("Production");
    assertThat(names(running.http().get(ENVS + "?name=Development")))
        .containsExactly("Development");
    assertThat(names(running.http().get(ENVS + "?credentials_id=70403103900020")))
        .containsExactly("Production");
    assertThat(names(running.http().get(ENVS + "?pk__in=" + DEVELOPMENT)))
        .containsExactly("Development");
    assertThat(names(running.http().get(ENVS + "?order_by=-name")))
        .containsExactly("Production", "Development");
  }

  @Test
  void listsEnvironmentsAcrossTheAccountByProject() {
    String accountList = "/api/v3/accounts/" + ACCOUNT + "/environments/";

    assertThat(names(running.http().get(accountList + "?project_id=" + PROJECT)))
        .containsExactly("Development", "Production");
    assertThat(names(running.http().get(accountList + "?project_id=1"))).isEmpty();
    assertThat(running.http().get(accountList).body().at("/extra/pagination/total_count").asInt())
        .isEqualTo(2);
  }

  @Test
  void includesTheProjectWhenAsked() {
    assertThat(running.http().get(ENVS + PRODUCTION + "/").data().has("project")).isFalse();
    assertThat(
            running
                .http()
                .get(ENVS + PRODUCTION + "/?include_related=[project]")
                .data()
                .get("project")
                .get("name")
                .asText())
        .isEqualTo("Jaffle Shop");
  }

  @Test
  void anEnvironmentOfAnotherProjectIsNotFound() {
    String otherProject =
        "/api/v3/accounts/" + ACCOUNT + "/projects/1/environments/" + PRODUCTION + "/";

    assertThat(running.http().get(otherProject).status()).isEqualTo(404);
  }

  @Test
  void deletingAnEnvironmentSoftDeletesItsJobs() {
    long env =
        running
            .http()
            .post(ENVS, "{\"name\":\"CI\",\"type\":\"deployment\"}")
            .data()
            .get("id")
            .asLong();
    ObjectNode body = Bodies.job("PR check");
    body.put("environment_id", env);
    long job = running.http().post(JOBS, body.toString()).data().get("id").asLong();
    long other = running.http().post(JOBS, Bodies.jobJson("Nightly")).data().get("id").asLong();

    assertThat(running.http().delete(ENVS + env + "/").status()).isEqualTo(200);

    assertThat(running.http().get(JOBS + job + "/").status()).isEqualTo(404);
    EmulatorHttp.Answer deleted = running.http().get(JOBS + "?state=deleted");
    assertThat(deleted.data().findValuesAsText("name")).containsExactly("PR check");
    assertThat(running.http().get(JOBS + other + "/").status())
        .as("jobs of other environments stay")
        .isEqualTo(200);
  }

  @Test
  void anUpdateThatDeletesAnEnvironmentDeletesItsJobsToo() {
    ObjectNode body = Bodies.job("Nightly");
    long job = running.http().post(JOBS, body.toString()).data().get("id").asLong();
    ObjectNode env = (ObjectNode) running.http().get(ENVS + PRODUCTION + "/").data();
    env.put("state", 2);

    assertThat(running.http().post(ENVS + PRODUCTION + "/", env.toString()).status())
        .isEqualTo(200);

    assertThat(running.http().get(JOBS + job + "/").status()).isEqualTo(404);
  }

  @Test
  void anUpdateMayKeepItsOwnName() {
    ObjectNode env = (ObjectNode) running.http().get(ENVS + PRODUCTION + "/").data();
    env.put("dbt_version", "1.9.0-latest");

    EmulatorHttp.Answer answer = running.http().post(ENVS + PRODUCTION + "/", env.toString());

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    assertThat(answer.data().get("dbt_version").asText()).isEqualTo("1.9.0-latest");
  }

  @Test
  void aV3NotFoundCarriesExtraAndErrorCodeAsRecorded() {
    EmulatorHttp.Answer answer = running.http().get(ENVS + "1/");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().get("extra").isEmpty()).isTrue();
    assertThat(answer.body().get("error_code").isNull()).isTrue();
  }
}
