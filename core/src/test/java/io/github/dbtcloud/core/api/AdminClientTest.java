package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dbtcloud.core.CapturingConsole;
import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.resource.job.Job;
import io.github.dbtcloud.core.resource.job.JobApi;
import io.github.dbtcloud.core.resource.job.JobEnvironmentVariable;
import io.github.dbtcloud.core.resource.job.JobType;
import io.github.dbtcloud.core.resource.job.JobVariableApi;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariable;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariableApi;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariables;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminClientTest {

  private static final String TOKEN = "dbtc_secret_token_value";

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private MockWebServer server;
  private AdminClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    FakeTime time = new FakeTime();
    client =
        AdminClient.create(
            ClientSettings.of(
                    server.url("/").toString(), new ApiToken(TOKEN), "dbt-maven-plugin/9.9")
                .withTime(time, time),
            capture(log));
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.shutdown();
  }

  static Console capture(List<String> lines) {
    return new CapturingConsole(lines);
  }

  /** Serves a listing of {@code total} jobs by offset, as dbt Cloud pages them. */
  private static Dispatcher listing(long total) {
    return byOffset(
        offset -> Responses.page(offset, (int) Math.max(0, Math.min(100, total - offset)), total));
  }

  /** Answers each page request with the body {@code page} gives for its offset. */
  private static Dispatcher byOffset(IntFunction<String> page) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int offset = Integer.parseInt(request.getRequestUrl().queryParameter("offset"));
        return new MockResponse().setBody(page.apply(offset));
      }
    };
  }

  @Test
  void readsEveryPageOfAListInPagesOf100OrderedById() throws InterruptedException {
    server.setDispatcher(listing(150));

    List<Job> jobs = new JobApi(client, 1).list(7);

    assertThat(jobs).hasSize(150);
    assertThat(jobs).extracting(Job::id).startsWith(0L, 1L).endsWith(149L);
    RecordedRequest first = server.takeRequest();
    assertThat(first.getPath())
        .isEqualTo("/api/v2/accounts/1/jobs/?project_id=7&order_by=id&limit=100&offset=0");
    assertThat(server.takeRequest().getPath()).endsWith("offset=100");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  /**
   * Serves a listing of {@code total} jobs by offset, each page after the first after {@code
   * pause}, noting in {@code most} the most of them served at once.
   */
  private static Dispatcher pagesInFlight(long total, AtomicInteger most, Pause pause) {
    AtomicInteger now = new AtomicInteger();
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        int offset = Integer.parseInt(request.getRequestUrl().queryParameter("offset"));
        if (offset > 0) {
          most.accumulateAndGet(now.incrementAndGet(), Math::max);
          pause.run();
          now.decrementAndGet();
        }
        int count = (int) Math.max(0, Math.min(100, total - offset));
        return new MockResponse().setBody(Responses.page(offset, count, total));
      }
    };
  }

  /** What a page's answer waits for. */
  private interface Pause {
    void run() throws InterruptedException;
  }

  @Test
  void readsThePagesAfterTheFirstAtTheSameTime() {
    CountDownLatch allThree = new CountDownLatch(3);
    AtomicInteger most = new AtomicInteger();
    server.setDispatcher(
        pagesInFlight(
            400,
            most,
            () -> {
              allThree.countDown();
              // a sequential reader would never get the other two pages here; the guard only
              // avoids a hang
              allThree.await(10, TimeUnit.SECONDS);
            }));

    assertThat(new JobApi(client, 1).list(7)).hasSize(400);
    assertThat(most.get()).isEqualTo(3);
  }

  @Test
  void readsAListingOfMorePagesThanThereArePageThreadsInFullAndInOrder() {
    AtomicInteger most = new AtomicInteger();
    // long enough for every page thread to be busy when the next page is handed out
    server.setDispatcher(pagesInFlight(25_000, most, () -> Thread.sleep(100)));

    List<Job> jobs = new JobApi(client, 1).list(7);

    assertThat(jobs).hasSize(25_000);
    assertThat(jobs).extracting(Job::id).startsWith(0L, 1L).endsWith(24_999L);
    assertThat(server.getRequestCount()).isEqualTo(250);
    assertThat(most.get()).isLessThanOrEqualTo(AdminClient.PAGE_PARALLELISM);
    assertThat(client.pageThreads())
        .as("every page thread was busy, so later pages waited for one")
        .isEqualTo(AdminClient.PAGE_PARALLELISM);
  }

  /** Jobs 0 to {@code total} - 1, each once and in order: no page lost, none read twice. */
  private static void assertIsTheWholeListing(List<Job> jobs, long total) {
    assertThat(jobs)
        .extracting(Job::id)
        .containsExactlyElementsOf(LongStream.range(0, total).boxed().toList());
  }

  @Test
  void thePagesTheExpectedObjectsFillGoOutWithTheFirstInOneRoundTrip() {
    CountDownLatch others = new CountDownLatch(3);
    AtomicBoolean firstWaitedForThem = new AtomicBoolean();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            int offset = Integer.parseInt(request.getRequestUrl().queryParameter("offset"));
            if (offset == 0) {
              // answered only once the other three pages were asked for: with two round trips
              // they never would be (the guard only avoids a hang)
              firstWaitedForThem.set(others.await(5, TimeUnit.SECONDS));
            } else {
              others.countDown();
            }
            return new MockResponse()
                .setBody(Responses.page(offset, Math.min(100, 400 - offset), 400));
          }
        });

    List<Job> jobs = new JobApi(client, 1).list(7, 400);

    assertThat(firstWaitedForThem).isTrue();
    assertIsTheWholeListing(jobs, 400);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void aGuessPastTheListingsEndCostsOnlyItsEmptyPages() {
    server.setDispatcher(listing(150));

    List<Job> jobs = new JobApi(client, 1).list(7, 400);

    assertIsTheWholeListing(jobs, 150);
    assertThat(server.getRequestCount()).as("offsets 0 to 300, none read again").isEqualTo(4);
    assertThat(log).noneMatch(line -> line.contains("changed while it was read"));
  }

  @Test
  void aGuessShortOfTheListingReadsTheRestOnceTheFirstPageGivesTheTotal() {
    server.setDispatcher(listing(450));

    List<Job> jobs = new JobApi(client, 1).list(7, 200);

    assertIsTheWholeListing(jobs, 450);
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void aServerThatPagesByFewerThanAskedForIsReadByItsOwnPagesNotTheGuessedOnes() {
    server.setDispatcher(
        byOffset(offset -> Responses.page(offset, Math.max(0, Math.min(50, 200 - offset)), 200)));

    List<Job> jobs = new JobApi(client, 1).list(7, 200);

    // the guessed page at offset 100 holds 100 to 149 here: used as the 100-job page it would
    // have lost 150 to 199
    assertIsTheWholeListing(jobs, 200);
    assertThat(server.getRequestCount())
        .as("the first, the guess, then 50, 100 and 150")
        .isEqualTo(5);
  }

  @Test
  void aListingsAnswersAreParsedOnlyInATurnAtTheProcessors() throws Exception {
    server.setDispatcher(listing(250));
    CpuTurns turns = new CpuTurns(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (AdminClient oneTurn =
        AdminClient.create(
            ClientSettings.of(
                server.url("/").toString(), new ApiToken(TOKEN), "dbt-maven-plugin/9.9"),
            turns)) {
      CountDownLatch held = new CountDownLatch(1);
      threads.submit(
          () ->
              turns.run(
                  () -> {
                    held.countDown();
                    return release.await(10, TimeUnit.SECONDS);
                  }));
      assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();

      Future<List<Job>> listing = threads.submit(() -> new JobApi(oneTurn, 1).list(7, 250));
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (server.getRequestCount() < 3 && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      Thread.sleep(200);
      assertThat(server.getRequestCount()).as("the network is not held back").isEqualTo(3);
      assertThat(listing).as("every answer is in, none parsed while the turn is held").isNotDone();

      release.countDown();
      assertIsTheWholeListing(listing.get(10, TimeUnit.SECONDS), 250);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }

  @Test
  void pageThreadsStartedAheadReadThePagesWithoutOthersBeingStarted() throws Exception {
    server.setDispatcher(listing(400));

    client.expectPages(3);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (client.pageThreads() < 3 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    Thread.sleep(50); // counted as soon as started: a moment more to be waiting for a page
    assertThat(client.pageThreads()).isEqualTo(3);
    assertThat(new JobApi(client, 1).list(7)).hasSize(400);

    assertThat(client.pageThreads()).as("the three pages went to the threads started").isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void startsNoMorePageThreadsAheadThanItReadsPagesAtOnce() throws Exception {
    client.expectPages(5_000);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (client.pageThreads() < AdminClient.PAGE_PARALLELISM && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    Thread.sleep(50);

    assertThat(client.pageThreads()).isEqualTo(AdminClient.PAGE_PARALLELISM);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void readsAListingAgainWhenItChangedWhileBeingRead() {
    AtomicInteger calls = new AtomicInteger();
    server.setDispatcher(
        byOffset(
            offset -> {
              boolean firstPass = calls.incrementAndGet() <= 2;
              long total = firstPass && offset == 100 ? 149 : 150;
              return Responses.page(offset, (int) Math.min(100, total - offset), total);
            }));

    assertThat(new JobApi(client, 1).list(7)).hasSize(150);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void refusesAListingThatKeepsEndingBeforeItsTotal() {
    server.setDispatcher(
        byOffset(
            offset -> offset == 0 ? Responses.page(0, 100, 300) : Responses.page(offset, 0, 300)));

    assertThatThrownBy(() -> new JobApi(client, 1).list(7))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("/api/v2/accounts/1/jobs/")
        .hasMessageContaining("kept changing")
        .hasMessageContaining("total_count 300 but 100 objects before an empty page");
    assertThat(server.getRequestCount()).isEqualTo(3 * AdminClient.LISTING_PASSES);
  }

  @Test
  void refusesAFirstPageThatIsEmptyAlthoughTheTotalIsNot() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse().setBody(Responses.page(0, 0, 12));
          }
        });

    assertThatThrownBy(() -> new JobApi(client, 1).list(7))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("total_count 12 but 0 objects");
  }

  @Test
  void anEmptyListingIsOneRequest() {
    server.setDispatcher(listing(0));

    assertThat(new JobApi(client, 1).list(7)).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void turnsAnErrorEnvelopeIntoAnExceptionNamingTheRequest() {
    server.enqueue(
        Responses.error(
            404,
            "The requested resource was not found. Please check that you have the"
                + " proper permissions."));

    DbtCloudApiException e =
        catchThrowableOfType(DbtCloudApiException.class, () -> new JobApi(client, 1).get(99));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.method()).isEqualTo("GET");
    assertThat(e.path()).isEqualTo("/api/v2/accounts/1/jobs/99/");
    assertThat(e.getMessage()).contains("proper permissions").doesNotContain(TOKEN);
  }

  @Test
  void carriesTheFieldMessagesOfA400() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setBody(
                "{\"status\":{\"code\":400,\"is_success\":false,"
                    + "\"user_message\":\"The request was invalid. Please double check the provided data and try again.\","
                    + "\"developer_message\":\"\"},\"data\":{\"name\":\"required key not provided\","
                    + "\"deployment_type\":[\"\\\"\\\" is not a valid choice.\"]}}"));

    DbtCloudApiException e =
        catchThrowableOfType(
            DbtCloudApiException.class, () -> new JobApi(client, 1).create(Job.draft(1, 7, 70L)));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.method()).isEqualTo("POST");
    assertThat(e.fieldErrors())
        .containsEntry("name", "required key not provided")
        .containsEntry("deployment_type", "\"\" is not a valid choice.");
    assertThat(e.getMessage())
        .contains("The request was invalid")
        .contains("name: required key not provided");
  }

  @Test
  void readsAnErrorThatIsNotTheEnvelope() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(405)
            .setBody("{\"detail\": \"Method \\\"GET\\\" not allowed.\"}"));

    DbtCloudApiException e =
        catchThrowableOfType(DbtCloudApiException.class, () -> new JobApi(client, 1).get(5));

    assertThat(e.status()).isEqualTo(405);
    assertThat(e.userMessage()).isEqualTo("Method \"GET\" not allowed.");
  }

  @Test
  void keepsIdsAbove32Bits() {
    server.enqueue(
        Responses.ok("{\"id\":70403104191314,\"project_id\":70403104191315,\"name\":\"x\"}"));

    Job job = new JobApi(client, 1).get(70403104191314L);

    assertThat(job.id()).isEqualTo(70403104191314L);
    assertThat(job.projectId()).isEqualTo(70403104191315L);
  }

  @Test
  void readsUnknownFieldsAndUnknownJobTypesWithoutFailing() {
    server.enqueue(
        Responses.ok(
            "{\"id\":1,\"job_type\":\"quantum\",\"brand_new_field\":{\"x\":[1]},"
                + "\"updated_at\":\"2021-11-18T15:19:03.185687+00:00\"}"));

    Job job = new JobApi(client, 1).get(1);

    assertThat(job.type()).isEqualTo(JobType.UNKNOWN);
    assertThat(job.fields()).containsKey("brand_new_field");
    assertThat(job.updatedAt()).hasToString("2021-11-18T15:19:03.185687Z");
  }

  @Test
  void sendsTheTokenTheUserAgentAndJsonHeaders() throws InterruptedException {
    server.enqueue(Responses.ok(Responses.JOB));

    new JobApi(client, 1).get(900);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeader("Authorization")).isEqualTo("Token " + TOKEN);
    assertThat(request.getHeader("User-Agent")).isEqualTo("dbt-maven-plugin/9.9");
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
  }

  @Test
  void neverSendsTheClientSideRetryFlag() throws InterruptedException {
    server.enqueue(Responses.ok(Responses.JOB));

    new JobApi(client, 1).update(new Job(java.util.Map.of("id", 900L, "name", "n")));

    assertThat(server.takeRequest().getHeader(Idempotency.HEADER)).isNull();
  }

  @Test
  void theTokenNeverAppearsInAnyLogLineOrMessage() {
    // a proxy that echoes the credential back must not make it leak either
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setBody(
                "{\"status\":{\"code\":401,\"is_success\":false,"
                    + "\"user_message\":\"Invalid token "
                    + TOKEN
                    + ".\",\"developer_message\":null},\"data\":null}"));
    server.enqueue(Responses.ok(Responses.JOB));

    DbtCloudApiException refused =
        catchThrowableOfType(DbtCloudApiException.class, () -> new JobApi(client, 1).get(900));
    new JobApi(client, 1).get(900);

    assertThat(refused.getMessage()).doesNotContain(TOKEN).contains("[redacted]");
    assertThat(log).isNotEmpty().noneMatch(line -> line.contains(TOKEN));
    assertThat(log).anyMatch(line -> line.contains("Authorization: Token [redacted]"));
    assertThat(log)
        .anyMatch(line -> line.startsWith("DEBUG <-- 401 GET /api/v2/accounts/1/jobs/900/"));
  }

  @Test
  void theTokenNeverShowsInToString() {
    assertThat(new ApiToken(TOKEN).toString()).doesNotContain(TOKEN);
    assertThat(ClientSettings.of("https://ab123.us1.dbt.com", new ApiToken(TOKEN), "ua").toString())
        .doesNotContain(TOKEN);
  }

  @Test
  void readsTheEnvironmentVariableViewWithMaskedSecrets() {
    server.enqueue(
        Responses.ok(
            "{\"environments\":[\"project\",\"Production\",\"CI\"],\"variables\":{"
                + "\"DBT_TARGET\":{\"project\":{\"id\":1,\"value\":\"dev\"},\"Production\":{\"id\":2,\"value\":\"prod\"}},"
                + "\"DBT_ENV_SECRET_KEY\":{\"Production\":{\"id\":3,\"value\":\"**********\"}}}}"));

    EnvironmentVariables vars = new EnvironmentVariableApi(client, 1, 7).read();

    assertThat(vars.scopes()).containsExactly("project", "Production", "CI");
    EnvironmentVariable target = vars.variables().get("DBT_TARGET");
    assertThat(target.values()).containsEntry("project", "dev").containsEntry("Production", "prod");
    assertThat(target.idIn("Production")).isEqualTo(2L);
    EnvironmentVariable secret = vars.variables().get("DBT_ENV_SECRET_KEY");
    assertThat(secret.secret()).isTrue();
    assertThat(secret.maskedIn("Production")).isTrue();
  }

  @Test
  void updatesAVariableByOverrideIdAndAddsNewScopesByName() throws Exception {
    server.enqueue(
        Responses.ok(
            "{\"environments\":[\"project\",\"Production\"],\"variables\":{"
                + "\"DBT_TARGET\":{\"project\":{\"id\":1,\"value\":\"dev\"}}}}"));
    server.enqueue(Responses.ok("{\"message\":\"ok\",\"new_var_ids\":[5],\"deleted_var_ids\":[]}"));
    EnvironmentVariable before =
        new EnvironmentVariableApi(client, 1, 7).read().variables().get("DBT_TARGET");
    server.takeRequest();

    new EnvironmentVariableApi(client, 1, 7)
        .update(
            before,
            EnvironmentVariable.draft(1, 7, "DBT_TARGET")
                .withValue("project", "dev2")
                .withValue("Production", "prod"));

    RecordedRequest put = server.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getPath())
        .isEqualTo("/api/v3/accounts/1/projects/7/environment-variables/bulk/");
    assertThat(put.getBody().readUtf8())
        .isEqualTo(
            "{\"env_vars\":{\"name\":\"DBT_TARGET\",\"1\":\"dev2\",\"Production\":\"prod\"}}");
  }

  @Test
  void readsOnlyTheJobsOwnOverridesFromTheJobView() {
    server.enqueue(
        Responses.ok(
            "{\"DBT_A\":{\"project\":{\"id\":1,\"value\":\"p\"},\"job\":{\"id\":9,\"value\":\"j\"}},"
                + "\"DBT_B\":{\"environment\":{\"id\":2,\"value\":\"e\"}}}"));

    List<JobEnvironmentVariable> overrides = new JobVariableApi(client, 1, 7).list(900);

    assertThat(overrides)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.name()).isEqualTo("DBT_A");
              assertThat(v.id()).isEqualTo(9L);
              assertThat(v.value()).isEqualTo("j");
              assertThat(v.jobId()).isEqualTo(900L);
            });
  }

  @Test
  void acceptsADeleteAnsweredWith204() {
    server.enqueue(new MockResponse().setResponseCode(204));

    new JobApi(client, 1).delete(900);

    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
