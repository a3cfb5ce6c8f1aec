package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.environment.EnvironmentApi;
import io.github.dbtcloud.core.resource.job.Job;
import io.github.dbtcloud.core.resource.job.JobApi;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads and full-object updates are retried as the policy says; a create goes out exactly once. */
class RetryTest {

  private static final String TOKEN = "dbtc_retry_token";

  private final FakeTime time = new FakeTime();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private MockWebServer server;
  private AdminClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    client = client(RetryPolicy.DEFAULT);
  }

  private AdminClient client(RetryPolicy policy) {
    return AdminClient.create(
        ClientSettings.of(server.url("/").toString(), new ApiToken(TOKEN), "test")
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
            .withRetry(policy)
            .withTime(time, time),
        AdminClientTest.capture(log));
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.shutdown();
  }

  @Test
  void retriesAReadAfterA503AndReturnsTheAnswer() {
    server.enqueue(Responses.error(503, "Service unavailable"));
    server.enqueue(Responses.ok(Responses.JOB));

    assertThat(new JobApi(client, 1).get(900).id()).isEqualTo(900L);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(client.requestCount()).isEqualTo(2);
  }

  @Test
  void waitsAsLongAsRetryAfterSaysInSeconds() {
    server.enqueue(Responses.error(429, "Too many requests").setHeader("Retry-After", "7"));
    server.enqueue(Responses.ok(Responses.JOB));

    new JobApi(client, 1).get(900);

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    assertThat(log)
        .anyMatch(
            l ->
                l.startsWith(
                    "WARN dbt Cloud answered 429 to GET /api/v2/accounts/1/jobs/900/"
                        + " and asked to retry after 7 s; attempt 2 of 6"));
  }

  @Test
  void waitsUntilTheHttpDateRetryAfterNames() {
    String in30s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            time.instant().plusSeconds(30).atZone(ZoneOffset.UTC));
    server.enqueue(Responses.error(429, "Too many requests").setHeader("Retry-After", in30s));
    server.enqueue(Responses.ok(Responses.JOB));

    new JobApi(client, 1).get(900);

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void backsOffExponentiallyWithJitterWhenTheServerNamesNoTime() {
    server.enqueue(Responses.error(500, "There was a server error. Please contact support!"));
    server.enqueue(Responses.error(502, "Bad gateway"));
    server.enqueue(new MockResponse().setResponseCode(504));
    server.enqueue(Responses.ok(Responses.JOB));

    new JobApi(client, 1).get(900);

    List<Duration> sleeps = time.sleeps();
    assertThat(sleeps).hasSize(3);
    for (int i = 0; i < 3; i++) {
      long full = 1000L << i;
      assertThat(sleeps.get(i).toMillis()).isBetween(full / 2, full);
    }
  }

  @Test
  void givesUpAfterTheLastAttemptWithTheServersAnswer() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(Responses.error(500, "There was a server error. Please contact support!"));
    }
    client.close();
    client =
        client(
            new RetryPolicy(
                3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(5)));

    DbtCloudApiException e =
        catchThrowableOfType(DbtCloudApiException.class, () -> new JobApi(client, 1).get(900));

    assertThat(e.status()).isEqualTo(500);
    assertThat(e.userMessage()).isEqualTo("There was a server error. Please contact support!");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void givesUpAtOnceWhenRetryAfterIsLongerThanTheTotalTimeAllowed() {
    server.enqueue(Responses.error(429, "Too many requests").setHeader("Retry-After", "600"));

    DbtCloudApiException e =
        catchThrowableOfType(DbtCloudApiException.class, () -> new JobApi(client, 1).get(900));

    assertThat(e.status()).isEqualTo(429);
    assertThat(time.sleeps()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retriesAReadAfterAConnectionReset() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(Responses.ok(Responses.JOB));

    assertThat(new JobApi(client, 1).get(900).id()).isEqualTo(900L);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retriesAReadThatTimesOut() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(Responses.ok(Responses.JOB));

    assertThat(new JobApi(client, 1).get(900).id()).isEqualTo(900L);
  }

  @Test
  void retriesAFullObjectUpdate() {
    server.enqueue(Responses.error(502, "Bad gateway"));
    server.enqueue(Responses.ok(Responses.JOB));

    new JobApi(client, 1).update(new Job(java.util.Map.of("id", 900L, "name", "n")));

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void neverRetriesARequestDbtCloudRejected() {
    server.enqueue(Responses.error(400, "The request was invalid."));

    DbtCloudApiException refused =
        catchThrowableOfType(DbtCloudApiException.class, () -> new JobApi(client, 1).get(900));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aCreateIsNeverSentTwiceAfterA500() {
    server.enqueue(Responses.error(500, "There was a server error. Please contact support!"));
    server.enqueue(Responses.ok(Responses.JOB));

    DbtCloudApiException e =
        catchThrowableOfType(
            DbtCloudApiException.class,
            () -> new JobApi(client, 1).create(Job.draft(1, 7, 70L).withName("n")));

    assertThat(e.status()).isEqualTo(500);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aCreateIsNeverSentTwiceAfterTheConnectionBreaksOnceItIsSent() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(Responses.ok(Responses.JOB));

    DbtCloudApiException e =
        catchThrowableOfType(
            DbtCloudApiException.class,
            () -> new JobApi(client, 1).create(Job.draft(1, 7, 70L).withName("n")));

    assertThat(e.answered()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aCreateIsNeverSentTwiceAfterA429() {
    server.enqueue(Responses.error(429, "Too many requests").setHeader("Retry-After", "1"));
    server.enqueue(Responses.ok(Responses.JOB));

    DbtCloudApiException e =
        catchThrowableOfType(
            DbtCloudApiException.class,
            () -> new EnvironmentApi(client, 1, 7).create(Environment.draft(1, 7).withName("CI")));

    assertThat(e.status()).isEqualTo(429);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retryDiagnosticsNeverShowTheToken() {
    server.enqueue(Responses.error(503, "busy"));
    server.enqueue(Responses.ok(Responses.JOB));

    new JobApi(client, 1).get(900);

    assertThat(log).noneMatch(l -> l.contains(TOKEN));
  }

  @Test
  void theRateLimiterLetsABurstThroughThenSpacesRequestsEvenly() {
    RateLimiter limiter = new RateLimiter(60, time, time);
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      waits.add(limiter.reserve());
    }
    // 60 a minute: a burst of 3 (three seconds' worth), then one a second
    assertThat(waits)
        .containsExactly(
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));
  }

  @Test
  void everyRequestOfAClientPassesTheSharedRateLimiter() throws Exception {
    client.close();
    client =
        AdminClient.create(
            ClientSettings.of(server.url("/").toString(), new ApiToken(TOKEN), "test")
                .withRequestsPerMinute(20)
                .withTime(time, time));
    for (int i = 0; i < 3; i++) {
      server.enqueue(Responses.ok(Responses.JOB));
    }

    new JobApi(client, 1).get(900);
    new JobApi(client, 1).get(900);
    new JobApi(client, 1).get(900);

    // 20 a minute: a burst of one, then one every three seconds
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
  }
}
