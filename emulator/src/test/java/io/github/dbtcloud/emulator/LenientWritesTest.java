package io.github.dbtcloud.emulator;

import static io.github.dbtcloud.emulator.BadWrite.job;
import static io.github.dbtcloud.emulator.BadWrite.json;
import static io.github.dbtcloud.emulator.EmulatorHttp.ENVS;
import static io.github.dbtcloud.emulator.EmulatorHttp.JOBS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.emulator.admin.AdminSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lenient mode ({@code DbtCloudEmulator.builder().lenient(true)}, {@code --lenient}, or {@code
 * settings: {validation: lenient}} in a seed) accepts writes dbt Cloud refuses, for tests that need
 * such a state; strict is the default.
 */
class LenientWritesTest {

  private DbtCloudEmulator emulator;

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  private EmulatorHttp lenient() {
    emulator = DbtCloudEmulator.builder().seedText(StrictWritesTest.SEED).lenient(true).start();
    return EmulatorHttp.demo(emulator);
  }

  @Test
  void writesAreStrictByDefault() {
    emulator = DbtCloudEmulator.builder().start();

    assertThat(emulator.settings().strict()).isTrue();
    assertThat(
            EmulatorHttp.demo(emulator)
                .post(JOBS, job(j -> j.withObjectProperty("settings").put("threads", "4")))
                .status())
        .isEqualTo(400);
  }

  @Test
  void coercesValuesOfTheWrongType() {
    EmulatorHttp.Answer answer =
        lenient()
            .post(
                JOBS,
                job(
                    j -> {
                      j.withObjectProperty("settings").put("threads", "4");
                      j.put("generate_docs", "true");
                    }));

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    assertThat(answer.data().at("/settings/threads").asInt()).isEqualTo(4);
    assertThat(answer.data().get("generate_docs").asBoolean()).isTrue();
  }

  @Test
  void acceptsAJobWithoutStepsAndItsRunsRunNoDbtCommand() {
    EmulatorHttp http = lenient();
    long id = http.post(JOBS, job(j -> j.remove("execute_steps"))).data().get("id").asLong();

    long run = emulator.runs().trigger(id, "lenient");

    String planned =
        emulator.state().read(s -> s.table("runs").get(run).orElseThrow().get("_plan").toString());
    assertThat(planned).contains("dbt deps").doesNotContain("dbt build");
  }

  @Test
  void acceptsAnyDbtVersionAndCronWords() {
    EmulatorHttp http = lenient();

    assertThat(http.post(JOBS, job(j -> j.put("dbt_version", "1.4.0"))).status()).isEqualTo(201);
    assertThat(
            http.post(
                    JOBS,
                    job(
                        j ->
                            j.set(
                                "schedule",
                                json(
                                    "{\"date\":{\"type\":\"custom_cron\",\"cron\":\"0 foo * * *\"},"
                                        + "\"time\":{\"type\":\"every_hour\"}}"))))
                .status())
        .isEqualTo(201);
    assertThat(http.post(ENVS, "{\"name\":\"Old\",\"dbt_version\":\"1.4.0\"}").status())
        .isEqualTo(201);
  }

  @Test
  void acceptsReferencesAcrossProjectsOfTheAccount() {
    EmulatorHttp http = lenient();

    assertThat(
            http.post(
                    JOBS,
                    job(j -> j.put("deferring_job_definition_id", StrictWritesTest.OTHER_JOB)))
                .status())
        .isEqualTo(201);
    assertThat(http.post(ENVS, "{\"name\":\"Production\"}").status())
        .as("a second environment of the same name")
        .isEqualTo(201);
  }

  @Test
  void aSeedMakesItLenientToo() {
    emulator =
        DbtCloudEmulator.builder()
            .seedText(StrictWritesTest.SEED + "settings: {validation: lenient}\n")
            .start();

    assertThat(emulator.settings().validation()).isEqualTo(AdminSettings.Validation.LENIENT);
  }

  @Test
  void refusesAnUnknownValidationSettingNamingTheChoices() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                DbtCloudEmulator.builder()
                    .seedText(StrictWritesTest.SEED + "settings: {validation: loose}\n")
                    .start())
        .hasMessageContaining("settings.validation: 'loose' is not one of strict, lenient");
  }
}
