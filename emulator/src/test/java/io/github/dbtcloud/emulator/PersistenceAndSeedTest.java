package io.github.dbtcloud.emulator;

import static io.github.dbtcloud.emulator.EmulatorHttp.ENVS;
import static io.github.dbtcloud.emulator.EmulatorHttp.JOBS;
import static io.github.dbtcloud.emulator.EmulatorHttp.VARS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceAndSeedTest {

  private static final String SEED =
      """
      accounts: [{id: 70403103900001, name: Seeded, plan: team}]
      tokens:
        - {token: dbtc_emulator_demo_token, account_id: 70403103900001}
        - {token: dbtc_second, account_id: 70403103900001, project_ids: [70403103900002]}
      projects:
        - {id: 70403103900002, account_id: 70403103900001, name: Jaffle Shop, connection_id: 5,
           connection: {id: 5, name: Snowflake, type: snowflake}}
      environments:
        - {id: 70403103900010, project_id: 70403103900002, name: Development, type: development}
        - {id: 70403103900011, project_id: 70403103900002, name: Production, type: deployment,
           deployment_type: production, credentials_id: 9, connection_id: 5}
      jobs:
        - {id: 70403103900100, project_id: 70403103900002, environment: Production, name: Nightly,
           execute_steps: [dbt build], triggers: {schedule: true},
           schedule: {date: {type: days_of_week, days: [1, 2, 3, 4, 5]}, time: {type: at_exact_hours, hours: [5]}}}
      environment_variables:
        - {project_id: 70403103900002, name: DBT_TARGET, project: dev, environments: {Production: prod},
           jobs: {"70403103900100": nightly}}
        - {project_id: 70403103900002, name: DBT_ENV_SECRET_TOKEN, project: s3cret}
      settings: {delete_answer: no_content}
      """;

  @Test
  void seedsEverySectionThroughTheApiCode() {
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().seedText(SEED).start()) {
      EmulatorHttp http = EmulatorHttp.demo(emulator);

      JsonNode job = http.get(JOBS + "70403103900100/").data();
      assertThat(job.get("job_type").asText()).isEqualTo("scheduled");
      assertThat(job.at("/schedule/cron").asText()).isEqualTo("0 5 * * 1,2,3,4,5");
      assertThat(job.get("account_id").asLong()).as("from the project").isEqualTo(70403103900001L);
      assertThat(http.get(ENVS + "70403103900011/").data().get("connection").get("name").asText())
          .isEqualTo("Snowflake");
      JsonNode vars = http.get(VARS + "job/?job_definition_id=70403103900100").data();
      assertThat(vars.at("/DBT_TARGET/job/value").asText()).isEqualTo("nightly");
      assertThat(vars.at("/DBT_TARGET/environment/value").asText()).isEqualTo("prod");
      assertThat(vars.at("/DBT_ENV_SECRET_TOKEN/project/value").asText()).isEqualTo("**********");
      assertThat(http.get("/api/v2/accounts/70403103900001/").data().get("plan").asText())
          .isEqualTo("team");
      assertThat(emulator.tokens()).containsKeys("dbtc_emulator_demo_token", "dbtc_second");
      assertThat(http.delete(JOBS + "70403103900100/").status())
          .as("settings.delete_answer")
          .isEqualTo(204);
    }
  }

  @Test
  void idsCreatedLaterNeverCollideWithSeededIds() {
    String seed =
        SEED.replace("70403103900100", "70403104191314"); // FIRST_ID, the first id handed out
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().seedText(seed).start()) {
      long created =
          EmulatorHttp.demo(emulator).post(JOBS, Bodies.jobJson("new")).data().get("id").asLong();

      assertThat(created).isGreaterThan(70403104191314L);
    }
  }

  @Test
  void aSeedMistakeNamesTheEntryAndTheFix() {
    assertThatThrownBy(
            () ->
                DbtCloudEmulator.builder()
                    .seedText("accounts: [{id: 1}]\nprojects: [{id: 2, account_id: 9, name: p}]")
                    .start())
        .hasMessage("seed projects[0]: account_id 9 is not in 'accounts:'; declare it there first");
    assertThatThrownBy(
            () ->
                DbtCloudEmulator.builder()
                    .seedText(
                        "accounts: [{id: 1}]\nprojects: [{id: 2, account_id: 1, name: p}]\n"
                            + "environments: [{project_id: 2, name: e, deployment_type: ''}]")
                    .start())
        .hasMessageContaining("seed environments[0] is refused as the API would refuse it")
        .hasMessageContaining("deployment_type");
    assertThatThrownBy(
            () ->
                DbtCloudEmulator.builder()
                    .seedText(
                        "accounts: [{id: 1}]\nprojects: [{id: 2, account_id: 1, name: p}]\njobs: [{project_id: 2, environment: Nope, name: j, execute_steps: [dbt build]}]")
                    .start())
        .hasMessageContaining("environment 'Nope' is not an environment of project 2");
  }

  @Test
  void anEmptySeedStartsAnEmptyEmulator() {
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().seedText("").start()) {
      assertThat(emulator.tokens()).isEmpty();
    }
  }

  @Test
  void survivesARestartWithEverythingAndTheTokenScopes(@TempDir Path dir) {
    Path state = dir.resolve("state.json");
    long jobId;
    try (DbtCloudEmulator first =
        DbtCloudEmulator.builder().seedText(SEED).stateFile(state).start()) {
      EmulatorHttp http = EmulatorHttp.demo(first);
      jobId = http.post(JOBS, Bodies.jobJson("persisted")).data().get("id").asLong();
      http.post(VARS + "bulk/", "{\"env_var\":{\"new_name\":\"DBT_NEW\",\"project\":\"v\"}}");
    }
    try (DbtCloudEmulator second =
        DbtCloudEmulator.builder().seedText("accounts: []").stateFile(state).start()) {
      EmulatorHttp http = EmulatorHttp.demo(second);

      assertThat(http.get(JOBS + jobId + "/").data().get("name").asText()).isEqualTo("persisted");
      assertThat(http.get(VARS + "environment/").data().get("variables").has("DBT_NEW")).isTrue();
      assertThat(
              new EmulatorHttp(second, "Token dbtc_second")
                  .get("/api/v3/accounts/70403103900001/projects/")
                  .data()
                  .size())
          .isEqualTo(1);
      long next = http.post(JOBS, Bodies.jobJson("after restart")).data().get("id").asLong();
      assertThat(next).isGreaterThan(jobId);
    }
  }

  @Test
  void writesAtomicallyLeavingNoTemporaryFiles(@TempDir Path dir) throws IOException {
    Path state = dir.resolve("nested/state.json");
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().stateFile(state).start()) {
      EmulatorHttp http = EmulatorHttp.demo(emulator);
      for (int i = 0; i < 5; i++) {
        http.post(JOBS, Bodies.jobJson("job " + i));
      }
    }

    try (Stream<Path> files = Files.list(state.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
    }
    assertThat(Files.readString(state)).contains("\"format\" : 2", "job 4");
  }

  @Test
  void refusesADamagedStateFileWithTheWayOut(@TempDir Path dir) throws IOException {
    Path state = dir.resolve("state.json");
    Files.writeString(state, "{\"next_id\": 1, \"jobs\": [");

    assertThatThrownBy(() -> DbtCloudEmulator.builder().stateFile(state).start())
        .hasMessageContaining("is not valid JSON")
        .hasMessageContaining("delete it to start again from the seed");
  }

  @Test
  void keepsTablesItDoesNotKnowAcrossARestart(@TempDir Path dir) {
    Path state = dir.resolve("state.json");
    try (DbtCloudEmulator first = DbtCloudEmulator.builder().stateFile(state).start()) {
      first
          .state()
          .write(
              s -> {
                s.addTable("runs")
                    .put(
                        new com.fasterxml.jackson.databind.ObjectMapper()
                            .createObjectNode()
                            .put("id", 1));
                return null;
              });
      first.persist();
    }
    try (DbtCloudEmulator second = DbtCloudEmulator.builder().stateFile(state).start()) {
      assertThat(second.state().hasTable("runs")).isTrue();
      assertThat(second.state().addTable("runs").size()).isEqualTo(1);
    }
  }
}
