package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dbtcloud.core.SharedFixtures;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.job.Job;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.GET;

/**
 * Every real recorded dbt Cloud answer goes through the client: envelope, ids, timestamps, records.
 */
class RecordedResponsesTest {

  /** Any enveloped GET, to push a recorded body through the client's own envelope handling. */
  interface AnyGet {
    @GET("api/v2/recorded/")
    Call<JsonNode> get();
  }

  private static List<Path> recorded() throws IOException {
    try (Stream<Path> files = Files.list(SharedFixtures.recorded("").normalize())) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  /** The {@code data} of a recorded response, read by the client as if dbt Cloud had sent it. */
  private static JsonNode throughTheClient(Path file) throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      // served with the HTTP status its envelope records (creates answer 201), as dbt Cloud did
      int status = Databind.MAPPER.readTree(file.toFile()).path("status").path("code").asInt(200);
      server.enqueue(new MockResponse().setResponseCode(status).setBody(Files.readString(file)));
      try (AdminClient client =
          AdminClient.create(
              ClientSettings.of(server.url("/").toString(), new ApiToken("t"), "test"))) {
        return client.data(client.service(AnyGet.class).get());
      }
    }
  }

  @Test
  void everyRecordedResponseParsesWithEveryTimestampReadable() throws IOException {
    List<Path> files = recorded();
    assertThat(files).hasSizeGreaterThan(20);
    for (Path file : files) {
      JsonNode raw = Databind.MAPPER.readTree(file.toFile());
      // artifact downloads are the raw file, not the envelope (docs/wire-format.md#artifacts)
      JsonNode data = raw.has("status") ? throughTheClient(file) : raw;
      assertThat(data.isMissingNode()).as(file.getFileName().toString()).isFalse();
      List<String> timestamps = new ArrayList<>();
      collectTimestamps(data, timestamps);
      for (String t : timestamps) {
        assertThat(WireTimes.instant(t)).as(file.getFileName() + ": " + t).isNotNull();
      }
    }
  }

  @Test
  void everyRecordedJobEnvironmentAndProjectReadsIntoItsRecord() throws IOException {
    for (Path file : recorded()) {
      String name = file.getFileName().toString();
      if (!Databind.MAPPER.readTree(file.toFile()).has("status")) {
        continue; // an artifact download, not an envelope (docs/wire-format.md#artifacts)
      }
      JsonNode data = throughTheClient(file);
      for (JsonNode item : data.isArray() ? data : List.of(data)) {
        Map<String, Object> fields = WireMaps.toMap(item);
        if (name.startsWith("job_") && !name.startsWith("job_run")) {
          Job job = new Job(fields);
          assertThat(job.id()).as(name).isPositive();
          assertThat(job.updatedAt()).as(name).isNotNull();
          assertThat(job.fingerprint().contentHash()).as(name).startsWith("sha256:");
        } else if (name.startsWith("environment_")) {
          Environment env = new Environment(fields);
          assertThat(env.id()).as(name).isPositive();
          assertThat(env.updateBody()).as(name).doesNotContainKey("credentials");
        } else if (name.startsWith("project_")) {
          assertThat(new Project(fields).id()).as(name).isPositive();
        }
      }
    }
  }

  @Test
  void readsARecordedJob() throws IOException {
    Job job =
        new Job(WireMaps.toMap(throughTheClient(SharedFixtures.recorded("job_get_response.json"))));
    assertThat(job.id()).isEqualTo(43167L);
    assertThat(job.environmentId()).isEqualTo(49819L);
    assertThat(job.executeSteps()).containsExactly("dbt run -s not_a_model");
    assertThat(job.scheduleCron()).isEqualTo("0 * * * *");
    assertThat(job.updatedAt()).hasToString("2021-11-18T15:19:03.185687Z");
  }

  @Test
  void readsARecordedEnvironment() throws IOException {
    Environment env =
        new Environment(
            WireMaps.toMap(
                throughTheClient(SharedFixtures.recorded("environment_get_response.json"))));
    assertThat(env.id()).isEqualTo(67890L);
    assertThat(env.credentialsId()).isEqualTo(13579L);
    assertThat(env.customBranch()).isEqualTo("main");
    assertThat(env.updatedAt()).hasToString("2022-01-05T18:18:07.736635Z");
  }

  @Test
  void readsTheSpacedTimestampsOfARecordedProject() throws IOException {
    JsonNode data = throughTheClient(SharedFixtures.recorded("project_list_response.json"));
    Project project = new Project(WireMaps.toMap(data.get(0)));
    assertThat(project.updatedAt()).hasToString("2021-11-16T16:32:43.960836Z");
  }

  @Test
  void anUpdateBodyNeverCarriesACredentialsObject() throws IOException {
    Environment env =
        new Environment(
            WireMaps.toMap(
                throughTheClient(SharedFixtures.recorded("environment_create_response.json"))));
    assertThat(env.updateBody()).doesNotContainKey("credentials").doesNotContainKey("project");
  }

  private static void collectTimestamps(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                if (e.getKey().endsWith("_at") && e.getValue().isTextual()) {
                  out.add(e.getValue().asText());
                } else {
                  collectTimestamps(e.getValue(), out);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectTimestamps(n, out));
    }
  }
}
