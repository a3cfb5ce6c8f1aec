package io.github.dbtcloud.emulator;

import static io.github.dbtcloud.emulator.EmulatorHttp.ENVS;
import static io.github.dbtcloud.emulator.EmulatorHttp.JOBS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client-facing look: for each recorded dbt Cloud response of a resource the emulator serves,
 * the emulator's answer to the same kind of call carries every field name the recording carries
 * (the emulator may carry newer ones, as production grew them), the same status code in the
 * envelope, and the same timestamp spelling field by field. Run and artifact recordings belong to
 * the run simulation's tests; project writes and connections are not emulated.
 */
class LookAlikeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern T_FORM =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
  private static final Pattern SPACED_FORM =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");

  /**
   * Objects copied from the seed as they are (the account's own connection and repository): not the
   * emulator's shape.
   */
  private static final Set<String> PASSTHROUGH = Set.of("connection", "repository");

  private static final String SEED =
      """
      accounts: [{id: 70403103900001, name: Look-alike}]
      tokens: [{token: dbtc_emulator_demo_token, account_id: 70403103900001}]
      projects:
        - {id: 70403103900002, account_id: 70403103900001, name: Jaffle Shop, repository_id: 3, connection_id: 4,
           connection: {id: 4, name: Bigquery, type: bigquery}, repository: {id: 3, name: jaffle_shop}}
      environments:
        - {id: 70403103900010, project_id: 70403103900002, name: Development, type: development}
        - {id: 70403103900011, project_id: 70403103900002, name: Production, type: deployment, credentials_id: 9, connection_id: 4}
      jobs:
        - {id: 70403103900100, project_id: 70403103900002, environment: Production, name: Nightly, execute_steps: [dbt build]}
      """;

  @RegisterExtension final RunningEmulator running = RunningEmulator.seeded(SEED);

  static Stream<Arguments> recordings() {
    Map<String, Function<EmulatorHttp, EmulatorHttp.Answer>> calls =
        new java.util.LinkedHashMap<>();
    calls.put("account_get_response.json", h -> h.get("/api/v2/accounts/70403103900001/"));
    calls.put("account_list_response.json", h -> h.get("/api/v2/accounts/"));
    calls.put(
        "project_get_response.json",
        h -> h.get("/api/v3/accounts/70403103900001/projects/70403103900002/"));
    calls.put(
        "project_list_response.json", h -> h.get("/api/v3/accounts/70403103900001/projects/"));
    calls.put(
        "environment_create_response.json",
        h -> h.post(ENVS, "{\"name\":\"pytest environment\",\"dbt_version\":\"1.6.0-latest\"}"));
    calls.put("environment_get_response.json", h -> h.get(ENVS + "70403103900011/"));
    calls.put("environment_list_response.json", h -> h.get(ENVS + "?limit=1"));
    calls.put("environment_delete_response.json", h -> h.delete(ENVS + "70403103900011/"));
    calls.put("job_create_response.json", h -> h.post(JOBS, Bodies.jobJson("Dummy job")));
    calls.put("job_get_response.json", h -> h.get(JOBS + "70403103900100/"));
    calls.put("job_list_response.json", h -> h.get(JOBS));
    calls.put("job_delete_response.json", h -> h.delete(JOBS + "70403103900100/"));
    return calls.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordings")
  void answersWithTheRecordedFieldNamesAndTimestampFormats(
      String file, Function<EmulatorHttp, EmulatorHttp.Answer> call) throws IOException {
    JsonNode recorded = JSON.readTree(SharedFixtures.recorded(file).toFile());

    EmulatorHttp.Answer answer = call.apply(running.http());

    List<String> differences = new ArrayList<>();
    compare("", recorded, answer.body(), differences);
    assertThat(differences).as(file).isEmpty();
    assertThat(answer.body().at("/status/code").asInt())
        .isEqualTo(recorded.at("/status/code").asInt());
    assertThat(answer.status()).isEqualTo(recorded.at("/status/code").asInt());
  }

  private static void compare(
      String path, JsonNode recorded, JsonNode ours, List<String> differences) {
    if (recorded.isObject() && ours.isObject()) {
      for (Map.Entry<String, JsonNode> field : recorded.properties()) {
        String at = path + "/" + field.getKey();
        if (!ours.has(field.getKey())) {
          differences.add(at + " is recorded but missing");
        } else if (!PASSTHROUGH.contains(field.getKey()) && !at.startsWith("/extra/filters")) {
          compare(at, field.getValue(), ours.get(field.getKey()), differences);
        }
      }
    } else if (recorded.isArray() && ours.isArray() && !recorded.isEmpty() && !ours.isEmpty()) {
      compare(path + "/0", recorded.get(0), ours.get(0), differences);
    } else if (recorded.isTextual() && ours.isTextual()) {
      String want = format(recorded.asText());
      String got = format(ours.asText());
      if (want != null && !want.equals(got)) {
        differences.add(
            path
                + " is spelled "
                + got
                + " ("
                + ours.asText()
                + ") but recorded "
                + want
                + " ("
                + recorded.asText()
                + ")");
      }
    }
  }

  private static String format(String value) {
    if (T_FORM.matcher(value).matches()) {
      return "T-separated";
    }
    if (SPACED_FORM.matcher(value).matches()) {
      return "space-separated";
    }
    return null;
  }
}
