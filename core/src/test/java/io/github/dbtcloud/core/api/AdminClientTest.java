package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminClientTest {

  private static final String TOKEN = "dbtc_secret_token_value";

  private MockWebServer server;
  private AdminClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    client = AdminClient.create(ClientSettings.of(server.url("/").toString(), new ApiToken(TOKEN), "test/1"));
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.shutdown();
  }

  private static String page(int from, int count, int total) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < count; i++) {
      items.append(i == 0 ? "" : ",").append("{\"id\":").append(from + i).append(",\"name\":\"job ").append(from + i)
          .append("\",\"project_id\":7}");
    }
    return "{\"status\":{\"code\":200,\"is_success\":true,\"user_message\":\"Success!\",\"developer_message\":\"\"},"
        + "\"data\":[" + items + "],\"extra\":{\"filters\":{\"limit\":100,\"offset\":" + from + "},"
        + "\"order_by\":\"id\",\"pagination\":{\"count\":" + count + ",\"total_count\":" + total + "}}}";
  }

  @Test
  void readsEveryPageOfAList() throws InterruptedException {
    server.enqueue(new MockResponse().setBody(page(0, 100, 150)));
    server.enqueue(new MockResponse().setBody(page(100, 50, 150)));

    List<Job> jobs = client.listJobs(1, 7);

    assertThat(jobs).hasSize(150);
    RecordedRequest first = server.takeRequest();
    assertThat(first.getPath()).isEqualTo("/api/v2/accounts/1/jobs/?project_id=7&limit=100&offset=0");
    assertThat(first.getHeader("Authorization")).isEqualTo("Token " + TOKEN);
    assertThat(server.takeRequest().getPath()).endsWith("offset=100");
  }

  @Test
  void stopsOnAnEmptyPageEvenWhenTheTotalSaysMore() {
    server.enqueue(new MockResponse().setBody(page(0, 100, 300)));
    server.enqueue(new MockResponse().setBody(page(100, 0, 300)));

    assertThat(client.listJobs(1, 7)).hasSize(100);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void turnsAnErrorEnvelopeIntoAnExceptionNamingTheRequest() {
    server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"status\":{\"code\":404,\"is_success\":false,"
        + "\"user_message\":\"The requested resource was not found. Please check that you have the proper permissions.\","
        + "\"developer_message\":\"\"},\"data\":null}"));

    DbtCloudApiException e = catchThrowableOfType(DbtCloudApiException.class, () -> client.getJob(1, 99));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.method()).isEqualTo("GET");
    assertThat(e.path()).isEqualTo("/api/v2/accounts/1/jobs/99/");
    assertThat(e.getMessage()).contains("proper permissions").doesNotContain(TOKEN);
  }

  @Test
  void keepsIdsAbove32Bits() {
    server.enqueue(new MockResponse().setBody("{\"status\":{\"code\":200},\"data\":{\"id\":70403104191314,"
        + "\"project_id\":70403104191315,\"name\":\"x\"}}"));

    Job job = client.getJob(1, 70403104191314L);

    assertThat(job.id()).isEqualTo(70403104191314L);
    assertThat(job.projectId()).isEqualTo(70403104191315L);
  }

  @Test
  void theTokenNeverShowsInToString() {
    assertThat(new ApiToken(TOKEN).toString()).doesNotContain(TOKEN);
  }
}
