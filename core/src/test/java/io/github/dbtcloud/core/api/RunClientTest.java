package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dbtcloud.core.SharedFixtures;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunClientTest {

  private static final String OK =
      "{\"status\":{\"code\":200,\"is_success\":true,\"user_message\":\"Success!\","
          + "\"developer_message\":\"\"},\"data\":";

  private MockWebServer server;
  private AdminClient admin;
  private RunClient runs;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    admin =
        AdminClient.create(
            ClientSettings.of(server.url("/").toString(), new ApiToken("t"), "test/1"));
    runs = new RunClient(admin);
  }

  @AfterEach
  void stop() throws IOException {
    admin.close();
    server.shutdown();
  }

  @Test
  void triggersWithOnlyTheFieldsGivenAndTheTrailingSlash() throws InterruptedException {
    server.enqueue(new MockResponse().setBody(OK + "{\"id\":70403104191314,\"status\":1}}"));

    Run run =
        runs.trigger(1, 42, new TriggerRequest("release", null, "", null, List.of(), 4, null));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/api/v2/accounts/1/jobs/42/run/");
    assertThat(request.getBody().readUtf8())
        .isEqualTo("{\"cause\":\"release\",\"threads_override\":4}");
    assertThat(run.id()).isEqualTo(70403104191314L);
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void readsARunWithItsStepsAndCancelsWithAnEmptyPost() throws InterruptedException {
    server.enqueue(
        new MockResponse()
            .setBody(
                OK
                    + "{\"id\":5,\"status\":3,\"run_steps\":["
                    + "{\"index\":2,\"name\":\"Invoke dbt with `dbt build`\",\"status\":3},"
                    + "{\"index\":1,\"name\":\"Clone git repository\",\"status\":10,\"logs\":\"\",\"truncated_debug_logs\":\"dbg\"}]}}"));
    server.enqueue(new MockResponse().setBody(OK + "{\"id\":5,\"status\":30}}"));

    Run run = runs.get(1, 5, true);
    Run cancelled = runs.cancel(1, 5);

    assertThat(server.takeRequest().getRequestUrl().queryParameter("include_related"))
        .isEqualTo("[\"run_steps\"]");
    RecordedRequest cancel = server.takeRequest();
    assertThat(cancel.getMethod()).isEqualTo("POST");
    assertThat(cancel.getPath()).isEqualTo("/api/v2/accounts/1/runs/5/cancel/");
    assertThat(run.steps())
        .extracting(RunStep::name)
        .containsExactly("Clone git repository", "Invoke dbt with `dbt build`");
    assertThat(run.steps().get(0).logs()).as("falls back to the debug log").isEqualTo("dbg");
    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  void readsTheNodesOfAStepsRunResultsAndNothingWhenItHasNone() throws InterruptedException {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"metadata\":{},\"results\":[{\"unique_id\":\"model.a.b\","
                    + "\"status\":\"error\",\"message\":\"boom\"},{\"unique_id\":\"model.a.c\",\"status\":\"success\",\"message\":null}]}"));
    server.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .setBody(
                "{\"status\":{\"code\":404,\"is_success\":false,"
                    + "\"user_message\":\"The requested resource was not found.\",\"developer_message\":\"\"},\"data\":null}"));

    List<NodeResult> nodes = runs.runResults(1, 5, 4).orElseThrow();
    boolean none = runs.runResults(1, 5, null).isEmpty();

    assertThat(server.takeRequest().getPath())
        .isEqualTo("/api/v2/accounts/1/runs/5/artifacts/run_results.json?step=4");
    assertThat(server.takeRequest().getPath())
        .isEqualTo("/api/v2/accounts/1/runs/5/artifacts/run_results.json");
    assertThat(nodes)
        .containsExactly(
            new NodeResult("model.a.b", "error", "boom"),
            new NodeResult("model.a.c", "success", ""));
    assertThat(nodes.get(0).failed()).isTrue();
    assertThat(none).isTrue();
  }

  @Test
  void readsTheRecordedRunsTimestampsAndDurations() throws IOException {
    JsonNode data =
        Databind.MAPPER
            .readTree(SharedFixtures.recorded("run_get_response.json").toFile())
            .path("data");

    Run run = new Run(WireMaps.toMap(data));

    assertThat(run.id()).isEqualTo(36053848L);
    assertThat(run.jobId()).isEqualTo(43167L);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.createdAt()).contains(Instant.parse("2021-12-07T10:32:24.326116Z"));
    assertThat(run.duration()).contains(Duration.ofMillis(110_109).plusNanos(358_000));
    assertThat(run.queuedFor()).isPresent();
  }

  @Test
  void readsTheRecordedCancelAsCancelledByUser() throws IOException {
    JsonNode data =
        Databind.MAPPER
            .readTree(SharedFixtures.recorded("run_cancel_response.json").toFile())
            .path("data");

    Run run = new Run(WireMaps.toMap(data));

    assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(run.statusMessage()).contains("Cancelled by user.");
    assertThat(run.startedAt()).isEmpty();
  }

  @Test
  void readsBothTimestampSpellingsAndBothDurationFormats() {
    assertThat(WireTimes.instant("2021-11-18T15:19:03.185668+00:00"))
        .isEqualTo(Instant.parse("2021-11-18T15:19:03.185668Z"));
    assertThat(WireTimes.instant("2021-11-26 16:48:41.431645+00:00"))
        .isEqualTo(Instant.parse("2021-11-26T16:48:41.431645Z"));
    assertThat(WireTimes.instant("2021-11-26 16:48:41"))
        .isEqualTo(Instant.parse("2021-11-26T16:48:41Z"));
    assertThat(WireTimes.instant("yesterday")).isNull();
    assertThat(WireTimes.duration("00:01:50")).isEqualTo(Duration.ofSeconds(110));
    assertThat(WireTimes.duration("10.5")).isEqualTo(Duration.ofMillis(10_500));
    assertThat(RunStatus.of(99L)).isEqualTo(RunStatus.UNKNOWN);
  }
}
