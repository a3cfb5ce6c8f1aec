package io.github.dbtcloud.emulator;

import static io.github.dbtcloud.emulator.BadWrite.current;
import static io.github.dbtcloud.emulator.BadWrite.job;
import static io.github.dbtcloud.emulator.BadWrite.json;
import static io.github.dbtcloud.emulator.BadWrite.notFound;
import static io.github.dbtcloud.emulator.BadWrite.post;
import static io.github.dbtcloud.emulator.BadWrite.put;
import static io.github.dbtcloud.emulator.EmulatorHttp.ENVS;
import static io.github.dbtcloud.emulator.EmulatorHttp.JOBS;
import static io.github.dbtcloud.emulator.EmulatorHttp.VARS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every write dbt Cloud refuses, refused by the default (strict) emulator with dbt Cloud's 400
 * envelope and the bad field named by its dotted path in {@code data} (or with dbt Cloud's
 * permissions 404 where that is its answer). The rules and their sources are listed in
 * docs/emulator.md. After the class, the tries and refusals per class are written to {@code
 * target/strict-refusals.txt}.
 */
class StrictWritesTest {

  static final String SEED =
      """
      accounts: [{id: 70403103900001, name: Demo}]
      tokens: [{token: dbtc_emulator_demo_token, account_id: 70403103900001}]
      projects:
        - {id: 70403103900002, account_id: 70403103900001, name: Jaffle Shop}
        - {id: 70403103900003, account_id: 70403103900001, name: Other}
      environments:
        - {id: 70403103900010, project_id: 70403103900002, name: Development, type: development,
           dbt_version: latest}
        - {id: 70403103900011, project_id: 70403103900002, name: Production, type: deployment,
           deployment_type: production, dbt_version: latest}
        - {id: 70403103900012, project_id: 70403103900003, name: Other production, type: deployment,
           deployment_type: production, dbt_version: latest}
      jobs:
        - {id: 70403103900100, project_id: 70403103900002, environment: Production, name: Nightly,
           execute_steps: [dbt build]}
        - {id: 70403103900102, project_id: 70403103900003, environment_id: 70403103900012,
           name: Other nightly, execute_steps: [dbt build]}
        - {id: 70403103900103, project_id: 70403103900002, environment: Production, name: Retired,
           execute_steps: [dbt build], state: 2}
      environment_variables:
        - {project_id: 70403103900002, name: DBT_X, project: dev}
      """;

  static final String JOB = JOBS + "70403103900100/";
  static final String PRODUCTION_ENV = ENVS + "70403103900011/";
  static final long OTHER_JOB = 70403103900102L;
  static final long OTHER_ENV = 70403103900012L;

  private static final Map<String, AtomicInteger> TRIED = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> REFUSED = new ConcurrentHashMap<>();

  @RegisterExtension final RunningEmulator running = RunningEmulator.seeded(SEED);

