package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dbtcloud.core.SharedFixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The wire records read real recorded dbt Cloud answers. */
class RecordedResponsesTest {

  private static JsonNode data(String file) throws IOException {
    return AdminClient.MAPPER.readTree(SharedFixtures.recorded(file).toFile()).path("data");
  }

  @Test
  void readsARecordedJob() throws IOException {
    Job job = new Job(WireMaps.toMap(data("job_get_response.json")));
    assertThat(job.id()).isEqualTo(43167L);
    assertThat(job.environmentId()).isEqualTo(49819L);
    assertThat(job.executeSteps()).containsExactly("dbt run -s not_a_model");
    assertThat(job.scheduleCron()).isEqualTo("0 * * * *");
  }

  @Test
  void readsARecordedEnvironment() throws IOException {
    Environment env = new Environment(WireMaps.toMap(data("environment_get_response.json")));
    assertThat(env.id()).isEqualTo(67890L);
    assertThat(env.credentialsId()).isEqualTo(13579L);
    assertThat(env.customBranch()).isEqualTo("main");
  }

  @Test
  void anUpdateBodyNeverCarriesACredentialsObject() throws IOException {
    Environment env = new Environment(WireMaps.toMap(data("environment_create_response.json")));
    assertThat(env.updateBody()).doesNotContainKey("credentials").doesNotContainKey("project");
  }
}
