package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dbtcloud.core.CapturingConsole;
import io.github.dbtcloud.core.resource.job.JobApi;
import io.github.dbtcloud.core.resource.webhook.WebhookApi;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every hostile answer a pipeline can meet, each from a raw loopback server: the client fails with
 * a message saying what came back, within its deadline, never reading a lie as "empty", never
 * reading a huge body whole, never following a redirect with the token, never showing the token.
 * Deadlines here are short (2 s per call) so that the whole class runs in seconds.
 */
class HostileHttpTest {

  private static final String TOKEN = "dbtc_test_hostile_4c1d2e";
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(2);
  private static final AtomicLong LONGEST = new AtomicLong();
  private static final AtomicLong CASES = new AtomicLong();

  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  @AfterAll
  static void report() {
    System.out.println("hostile HTTP: " + CASES.get() + " cases, longest " + LONGEST.get() + " ms");
  }

  private AdminClient client(RawServer server) {
    return AdminClient.create(
        settings(server), new CapturingConsole(lines), Duration.ofMillis(300));
  }

  /** Short timeouts and quick retries, so that the whole class runs in seconds. */
  private static ClientSettings settings(RawServer server) {
    return ClientSettings.of(server.url(), new ApiToken(TOKEN), "test")
        .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1))
        .withRetry(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(50), CALL_DEADLINE));
  }

  /** Runs one hostile case, timing it, and returns what it threw. */
  private DbtCloudApiException failure(
      RawServer server, java.util.function.Consumer<AdminClient> call) {
    long started = System.nanoTime();
    DbtCloudApiException e;
    try (server;
        AdminClient client = client(server)) {
      e = catchThrowableOfType(DbtCloudApiException.class, () -> call.accept(client));
    } catch (IOException closing) {
      throw new IllegalStateException(closing);
    }
    long took = (System.nanoTime() - started) / 1_000_000;
    CASES.incrementAndGet();
    LONGEST.accumulateAndGet(took, Math::max);
    assertThat(e).as("the call must fail").isNotNull();
    assertThat(e.getMessage()).doesNotContain(TOKEN);
    synchronized (lines) {
      assertThat(lines).noneMatch(l -> l.contains(TOKEN));
    }
    return e;
  }

  private static RawServer answering(int status, String headers, String body) throws IOException {
    return new RawServer((head, out) -> RawServer.send(out, status, headers, body));
  }

  private static final String JSON = "Content-Type: application/json\r\n";

  @Test
  void refusesAJobListingWhoseEnvelopeSaysItFailedInsteadOfReadingItAsEmpty() throws IOException {
    RawServer server =
        answering(
            200,
            JSON,
            "{\"status\":{\"code\":500,\"is_success\":false,\"user_message\":\"Internal error\"},"
                + "\"data\":null}");
    DbtCloudApiException e = failure(server, c -> new JobApi(c, 1).list(7));

    assertThat(e).isInstanceOf(MalformedAnswerException.class);
    assertThat(e.getMessage())
        .contains("GET /api/v2/accounts/1/jobs/")
        .contains("says the call failed (status.code 500, is_success false")
        .contains("although the HTTP status is 200");
  }

  @Test
  void readsAnEnvelopeWhoseStatusHoldsItsCodeAloneAsTheV3WebhookAnswersDo() throws IOException {
    try (RawServer server =
            answering(
                200,
                JSON,
                "{\"status\":{\"code\":200},\"data\":[{\"id\":1}],"
                    + "\"extra\":{\"pagination\":{\"count\":1,\"total_count\":1}}}");
        AdminClient client = client(server)) {
      assertThat(new JobApi(client, 1).list(7)).hasSize(1);
    }
  }

  @Test
  void readsAWebhookListingWhoseIdsAreStrings() throws IOException {
    try (RawServer server =
            answering(
                200,
                JSON,
                "{\"status\":{\"code\":200},\"data\":[{\"id\":\"wsu_12ab\",\"name\":\"x\"}],"
                    + "\"extra\":{\"pagination\":{\"count\":1,\"total_count\":1}}}");
        AdminClient client = client(server)) {
      assertThat(new WebhookApi(client, 1).list()).hasSize(1);
    }
  }

  @Test
  void refusesAnEnvelopeWithoutIsSuccessWhoseCodeSaysItFailed() throws IOException {
    RawServer server = answering(200, JSON, "{\"status\":{\"code\":500},\"data\":[]}");
    DbtCloudApiException e = failure(server, c -> new JobApi(c, 1).list(7));

    assertThat(e.getMessage()).contains("status.code (500) differs from the HTTP status 200");
  }

  @Test
  void refusesAListingWhoseDataIsNotAList() throws IOException {
    RawServer server =
        answering(200, JSON, "{\"status\":{\"code\":200,\"is_success\":true},\"data\":{\"id\":1}}");
    DbtCloudApiException e = failure(server, c -> new JobApi(c, 1).list(7));

    assertThat(e.getMessage()).contains("a listing whose data is object, not a list");
  }

  @Test
  void refusesAPageWhoseCountDisagreesWithItsItems() throws IOException {
    RawServer server =
        answering(
            200,
            JSON,
            "{\"status\":{\"code\":200,\"is_success\":true},\"data\":[{\"id\":1}],"
                + "\"extra\":{\"pagination\":{\"count\":2,\"total_count\":2}}}");
    DbtCloudApiException e = failure(server, c -> new JobApi(c, 1).list(7));

    assertThat(e.getMessage())
        .contains("says it holds 2 objects (extra.pagination.count) but holds 1");
  }

  @Test
  void refusesAListedObjectWithoutItsId() throws IOException {
    RawServer server =
        answering(
            200,
            JSON,
            "{\"status\":{\"code\":200,\"is_success\":true},\"data\":[{\"name\":\"x\"}]}");
    DbtCloudApiException e = failure(server, c -> new JobApi(c, 1).list(7));

    assertThat(e.getMessage()).contains("item 1 is an object without its id");
  }

  @Test
  void refusesAnEnvelopeWhereAProjectWasExpectedWithoutANullPointerException() throws IOException {
    RawServer server =
        answering(
            200,
            JSON,
            "{\"status\":{\"code\":200,\"is_success\":true},\"data\":"
                + "{\"status\":{\"code\":200,\"is_success\":true},\"data\":{\"id\":7}}}");
    DbtCloudApiException e =
        failure(server, c -> new Project(c.get("api/v3/accounts/1/projects/7/", Map.of())).id());

    assertThat(e.getMessage())
        .contains("GET /api/v3/accounts/1/projects/7/")
        .contains("an object without its id");
  }

  @Test
  void refusesAnObjectWithAnotherIdThanTheOneAskedFor() throws IOException {
    RawServer server =
        answering(200, JSON, "{\"status\":{\"code\":200,\"is_success\":true},\"data\":{\"id\":8}}");
    DbtCloudApiException e = failure(server, c -> c.get("api/v3/accounts/1/projects/7/", Map.of()));

    assertThat(e.getMessage()).contains("the object with id 8, not the id 7 asked for");
  }

  @Test
  void refusesAnEnvelopeCodeThatDiffersFromTheHttpStatus() throws IOException {
    RawServer server =
        answering(201, JSON, "{\"status\":{\"code\":200,\"is_success\":true},\"data\":{\"id\":7}}");
    DbtCloudApiException e = failure(server, c -> c.create("api/v2/accounts/1/jobs/", Map.of()));

    assertThat(e.getMessage()).contains("status.code (200) differs from the HTTP status 201");
    assertThat(server.requests()).as("a create is sent once").hasSize(1);
  }

  @Test
  void failsASlowDripAtTheCallDeadlineSayingWhatItWaitsFor() throws IOException {
    RawServer server =
        new RawServer(
            (head, out) -> {
              out.write(
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
                      .getBytes(StandardCharsets.UTF_8));
              for (int i = 0; i < 1000; i++) {
                out.flush();
                Thread.sleep(400); // under the 1 s read timeout: only a deadline stops it
                out.write(' ');
              }
            });
    DbtCloudApiException e = failure(server, c -> c.get("api/v3/accounts/1/projects/7/", Map.of()));

    assertThat(e.getMessage())
        .contains("no complete answer within 2.0 s")
        .contains("dbt.callTimeout");
    assertThat(lines)
        .anyMatch(
            l -> l.contains("Still waiting for dbt Cloud: GET /api/v3/accounts/1/projects/7/"));
  }

  @Test
  void failsAServerThatAcceptsAndNeverAnswersAtTheCallDeadline() throws IOException {
    RawServer server = new RawServer((head, out) -> Thread.sleep(60_000));
    DbtCloudApiException e = failure(server, c -> c.get("api/v3/accounts/1/projects/7/", Map.of()));

    assertThat(e.answered()).isFalse();
    assertThat(e.getMessage()).contains("GET /api/v3/accounts/1/projects/7/");
    assertThat(lines).anyMatch(l -> l.contains("Still waiting for dbt Cloud"));
  }

  @Test
  void stopsAllTheReadsOfAGoalAtItsDeadline() throws IOException {
    RawServer server = new RawServer((head, out) -> Thread.sleep(60_000));
    Duration took =
        stoppedAt(
            server,
            settings(server),
            Duration.ofMillis(700),
            c -> c.get("api/v3/accounts/1/projects/7/", Map.of()));

    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aReadStoppedAtTheGoalsDeadlineIsNotRetriedAfterItsBackOff() throws IOException {
    // The default policy's back-offs (1, 2, 4, 8, 16 s): a cancelled call taken for a dropped
    // connection would sleep through them before the goal could say it stopped.
    RawServer server = new RawServer((head, out) -> Thread.sleep(60_000));
    Duration took =
        stoppedAt(
            server,
            settings(server)
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(30))
                .withRetry(RetryPolicy.DEFAULT),
            Duration.ofMillis(300),
            c -> c.get("api/v3/accounts/1/projects/7/", Map.of()));

    assertThat(took).isLessThan(Duration.ofMillis(900));
    assertThat(lines).noneMatch(l -> l.contains("attempt 2 of"));
  }

  @Test
  void aGoalsDeadlineEndsAReadsBackOffAtOnce() throws IOException {
    // 503 at once, then a back-off of 5 to 10 s: the deadline comes while the call sleeps in it.
    RawServer server = answering(503, JSON, "{}");
    Duration took =
        stoppedAt(
            server,
            settings(server)
                .withRetry(
                    new RetryPolicy(
                        3, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(1))),
            Duration.ofMillis(300),
            c -> c.get("api/v3/accounts/1/projects/7/", Map.of()));

    assertThat(took).isLessThan(Duration.ofSeconds(3));
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aGoalsDeadlineEndsAWaitInTheRateLimitersHoldAtOnce() throws IOException {
    RawServer server = answering(429, JSON + "Retry-After: 20\r\n", "{}");
    Duration took =
        stoppedAt(
            server,
            // A token of its own: the hold stays on this host's shared limiter after the test.
            ClientSettings.of(server.url(), new ApiToken("dbtc_test_hostile_held_9e4f1a"), "test")
                .withRetry(RetryPolicy.NONE),
            Duration.ofMillis(300),
            c -> {
              assertThat(
                      catchThrowableOfType(
                          DbtCloudApiException.class,
                          () -> c.get("api/v3/accounts/1/projects/7/", Map.of())))
                  .hasMessageContaining("429");
              // Held back for the 20 s dbt Cloud asked for, until the deadline.
              return c.get("api/v3/accounts/1/projects/8/", Map.of());
            });

    assertThat(took).isLessThan(Duration.ofSeconds(3));
    assertThat(server.requests()).hasSize(1);
    assertThat(CallWaits.waiting()).isZero();
  }

  /**
   * Runs {@code reads} with a client of {@code settings} under a goal deadline of {@code limit},
   * checks that they failed saying the deadline stopped them, and returns how long that took.
   */
  private Duration stoppedAt(
      RawServer server,
      ClientSettings settings,
      Duration limit,
      java.util.function.Function<AdminClient, Object> reads)
      throws IOException {
    long started = System.nanoTime();
    try (server;
        AdminClient client =
            AdminClient.create(settings, new CapturingConsole(lines), Duration.ofMillis(300))) {
      Throwable e =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> client.within(limit, "dbt.readTimeout", () -> reads.apply(client)));
      assertThat(e)
          .hasMessageContaining(
              "took longer than "
                  + io.github.dbtcloud.core.Durations.format(limit)
                  + " (dbt.readTimeout)");
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  @Test
  void saysAnHtmlPageCameBackInsteadOfAParserError() throws IOException {
    RawServer server =
        answering(
            200,
            "Content-Type: text/html\r\n",
            "<!DOCTYPE html><html><head><title>Sign in - Corp Proxy</title></head><body>x</body></html>");
    DbtCloudApiException e = failure(server, c -> new JobApi(c, 1).list(7));

    assertThat(e.getMessage())
        .contains(
            "an HTML page titled 'Sign in - Corp Proxy' instead of JSON (a proxy or login page?)")
        .doesNotContain("JsonParseException");
  }

  @Test
  void saysAnHtmlErrorPageCameBack() throws IOException {
    RawServer server =
        answering(
            502, "Content-Type: text/html\r\n", "<html><title>502 Bad Gateway</title></html>");
    DbtCloudApiException e = failure(server, c -> new JobApi(c, 1).list(7));

    assertThat(e.getMessage())
        .contains("HTTP 502")
        .contains("an HTML page titled '502 Bad Gateway'");
  }

  @Test
  void saysATruncatedJsonBodyCameBack() throws IOException {
    RawServer server =
        answering(200, JSON, "{\"status\":{\"code\":200,\"is_success\":true},\"data\":[{\"id\":1,");
    DbtCloudApiException e = failure(server, c -> new JobApi(c, 1).list(7));

    assertThat(e.getMessage()).contains("a truncated JSON body").doesNotContain("JsonEOFException");
  }

  @Test
  void readsAHundredMegabyteAnswerNoFurtherThanItsBound() throws IOException {
    RawServer server = new RawServer((head, out) -> hundredMegabytes(out, 200));
    Runtime rt = Runtime.getRuntime();
    DbtCloudApiException e = failure(server, c -> new JobApi(c, 1).list(7));

    assertThat(e.getMessage()).contains("a body larger than 32 MB");
    assertThat(rt.totalMemory() - rt.freeMemory()).isLessThan(512L * 1024 * 1024);
  }

  @Test
  void readsAHundredMegabyteErrorBodyNoFurtherThan64Kilobytes() throws IOException {
    RawServer server = new RawServer((head, out) -> hundredMegabytes(out, 400));
    Runtime rt = Runtime.getRuntime();
    DbtCloudApiException e = failure(server, c -> new JobApi(c, 1).list(7));

    assertThat(e.status()).isEqualTo(400);
    assertThat(rt.totalMemory() - rt.freeMemory()).isLessThan(512L * 1024 * 1024);
    assertThat(e.getMessage().length()).isLessThan(2_000);
  }

  private static void hundredMegabytes(OutputStream out, int status) throws IOException {
    long size = 100L * 1024 * 1024;
    out.write(
        ("HTTP/1.1 "
                + status
                + " X\r\nContent-Type: application/json\r\nContent-Length: "
                + size
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    chunk[0] = '[';
    for (long sent = 0; sent < size; sent += chunk.length) {
      out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
      chunk[0] = 'x';
    }
  }

  @Test
  void saysWhereARedirectPointedAndSendsTheTokenNowhereElse() throws IOException {
    try (RawServer elsewhere = answering(200, JSON, "{}")) {
      String target = elsewhere.url() + "login?next=/api/";
      RawServer server = answering(302, "Location: " + target + "\r\n", "");
      DbtCloudApiException e = failure(server, c -> new JobApi(c, 1).list(7));

      assertThat(e.status()).isEqualTo(302);
      assertThat(e.getMessage()).contains("a redirect to " + target).contains("not followed");
      assertThat(elsewhere.requests()).isEmpty();
    }
  }

  @Test
  void saysWhatRetryAfterTheServerAskedAndThatItExceedsTheCap() throws IOException {
    RawServer server =
        answering(
            429,
            JSON + "Retry-After: 3600\r\n",
            "{\"status\":{\"code\":429,\"is_success\":false,\"user_message\":\"Too many requests\"},\"data\":null}");
    DbtCloudApiException e = failure(server, c -> new JobApi(c, 1).list(7));

    assertThat(e.getMessage())
        .contains("Retry-After: 3600")
        .contains("longer than the 2.0 s one call may wait in all (dbt.callTimeout)");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void asksAgainWhenAReadGetsALyingEnvelopeOnce() throws IOException {
    AtomicLong calls = new AtomicLong();
    RawServer server =
        new RawServer(
            (head, out) ->
                RawServer.send(
                    out,
                    200,
                    JSON,
                    calls.incrementAndGet() == 1
                        ? "{\"status\":{\"code\":500,\"is_success\":false},\"data\":null}"
                        : "{\"status\":{\"code\":200,\"is_success\":true},\"data\":[],"
                            + "\"extra\":{\"pagination\":{\"count\":0,\"total_count\":0}}}"));
    try (server;
        AdminClient client = client(server)) {
      assertThat(new JobApi(client, 1).list(7)).isEmpty();
    }
    assertThat(calls.get()).isEqualTo(2);
  }
}