  static Stream<BadWrite> typeErrors() {
    return Stream.of(
        post(
            "threads given as text",
            JOBS,
            job(j -> j.withObjectProperty("settings").put("threads", "abc")),
            "settings.threads"),
        post(
            "threads given as a numeric string",
            JOBS,
            job(j -> j.withObjectProperty("settings").put("threads", "4")),
            "settings.threads"),
        post(
            "timeout given as text",
            JOBS,
            job(j -> j.withObjectProperty("execution").put("timeout_seconds", "ten")),
            "execution.timeout_seconds"),
        post(
            "generate_docs given as yes",
            JOBS,
            job(j -> j.put("generate_docs", "yes")),
            "generate_docs"),
        post(
            "errors_on_lint_failure given as no",
            JOBS,
            job(j -> j.put("errors_on_lint_failure", "no")),
            "errors_on_lint_failure"),
        post("run_lint given as 1", JOBS, job(j -> j.put("run_lint", 1)), "run_lint"),
        post(
            "project_id given as a string",
            JOBS,
            job(j -> j.put("project_id", "70403103900002")),
            "project_id"),
        post(
            "environment_id given as a fraction",
            JOBS,
            job(j -> j.put("environment_id", 1.5)),
            "environment_id"),
        post("name given as a number", JOBS, job(j -> j.put("name", 42)), "name"),
        post(
            "description given as a number",
            JOBS,
            job(j -> j.put("description", 5)),
            "description"),
        post(
            "dbt_version given as a number",
            JOBS,
            job(j -> j.put("dbt_version", 1.7)),
            "dbt_version"),
        post(
            "execute_steps given as one string",
            JOBS,
            job(j -> j.put("execute_steps", "dbt build")),
            "execute_steps"),
        post(
            "a step given as a number",
            JOBS,
            job(j -> j.set("execute_steps", json("[42]"))),
            "execute_steps.0"),
        post(
            "a trigger given as a string",
            JOBS,
            job(j -> j.withObjectProperty("triggers").put("schedule", "true")),
            "triggers.schedule"),
        post("triggers given as a list", JOBS, job(j -> j.set("triggers", json("[]"))), "triggers"),
        post("settings given as a string", JOBS, job(j -> j.put("settings", "fast")), "settings"),
        post("state given as a string", JOBS, job(j -> j.put("state", "1")), "state"),
        post("state outside 1 and 2", JOBS, job(j -> j.put("state", 3)), "state"),
        post("an unknown job_type", JOBS, job(j -> j.put("job_type", "nightly")), "job_type"),
        post(
            "compare_changes_flags given as a number",
            JOBS,
            job(j -> j.put("compare_changes_flags", 3)),
            "compare_changes_flags"),
        post(
            "deferring_environment_id given as text",
            JOBS,
            job(j -> j.put("deferring_environment_id", "prod")),
            "deferring_environment_id"),
        post(
            "an unknown cost optimisation feature",
            JOBS,
            job(j -> j.set("cost_optimization_features", json("[\"turbo\"]"))),
            "cost_optimization_features"),
        post(
            "cost optimisation features given as one string",
            JOBS,
            job(j -> j.put("cost_optimization_features", "dbt_state")),
            "cost_optimization_features"),
        post(
            "a schedule interval given as a string",
            JOBS,
            job(
                j ->
                    j.set(
                        "schedule",
                        json(
                            "{\"date\":{\"type\":\"every_day\"},\"time\":{\"type\":\"every_hour\","
                                + "\"interval\":\"2\"}}"))),
            "schedule.time.interval"),
        post(
            "an interval beside exact hours",
            JOBS,
            job(
                j ->
                    j.set(
                        "schedule",
                        json(
                            "{\"date\":{\"type\":\"every_day\"},\"time\":{\"type\":\"at_exact_hours\","
                                + "\"interval\":1,\"hours\":[5]}}"))),
            "schedule.time.interval"),
        post(
            "a schedule day given as a name",
            JOBS,
            job(
                j ->
                    j.set(
                        "schedule",
                        json(
                            "{\"date\":{\"type\":\"days_of_week\",\"days\":[\"mon\"]},"
                                + "\"time\":{\"type\":\"every_hour\",\"interval\":1}}"))),
            "schedule.date.days.0"),
        post(
            "an unknown schedule date type",
            JOBS,
            job(
                j ->
                    j.set(
                        "schedule",
                        json(
                            "{\"date\":{\"type\":\"weekly\"},\"time\":{\"type\":\"every_hour\"}}"))),
            "schedule.date.type"),
        post(
            "a completion trigger job id given as text",
            JOB,
            current(
                JOB,
                j ->
                    j.set(
                        "job_completion_trigger_condition",
                        json("{\"condition\":{\"job_id\":\"nightly\",\"statuses\":[10]}}"))),
            "job_completion_trigger_condition.condition.job_id"),
        post(
            "a completion trigger status outside 10, 20, 30",
            JOB,
            current(
                JOB,
                j ->
                    j.set(
                        "job_completion_trigger_condition",
                        json("{\"condition\":{\"job_id\":" + OTHER_JOB + ",\"statuses\":[11]}}"))),
            "job_completion_trigger_condition.condition.statuses"),
        post("an environment name given as a number", ENVS, "{\"name\":5}", "name"),
        post(
            "use_custom_branch given as yes",
            ENVS,
            "{\"name\":\"CI\",\"use_custom_branch\":\"yes\"}",
            "use_custom_branch"),
        post(
            "supports_docs given as 1",
            ENVS,
            "{\"name\":\"CI\",\"supports_docs\":1}",
            "supports_docs"),
        post(
            "credentials_id given as a string",
            ENVS,
            "{\"name\":\"CI\",\"credentials_id\":\"12\"}",
            "credentials_id"),
        post("an unknown environment type", ENVS, "{\"name\":\"CI\",\"type\":\"prod\"}", "type"),
        post(
            "an unknown deployment type",
            ENVS,
            "{\"name\":\"CI\",\"deployment_type\":\"prod\"}",
            "deployment_type"),
        post(
            "an environment state outside 1 and 2", ENVS, "{\"name\":\"CI\",\"state\":3}", "state"),
        post(
            "a variable value given as a number",
            VARS,
            "{\"name\":\"DBT_X\",\"type\":\"project\",\"raw_value\":5}",
            "raw_value"),
        post(
            "an override environment id given as text",
            VARS,
            "{\"name\":\"DBT_X\",\"type\":\"environment\",\"raw_value\":\"a\","
                + "\"environment_id\":\"prod\"}",
            "environment_id"),
        post(
            "an unknown variable type",
            VARS,
            "{\"name\":\"DBT_X\",\"type\":\"global\",\"raw_value\":\"a\"}",
            "type"),
        post(
            "a bulk value given as a number",
            VARS + "bulk/",
            "{\"env_var\":{\"new_name\":\"DBT_Y\",\"project\":5}}",
            "reason"),
        put(
            "a bulk update value given as a boolean",
            VARS + "bulk/",
            "{\"env_vars\":{\"name\":\"DBT_X\",\"project\":true}}",
            "reason"));
  }

