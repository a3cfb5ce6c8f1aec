package io.github.dbtcloud.emulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import io.github.dbtcloud.emulator.EmulatorHttp;
import io.github.dbtcloud.emulator.SharedFixtures;
import io.github.dbtcloud.emulator.http.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract checker itself: it must catch what it claims to catch, and let through exactly the
 * four production classes.
 */
@NotContractChecked
class ContractCheckerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JOB = "/api/v2/accounts/1/jobs/2/";

  private OpenApiContract contract;

  @BeforeEach
  void load() {
    SharedFixtures.dir();
    contract = OpenApiContract.shared().orElseThrow();
  }

  private static JournalEntry answer(String method, String path, int status, String body) {
    return new JournalEntry(1, method, path, "", "", "Token", status, body, "");
  }

  private static ObjectNode recordedJob() throws IOException {
    return (ObjectNode) JSON.readTree(SharedFixtures.recorded("job_get_response.json").toFile());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "job_get_response.json",
        "job_list_response.json",
        "environment_get_response.json",
        "project_get_response.json",
        "project_list_response.json",
        "account_get_response.json"
      })
  void letsRealRecordedResponsesThrough(String file) throws IOException {
    String body = Files.readString(SharedFixtures.recorded(file));
    String path =
        file.startsWith("job_list")
            ? "/api/v2/accounts/1/jobs/"
            : file.startsWith("job")
                ? JOB
                : file.startsWith("environment")
                    ? "/api/v3/accounts/1/projects/2/environments/3/"
                    : file.startsWith("project_list")
                        ? "/api/v3/accounts/1/projects/"
                        : file.startsWith("project")
                            ? "/api/v3/accounts/1/projects/2/"
                            : "/api/v2/accounts/1/";

    assertThat(contract.check(answer("GET", path, 200, body), "application/json")).isEmpty();
  }

  @Test
  void checksAPathSentWithoutItsTrailingSlashAgainstTheSlashedSpecPath() throws IOException {
    ObjectNode job = recordedJob();
    assertThat(
            contract.check(
                answer("GET", JOB.substring(0, JOB.length() - 1), 200, job.toString()),
                "application/json"))
        .isEmpty();

    ((ObjectNode) job.get("data")).put("state", "active");
    assertThat(
            contract.check(
                answer("GET", JOB.substring(0, JOB.length() - 1), 200, job.toString()),
                "application/json"))
        .isNotEmpty();
  }

  @Test
  void catchesAValueOfTheWrongType() throws IOException {
    ObjectNode job = recordedJob();
    ((ObjectNode) job.get("data")).put("state", "active");

    assertThat(contract.check(answer("GET", JOB, 200, job.toString()), "application/json"))
        .anySatisfy(p -> assertThat(p).contains("/data/state"));
  }

  @Test
  void catchesAnEnumValueTheSpecDoesNotHave() throws IOException {
    ObjectNode job = recordedJob();
    ((ObjectNode) job.get("data")).put("job_type", "nightly");

    assertThat(contract.check(answer("GET", JOB, 200, job.toString()), "application/json"))
        .anySatisfy(p -> assertThat(p).contains("enum"));
  }

  @Test
  void catchesAFieldNeitherTheSpecNorARecordingHas() throws IOException {
    ObjectNode job = recordedJob();
    ((ObjectNode) job.get("data")).put("emulator_only", true);

    assertThat(contract.check(answer("GET", JOB, 200, job.toString()), "application/json"))
        .containsExactly(
            "field 'emulator_only' is in neither the spec nor any recorded response (/data)");
  }

  @Test
  void catchesAnEnvelopeCodeThatDisagreesWithTheHttpStatus() throws IOException {
    ObjectNode job = recordedJob();

    assertThat(
            contract.check(
                answer("POST", "/api/v2/accounts/1/jobs/", 201, job.toString()),
                "application/json"))
        .anySatisfy(
            p -> assertThat(p).contains("status.code 200 differs from the HTTP status 201"));
  }

  @Test
  void catchesAnErrorOutsideTheEnvelope() {
    List<String> problems =
        contract.check(answer("GET", JOB, 404, "{\"detail\":\"Not found.\"}"), "application/json");

    assertThat(problems)
        .anySatisfy(p -> assertThat(p).contains("differs from the HTTP status 404"))
        .contains("an error envelope carries data (null, or the field->message map)");
  }

  @Test
  void catchesA405ThatIsNotTheRecordedDetailBody() {
    assertThat(contract.check(answer("PUT", JOB, 405, "{\"status\":{}}"), "application/json"))
        .isNotEmpty();
    assertThat(
            contract.check(
                answer("PUT", JOB, 405, "{\"detail\":\"Method \\\"PUT\\\" not allowed.\"}"),
                "application/json"))
        .isEmpty();
  }

  @Test
  void catchesAPathInNeitherSpec() {
    assertThat(contract.check(answer("GET", "/api/v4/things/", 200, "{}"), "application/json"))
        .containsExactly("is in neither OpenAPI spec");
  }

  @Test
  void seesEveryExchangeOfEveryEmulator() {
    ContractRecorder.drain();
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().start()) {
      EmulatorHttp.demo(emulator).get(EmulatorHttp.JOBS);
    }

    assertThat(ContractRecorder.drain())
        .singleElement()
        .satisfies(e -> assertThat(e.entry().responseBody()).contains("\"is_success\":true"));
  }
}