  static Stream<BadWrite> missingOrEmptyFields() {
    return Stream.of(
        post("a job without steps", JOBS, job(j -> j.remove("execute_steps")), "execute_steps"),
        post("a job with null steps", JOBS, job(j -> j.putNull("execute_steps")), "execute_steps"),
        post("a job with no steps", JOBS, job(j -> j.putArray("execute_steps")), "execute_steps"),
        post(
            "a job with a blank step",
            JOBS,
            job(j -> j.set("execute_steps", json("[\"dbt build\",\" \"]"))),
            "execute_steps.1"),
        post(
            "an update that drops the steps",
            JOB,
            current(JOB, j -> j.remove("execute_steps")),
            "execute_steps"),
        post(
            "an update that empties the steps",
            JOB,
            current(JOB, j -> j.putArray("execute_steps")),
            "execute_steps"),
        post(
            "an empty target name",
            JOBS,
            job(j -> j.withObjectProperty("settings").put("target_name", "")),
            "settings.target_name"),
        post(
            "no target name",
            JOBS,
            job(j -> j.withObjectProperty("settings").remove("target_name")),
            "settings.target_name"),
        post(
            "no threads",
            JOBS,
            job(j -> j.withObjectProperty("settings").remove("threads")),
            "settings.threads"),
        post(
            "zero threads",
            JOBS,
            job(j -> j.withObjectProperty("settings").put("threads", 0)),
            "settings.threads"),
        post(
            "no timeout in execution",
            JOBS,
            job(j -> j.putObject("execution")),
            "execution.timeout_seconds"),
        post(
            "a negative timeout",
            JOBS,
            job(j -> j.withObjectProperty("execution").put("timeout_seconds", -1)),
            "execution.timeout_seconds"),
        post("an empty job name", JOBS, job(j -> j.put("name", "")), "name"),
        post("a blank job name", JOBS, job(j -> j.put("name", "  ")), "name"),
        post("an empty dbt version", JOBS, job(j -> j.put("dbt_version", "")), "dbt_version"),
        post("no triggers", JOBS, job(j -> j.remove("triggers")), "triggers"),
        post(
            "an empty compare_changes_flags",
            JOBS,
            job(j -> j.put("compare_changes_flags", "")),
            "compare_changes_flags"),
        post(
            "a schedule date without its type",
            JOBS,
            job(j -> j.set("schedule", json("{\"date\":{},\"time\":{\"type\":\"every_hour\"}}"))),
            "schedule.date.type"),
        post(
            "exact hours without hours",
            JOBS,
            job(
                j ->
                    j.set(
                        "schedule",
                        json(
                            "{\"date\":{\"type\":\"every_day\"},\"time\":{\"type\":\"at_exact_hours\"}}"))),
            "schedule.time.hours"),
        post(
            "a custom cron without a cron",
            JOBS,
            job(
                j ->
                    j.set(
                        "schedule",
                        json(
                            "{\"cron\":\"\",\"date\":{\"type\":\"custom_cron\"},"
                                + "\"time\":{\"type\":\"every_hour\"}}"))),
            "schedule.date.cron"),
        post(
            "a completion trigger without statuses",
            JOB,
            current(
                JOB,
                j ->
                    j.set(
                        "job_completion_trigger_condition",
                        json("{\"condition\":{\"job_id\":" + OTHER_JOB + ",\"statuses\":[]}}"))),
            "job_completion_trigger_condition.condition.statuses"),
        post(
            "a completion trigger without its condition",
            JOB,
            current(JOB, j -> j.set("job_completion_trigger_condition", json("{}"))),
            "job_completion_trigger_condition.condition"),
        post("an environment without a name", ENVS, "{\"type\":\"deployment\"}", "name"),
        post("an empty environment name", ENVS, "{\"name\":\"\"}", "name"),
        post(
            "an empty deployment type",
            ENVS,
            "{\"name\":\"CI\",\"deployment_type\":\"\"}",
            "deployment_type"),
        post(
            "an empty environment dbt version",
            ENVS,
            "{\"name\":\"CI\",\"dbt_version\":\"\"}",
            "dbt_version"),
        post(
            "an empty custom branch",
            ENVS,
            "{\"name\":\"CI\",\"use_custom_branch\":true,\"custom_branch\":\"\"}",
            "custom_branch"),
        post(
            "an update that empties the environment name",
            PRODUCTION_ENV,
            current(PRODUCTION_ENV, e -> e.put("name", "")),
            "name"),
        post(
            "a variable without a name",
            VARS,
            "{\"type\":\"project\",\"raw_value\":\"a\"}",
            "name"),
        post(
            "a variable without a value",
            VARS,
            "{\"name\":\"DBT_X\",\"type\":\"project\"}",
            "raw_value"),
        post(
            "a bulk variable without a name",
            VARS + "bulk/",
            "{\"env_var\":{\"project\":\"a\"}}",
            "reason"));
  }

  static Stream<BadWrite> badCrons() {
    return Stream.of(
            "0 foo * * *",
            "0 5 * *",
            "0 5 * * * *",
            "60 5 * * *",
            "0 24 * * *",
            "0 5 0 * *",
            "0 5 32 * *",
            "0 5 * 13 *",
            "0 5 * * 8",
            "0 5 * JANUARY *",
            "0 5 * * MON-FRIDAY",
            "MON 5 * * *",
            "0 5 * JAN-MON *",
            "*/0 * * * *",
            "0 */x * * *",
            "0 5 L * *",
            "0 5 ? * *",
            "0 5 * * 1#2",
            "0 5 1W * *",
            "@daily",
            "0 17-5 * * *",
            "0 5,,6 * * *",
            "0 5 * * SUN-",
            "0 5-6-7 * * *")
        .map(
            cron ->
                post(
                    "custom cron \"" + cron + "\"",
                    JOBS,
                    job(
                        j ->
                            j.set(
                                "schedule",
                                json(
                                    "{\"cron\":\"\",\"date\":{\"type\":\"custom_cron\",\"cron\":\""
                                        + cron
                                        + "\"},\"time\":{\"type\":\"every_hour\"}}"))),
                    "schedule.date.cron"));
  }

  static Stream<BadWrite> badTopLevelCrons() {
    return Stream.of(
        post(
            "a top-level cron \"0 foo * * *\"",
            JOBS,
            job(j -> j.set("schedule", json("{\"cron\":\"0 foo * * *\"}"))),
            "schedule.cron"),
        post(
            "an interval cron \"4 */6 * * MON-XYZ\"",
            JOBS,
            job(
                j ->
                    j.set(
                        "schedule",
                        json(
                            "{\"cron\":\"\",\"date\":{\"type\":\"interval_cron\","
                                + "\"cron\":\"4 */6 * * MON-XYZ\"},\"time\":{\"type\":\"every_hour\"}}"))),
            "schedule.date.cron"));
  }

  static Stream<BadWrite> crossObjectReferences() {
    return Stream.of(
        notFound(
            "a job in an environment of another project",
            JOBS,
            h -> job(j -> j.put("environment_id", OTHER_ENV))),
        notFound(
            "a job in an environment that does not exist",
            JOBS,
            h -> job(j -> j.put("environment_id", 1))),
        notFound(
            "a job in a project of another account", JOBS, h -> job(j -> j.put("project_id", 1))),
        post(
            "an update that moves a job to another project",
            JOB,
            current(
                JOB, j -> j.put("project_id", 70403103900003L).put("environment_id", OTHER_ENV)),
            "project_id"),
        post(
            "a completion trigger on a job that does not exist",
            JOB,
            current(
                JOB,
                j ->
                    j.set(
                        "job_completion_trigger_condition",
                        json("{\"condition\":{\"job_id\":1,\"statuses\":[10]}}"))),
            "job_completion_trigger_condition.condition.job_id"),
        post(
            "a completion trigger on a deleted job",
            JOB,
            current(
                JOB,
                j ->
                    j.set(
                        "job_completion_trigger_condition",
                        json("{\"condition\":{\"job_id\":70403103900103,\"statuses\":[10]}}"))),
            "job_completion_trigger_condition.condition.job_id"),
        post(
            "a completion trigger on the job itself",
            JOB,
            current(
                JOB,
                j ->
                    j.set(
                        "job_completion_trigger_condition",
                        json("{\"condition\":{\"job_id\":70403103900100,\"statuses\":[10]}}"))),
            "job_completion_trigger_condition.condition.job_id"),
        post(
            "a completion trigger naming another project than its job's",
            JOB,
            current(
                JOB,
                j ->
                    j.set(
                        "job_completion_trigger_condition",
                        json(
                            "{\"condition\":{\"job_id\":"
                                + OTHER_JOB
                                + ",\"project_id\":70403103900002,\"statuses\":[10]}}"))),
            "job_completion_trigger_condition.condition.project_id"),
        post(
            "deferral to an environment of another project",
            JOBS,
            job(j -> j.put("deferring_environment_id", OTHER_ENV)),
            "deferring_environment_id"),
        post(
            "deferral to an environment that does not exist",
            JOBS,
            job(j -> j.put("deferring_environment_id", 1)),
            "deferring_environment_id"),
        post(
            "deferral to a job of another project",
            JOBS,
            job(j -> j.put("deferring_job_definition_id", OTHER_JOB)),
            "deferring_job_definition_id"),
        post(
            "deferral to a deleted job",
            JOBS,
            job(j -> j.put("deferring_job_definition_id", 70403103900103L)),
            "deferring_job_definition_id"),
        post(
            "a job_type that turns a job into a CI job",
            JOB,
            current(JOB, j -> j.put("job_type", "ci")),
            "job_type"),
        post(
            "a second production environment",
            ENVS,
            "{\"name\":\"Prod 2\",\"type\":\"deployment\",\"deployment_type\":\"production\"}",
            "deployment_type"),
        post(
            "a second development environment",
            ENVS,
            "{\"name\":\"Dev 2\",\"type\":\"development\"}",
            "type"),
        post(
            "a second environment of the same name",
            ENVS,
            "{\"name\":\"Production\",\"type\":\"deployment\"}",
            "name"),
        post(
            "an update that renames an environment to a sibling's name",
            PRODUCTION_ENV,
            current(PRODUCTION_ENV, e -> e.put("name", "Development")),
            "name"),
        post(
            "an environment naming another project",
            ENVS,
            "{\"name\":\"CI\",\"project_id\":70403103900003}",
            "project_id"),
        post(
            "an environment naming another account",
            ENVS,
            "{\"name\":\"CI\",\"account_id\":1}",
            "account_id"),
        post(
            "a development environment with a deployment type",
            ENVS,
            "{\"name\":\"Dev 2\",\"type\":\"development\",\"deployment_type\":\"staging\"}",
            "deployment_type"),
        post(
            "a variable naming another project",
            VARS,
            "{\"name\":\"DBT_X\",\"type\":\"project\",\"raw_value\":\"a\","
                + "\"project_id\":70403103900003}",
            "project_id"),
        notFound(
            "a job override of a job of another project",
            VARS,
            h ->
                "{\"name\":\"DBT_X\",\"type\":\"job\",\"raw_value\":\"a\",\"job_definition_id\":"
                    + OTHER_JOB
                    + "}"),
        notFound(
            "an environment override of an environment of another project",
            VARS,
            h ->
                "{\"name\":\"DBT_X\",\"type\":\"environment\",\"raw_value\":\"a\","
                    + "\"environment_id\":"
                    + OTHER_ENV
                    + "}"),
        post(
            "a bulk value for an environment the project does not have",
            VARS + "bulk/",
            "{\"env_var\":{\"new_name\":\"DBT_Y\",\"Other production\":\"a\"}}",
            "reason"));
  }

  static Stream<BadWrite> versions() {
    return Stream.of(
        post("a job on dbt 1.4.0", JOBS, job(j -> j.put("dbt_version", "1.4.0")), "dbt_version"),
        post("a job on dbt 0.21.1", JOBS, job(j -> j.put("dbt_version", "0.21.1")), "dbt_version"),
        post("a job on dbt 2.0", JOBS, job(j -> j.put("dbt_version", "2.0")), "dbt_version"),
        post("a job on dbt 1.7.0", JOBS, job(j -> j.put("dbt_version", "1.7.0")), "dbt_version"),
        post("a job on LATEST", JOBS, job(j -> j.put("dbt_version", "LATEST")), "dbt_version"),
        post(
            "a job on latest-ish",
            JOBS,
            job(j -> j.put("dbt_version", "latest-ish")),
            "dbt_version"),
        post(
            "a job update to 1.5.0-beta",
            JOB,
            current(JOB, j -> j.put("dbt_version", "1.5.0-beta")),
            "dbt_version"),
        post(
            "an environment on dbt 1.4.0",
            ENVS,
            "{\"name\":\"CI\",\"dbt_version\":\"1.4.0\"}",
            "dbt_version"),
        post(
            "an environment on dbt 1.7.1-latest",
            ENVS,
            "{\"name\":\"CI\",\"dbt_version\":\"1.7.1-latest\"}",
            "dbt_version"),
        post(
            "an environment on fusion",
            ENVS,
            "{\"name\":\"CI\",\"dbt_version\":\"fusion\"}",
            "dbt_version"),
        post(
            "an environment update to 1.6.0-rc",
            PRODUCTION_ENV,
            current(PRODUCTION_ENV, e -> e.put("dbt_version", "1.6.0-rc")),
            "dbt_version"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typeErrors")
  void refusesAValueOfTheWrongType(BadWrite write) {
    assertRefused("type errors", write);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missingOrEmptyFields")
  void refusesAMissingOrEmptyField(BadWrite write) {
    assertRefused("missing or empty fields", write);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"badCrons", "badTopLevelCrons"})
  void refusesACronDbtCloudDoesNotRead(BadWrite write) {
    assertRefused("bad crons", write);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crossObjectReferences")
  void refusesAReferenceAcrossObjectsDbtCloudDoesNotAllow(BadWrite write) {
    assertRefused("cross-object references", write);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  void refusesADbtVersionDbtCloudDoesNotOffer(BadWrite write) {
    assertRefused("versions", write);
  }

  private void assertRefused(String kind, BadWrite write) {
    TRIED.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    int before = state();
    EmulatorHttp.Answer answer = write.send(running.http());
    if (answer.status() == write.status()) {
      REFUSED.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }
    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(write.status());
    JsonNode status = answer.body().get("status");
    assertThat(status.get("code").asInt()).isEqualTo(write.status());
    assertThat(status.get("is_success").asBoolean()).isFalse();
    if (write.status() == 400) {
      assertThat(status.get("user_message").asText())
          .isEqualTo(
              "The request was invalid. Please double check the provided data and try again.");
      assertThat(answer.data().has(write.field()))
          .as("data names %s: %s", write.field(), answer.data())
          .isTrue();
      assertThat(answer.data().get(write.field()).asText()).isNotBlank();
    } else {
      assertThat(status.get("user_message").asText()).contains("proper permissions");
    }
    if (write.path().startsWith("/api/v3/")) {
      assertThat(answer.body().get("extra")).as("v3 errors carry extra").isEmpty();
      assertThat(answer.body().has("error_code")).isTrue();
      assertThat(answer.body().get("error_code").isNull()).isTrue();
    } else {
      assertThat(answer.body().has("error_code")).as("v2 errors do not").isFalse();
    }
    assertThat(state()).as("a refused write changes nothing").isEqualTo(before);
  }

  /** A fingerprint of everything the emulator holds. */
  private int state() {
    return running
        .emulator()
        .state()
        .read(
            s ->
                List.of(
                        s.table("jobs").all().toString(),
                        s.table("environments").all().toString(),
                        s.table("environment_variables").all().toString())
                    .hashCode());
  }

  @AfterAll
  static void writeCounts() {
    StringBuilder out = new StringBuilder("class\ttried\trefused\n");
    new TreeMap<>(TRIED)
        .forEach(
            (kind, tried) ->
                out.append(kind)
                    .append('\t')
                    .append(tried.get())
                    .append('\t')
                    .append(REFUSED.getOrDefault(kind, new AtomicInteger()).get())
                    .append('\n'));
    try {
      Path target = Path.of("target");
      Files.createDirectories(target);
      Files.writeString(target.resolve("strict-refusals.txt"), out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body of a job, for tests that need it as an object. */
  static ObjectNode jobBody() {
    return Bodies.job("Strict");
  }
}
