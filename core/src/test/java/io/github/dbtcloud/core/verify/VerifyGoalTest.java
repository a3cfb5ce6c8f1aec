package io.github.dbtcloud.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.TestResources;
import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.FakeTime;
import io.github.dbtcloud.core.api.RetryPolicy;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.config.VerifySettings;
import io.github.dbtcloud.core.goal.Build;
import io.github.dbtcloud.core.goal.Builds;
import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.Time;
import io.github.dbtcloud.core.goal.VerifyGoal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.parsers.DocumentBuilderFactory;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class VerifyGoalTest {

  private static final String FILE =
      """
      version: 1
      account:
        id: 1
      projects:
        shop:
          id: 2
          environments:
            prod: { name: Production, type: deployment, deployment_type: production }
          jobs:
            nightly:
              environment: prod
              execute_steps: [dbt build]
      verify:
        job: nightly
      %s
      """;

  @TempDir Path dir;

  private final FakeTime clock = new FakeTime();
  private final List<Duration> sleeps = new ArrayList<>();
  private final RecordingConsole console = new RecordingConsole();
  private final AtomicReference<Runnable> shutdownHook = new AtomicReference<>();
  private Sleeper sleeper =
      d -> {
        sleeps.add(d);
        clock.sleep(d);
      };
  private MockWebServer http;
  private FakeRunServer dbt;

  @BeforeEach
  void start() throws IOException {
    dbt = new FakeRunServer(clock);
    http = new MockWebServer();
    http.setDispatcher(dbt);
    http.start(java.net.InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    Thread.interrupted();
    http.shutdown();
  }

  /** A console that remembers each line with the fake time it was printed at. */
  final class RecordingConsole implements Console {
    final List<String> lines = new ArrayList<>();
    final List<Instant> times = new ArrayList<>();

    @Override
    public void info(String line) {
      lines.add(line);
      times.add(clock.instant());
    }

    @Override
    public void warn(String line) {
      info("WARN " + line);
    }

    @Override
    public void debug(String line) {}

    String text() {
      return String.join("\n", lines);
    }
  }

  /** The goal on this test's fake time, console and shutdown hooks. */
  private final class Command {
    private GoalContext open(Build build) {
      return GoalContext.open(
          build,
          console,
          new Time(
              clock,
              d -> sleeper.sleep(d),
              action -> {
                shutdownHook.set(action);
                return () -> shutdownHook.set(null);
              }));
    }

    VerifyResult run(Build build, VerifySettings settings) {
      try (GoalContext context = open(build)) {
        return new VerifyGoal(settings).run(context);
      }
    }

    java.util.Optional<VerifyResult> runIfConfigured(Build build, VerifySettings settings) {
      try (GoalContext context = open(build)) {
        return new VerifyGoal(settings).runIfConfigured(context);
      }
    }
  }

  private Command command() {
    return new Command();
  }

  private Build target(String verifyExtras, Map<String, String> env) throws IOException {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, FILE.formatted(verifyExtras.indent(2)));
    return Builds.connected(file, env, http.url("/").toString(), new ApiToken("dbtc_test"));
  }

  private Path report() {
    return dir.resolve("target/dbt/verification/TEST-dbt-verification.xml");
  }

  private static VerifySettings options() {
    return VerifySettings.none();
  }

  private static VerifySettings job(String job) {
    return VerifySettings.builder().job(job).build();
  }

  private VerifyResult verify(String verifyExtras) throws IOException {
    return command().run(target(verifyExtras, Map.of()), options());
  }

  private VerificationFailedException failure(String verifyExtras) {
    return catchThrowableOfType(VerificationFailedException.class, () -> verify(verifyExtras));
  }

  @Test
  void followsASuccessfulRunPrintingEachStatusChangeAndEachFinishedStep() throws IOException {
    VerifyResult result = verify("poll_min: 500ms");

    assertThat(console.lines)
        .containsSubsequence(
            "Verification: triggering job nightly (\"Nightly build\", id 42) in dbt Cloud",
            "  cause: Verification by dbt-maven-plugin: com.acme:analytics 1.4.0",
            "Run 9000000001: https://ab123.us1.dbt.com/deploy/1/projects/2/runs/9000000001/",
            "  Queued",
            "  Starting",
            "  Running",
            "    Step 1 Clone git repository: Success (2.0 s)",
            "    Step 2 Invoke dbt with `dbt build`: Success (5.0 s)",
            "Run 9000000001: Success in 9.0 s, 2.0 s of it queued. https://ab123.us1.dbt.com/deploy/1/projects/2/runs/9000000001/");
    assertThat(result.runId()).isEqualTo(FakeRunServer.RUN);
    assertThat(result.duration()).isEqualTo(Duration.ofSeconds(9));
    assertThat(dbt.requests).contains("POST /api/v2/accounts/1/jobs/42/run/");
    assertThat(dbt.requests)
        .anyMatch(
            r ->
                r.contains("include_related=%5B%22run_steps%22%5D")
                    || r.contains("include_related=[%22run_steps%22]"));
    assertThat(dbt.cancelled()).isFalse();
  }

  @Test
  void sendsTheTriggerOverridesAndOnlyTheOnesGiven() throws IOException {
    verify(
        """
        cause: release 1.4.0
        git_branch: release/1.4
        schema_override: verify_140
        steps_override: ["dbt seed", "dbt build --select state:modified+,tag:nightly"]
        threads_override: 8
        """);

    String body = dbt.bodies.get(dbt.requests.indexOf("POST /api/v2/accounts/1/jobs/42/run/"));
    assertThat(body)
        .isEqualTo(
            "{\"cause\":\"release 1.4.0\",\"git_branch\":\"release/1.4\","
                + "\"schema_override\":\"verify_140\",\"threads_override\":8,"
                + "\"steps_override\":[\"dbt seed\",\"dbt build --select state:modified+,tag:nightly\"]}");
  }

  @Test
  void pollsATenMinuteRunFewerThanSixtyTimesAndBeatsTheHeartAtMostEvery30Seconds()
      throws IOException {
    dbt.steps =
        List.of(
            new FakeRunServer.Step(
                "Invoke dbt with `dbt build`", Duration.ofMinutes(10), 10, "ok"));

    VerifyResult result = verify("");

    long polls = dbt.polls();
    System.out.println(
        "verification polls for a 10-minute run (defaults 2s..30s): "
            + polls
            + "; total requests "
            + dbt.requests.size());
    assertThat(polls).isLessThan(60).isEqualTo(result.polls());
    assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(30)));
    List<Instant> beats = new ArrayList<>();
    for (int i = 0; i < console.lines.size(); i++) {
      if (console.lines.get(i).startsWith("  Still running after")) {
        beats.add(console.times.get(i));
      }
    }
    assertThat(beats).hasSizeBetween(15, 20);
    for (int i = 1; i < beats.size(); i++) {
      assertThat(Duration.between(beats.get(i - 1), beats.get(i)))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }
    assertThat(console.text())
        .contains("  Still running after 1m 02s: step 1 Invoke dbt with `dbt build` for 1m 00s");
  }

  @Test
  void aFailedRunFailsTheBuildWithTheFailingStepItsLogTailAndTheFailedNodes()
      throws IOException, Exception {
    dbt.steps =
        List.of(
            new FakeRunServer.Step("Clone git repository", Duration.ofSeconds(1), 10, "cloned"),
            new FakeRunServer.Step(
                "Invoke dbt with `dbt build`",
                Duration.ofSeconds(3),
                20,
                "1 of 2 OK model stg_orders\\n2 of 2 ERROR model orders\\n\\nDone. PASS=1 WARN=0 ERROR=1 SKIP=0 TOTAL=2"));
    dbt.runResults =
        """
        {"results": [
          {"unique_id": "model.shop.stg_orders", "status": "success", "message": "SUCCESS 1"},
          {"unique_id": "model.shop.orders", "status": "error",
           "message": "Database Error in model orders (models/orders.sql)\\n  relation raw.orders does not exist"},
          {"unique_id": "test.shop.unique_orders_id", "status": "fail", "message": "Got 2 results"}]}""";

    VerificationFailedException failure = failure("");

    assertThat(failure.kind()).isEqualTo(VerificationFailedException.Kind.FAILED);
    assertThat(failure.getMessage())
        .contains(
            "run 9000000001 of job nightly ended in Error at step 2 "
                + "\"Invoke dbt with `dbt build`\"; failed nodes: model.shop.orders (error), test.shop.unique_orders_id (fail)")
        .contains("https://ab123.us1.dbt.com/deploy/1/projects/2/runs/9000000001/");
    assertThat(console.lines)
        .containsSubsequence(
            "    Step 2 Invoke dbt with `dbt build`: Error (3.0 s)",
            "WARN Failing step 2 \"Invoke dbt with `dbt build`\". Last 4 lines of its log:",
            "  | 1 of 2 OK model stg_orders",
            "  | Done. PASS=1 WARN=0 ERROR=1 SKIP=0 TOTAL=2",
            "WARN Failed nodes (run_results.json of step 2):",
            "WARN   error  model.shop.orders: Database Error in model orders (models/orders.sql)",
            "WARN            relation raw.orders does not exist",
            "WARN   fail   test.shop.unique_orders_id: Got 2 results");
    assertThat(dbt.requests)
        .contains("GET /api/v2/accounts/1/runs/9000000001/artifacts/run_results.json?step=2");

    Document xml =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report().toFile());
    Element suite = xml.getDocumentElement();
    assertThat(suite.getAttribute("name")).isEqualTo("dbt-verification");
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    NodeList failures = xml.getElementsByTagName("failure");
    Element failed = (Element) failures.item(0);
    assertThat(((Element) failed.getParentNode()).getAttribute("name"))
        .isEqualTo("Step 2: Invoke dbt with `dbt build`");
    assertThat(failed.getAttribute("message"))
        .contains("ended in Error")
        .contains("model.shop.orders (error)");
    assertThat(failed.getTextContent())
        .contains("Done. PASS=1")
        .contains("relation raw.orders does not exist");
  }

  @Test
  void aRunCancelledBySomeoneElseFailsAndSaysSo() {
    dbt.steps =
        List.of(
            new FakeRunServer.Step("Invoke dbt with `dbt build`", Duration.ofMinutes(5), 10, "ok"));
    dbt.cancelledElsewhereAfter = Duration.ofSeconds(20);

    VerificationFailedException failure = failure("");

    assertThat(failure.kind()).isEqualTo(VerificationFailedException.Kind.CANCELLED_ELSEWHERE);
    assertThat(failure.getMessage())
        .contains("was cancelled by someone or something other than this build");
    assertThat(console.text())
        .contains(
            "Cancelled by someone or something other than this build after 20.0 s"
                + " (Cancelled by user.)");
    assertThat(dbt.cancelled()).as("this build sent no cancel").isFalse();
  }

  @Test
  void aTimeoutCancelsTheRunAndFails() {
    dbt.steps =
        List.of(
            new FakeRunServer.Step(
                "Invoke dbt with `dbt build`", Duration.ofMinutes(10), 10, "ok"));

    VerificationFailedException failure = failure("timeout: 45s");

    assertThat(failure.kind()).isEqualTo(VerificationFailedException.Kind.TIMED_OUT);
    assertThat(failure.getMessage())
        .contains("did not finish within 45.0 s; it was cancelled")
        .contains("raise 'timeout' in the verify section");
    assertThat(dbt.cancelled()).isTrue();
    assertThat(console.text())
        .contains(
            "WARN Timed out after 45.0 s waiting for run 9000000001 (still Running);"
                + " cancelling it")
        .contains("WARN Cancelled run 9000000001.");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-25T10:00:45Z"));
  }

  @Test
  void aTimeoutWithCancelOnTimeoutOffLeavesTheRunRunning() {
    dbt.steps =
        List.of(
            new FakeRunServer.Step(
                "Invoke dbt with `dbt build`", Duration.ofMinutes(10), 10, "ok"));

    VerificationFailedException failure = failure("timeout: 45s\ncancel_on_timeout: false");

    assertThat(failure.kind()).isEqualTo(VerificationFailedException.Kind.TIMED_OUT);
    assertThat(failure.getMessage()).contains("it was left running");
    assertThat(dbt.cancelled()).isFalse();
  }

  @ParameterizedTest(name = "cancel of a finished run refused with 400: {0}")
  @ValueSource(booleans = {false, true})
  void aRunThatFinishesJustAsItIsCancelledCountsWithItsOwnOutcome(boolean refused)
      throws IOException {
    dbt.steps =
        List.of(
            new FakeRunServer.Step(
                "Invoke dbt with `dbt build`", Duration.ofSeconds(43), 10, "ok"));
    dbt.refuseCancel = refused;

    VerifyResult result = verify("timeout: 45s\npoll_min: 30s\npoll_max: 30s");

    assertThat(dbt.cancelled()).isTrue();
    assertThat(result.runId()).isEqualTo(FakeRunServer.RUN);
    assertThat(console.text()).contains("Success in 45.0 s");
  }

  @Test
  void anInterruptedBuildCancelsTheRunAndFails() {
    dbt.steps =
        List.of(
            new FakeRunServer.Step(
                "Invoke dbt with `dbt build`", Duration.ofMinutes(10), 10, "ok"));
    AtomicInteger naps = new AtomicInteger();
    sleeper =
        d -> {
          if (naps.incrementAndGet() == 4) {
            throw new InterruptedException("Ctrl-C");
          }
          clock.sleep(d);
        };

    VerificationFailedException failure = failure("");

    assertThat(failure.kind()).isEqualTo(VerificationFailedException.Kind.INTERRUPTED);
    assertThat(dbt.cancelled()).isTrue();
    assertThat(Thread.currentThread().isInterrupted())
        .as("the interrupt is kept for the caller")
        .isTrue();
    assertThat(console.text())
        .contains("Interrupted while waiting for run 9000000001; cancelling it");
  }

  @Test
  void aJvmShutdownWhileWaitingCancelsTheRun() {
    dbt.steps =
        List.of(
            new FakeRunServer.Step(
                "Invoke dbt with `dbt build`", Duration.ofMinutes(10), 10, "ok"));
    AtomicInteger naps = new AtomicInteger();
    sleeper =
        d -> {
          if (naps.incrementAndGet() == 4) {
            shutdownHook.get().run();
          }
          clock.sleep(d);
        };

    VerificationFailedException failure = failure("");

    assertThat(dbt.cancelled()).isTrue();
    assertThat(console.text())
        .contains("Build stopped: cancelled verification run 9000000001 in dbt Cloud.")
        .contains("Cancelled by this build");
    assertThat(failure.kind()).isEqualTo(VerificationFailedException.Kind.INTERRUPTED);
    assertThat(failure.getMessage()).contains("was cancelled because the build was stopped");
    assertThat(shutdownHook.get()).as("unregistered after the wait").isNull();
  }

  @Test
  void aRunQueuedBehindABusyJobSaysWhatItWaitsFor() throws IOException {
    dbt.queued = Duration.ofSeconds(40);
    dbt.blockedBy = List.of(8_000_000_007L);

    verify("");

    assertThat(console.lines)
        .contains(
            "  Queued behind run 8000000007 of the same job (dbt Cloud runs a job once at a"
                + " time; this run starts when that one ends)");
    assertThat(console.text())
        .contains("  Still queued after 30.0 s, waiting for run 8000000007 of the same job");
  }

  @Test
  void aRunThatIsQueuedFirstAndBlockedLaterStillSaysWhatItWaitsFor() throws IOException {
    dbt.queued = Duration.ofSeconds(10);
    dbt.blockedBy = List.of(8_000_000_007L);
    dbt.blockedFrom = Duration.ofSeconds(3);

    verify("");

    assertThat(console.lines)
        .containsSubsequence(
            "  Queued",
            "  Queued behind run 8000000007 of the same job (dbt"
                + " Cloud runs a job once at a time; this run starts when that one ends)",
            "  Running");
  }

  @Test
  void aTransientPollErrorIsRetriedByTheClientWithoutAWarning() throws IOException {
    dbt.failingPolls = RetryPolicy.DEFAULT.maxAttempts() - 1;

    VerifyResult result = verify("");

    assertThat(result.runId()).isEqualTo(FakeRunServer.RUN);
    assertThat(console.text()).doesNotContain("Could not read run");
  }

  @Test
  void aFewFailedPollsAreToleratedWithAWarning() throws IOException {
    // a poll fails once the client's own retries are exhausted
    dbt.failingPolls = 2 * RetryPolicy.DEFAULT.maxAttempts();

    VerifyResult result = verify("");

    assertThat(result.runId()).isEqualTo(FakeRunServer.RUN);
    assertThat(console.text())
        .contains("Could not read run 9000000001")
        .contains("trying again (2 of 5)");
  }

  @Test
  void tooManyFailedPollsInARowEndTheWait() {
    dbt.failingPolls = 6 * RetryPolicy.DEFAULT.maxAttempts();

    DbtCloudApiException error = catchThrowableOfType(DbtCloudApiException.class, () -> verify(""));

    assertThat(error.status()).isEqualTo(503);
  }

  @Test
  void aNumericJobIdIsUsedAsIs() throws IOException {
    command().run(target("", Map.of()), job("42"));

    assertThat(dbt.requests)
        .contains("GET /api/v2/accounts/1/jobs/42/")
        .noneMatch(r -> r.contains("project_id=2"));
    assertThat(console.text()).contains("triggering job (\"Nightly build\", id 42)");
  }

  @Test
  void aKeyThatIsNotInTheFileIsRefusedWithTheKeysThatAre() throws IOException {
    Build target = target("", Map.of());

    VerificationFailedException failure =
        catchThrowableOfType(
            VerificationFailedException.class, () -> command().run(target, job("weekly")));

    assertThat(failure.kind()).isEqualTo(VerificationFailedException.Kind.CONFIGURATION);
    assertThat(failure.getMessage())
        .contains(
            "'weekly', which is neither a job key in dbt-cloud.yml nor a numeric job"
                + " id. Jobs in the file: [shop/nightly]");
    assertThat(dbt.requests).noneMatch(r -> r.startsWith("POST"));
  }

  /**
   * The same job key in two projects: shop (id 2, which the fake server serves) and finance (id 9).
   */
  private Build twoProjects(String verify) throws IOException {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, TestResources.text("two-projects.yml") + verify);
    return Builds.connected(file, Map.of(), http.url("/").toString(), new ApiToken("dbtc_test"));
  }

  @Test
  void aJobKeyOfTwoProjectsFromTheBuildIsRefusedNamingBothBeforeAnythingIsSent()
      throws IOException {
    Build target = twoProjects("");

    VerificationFailedException failure =
        catchThrowableOfType(
            VerificationFailedException.class, () -> command().run(target, job("nightly")));

    assertThat(failure.kind()).isEqualTo(VerificationFailedException.Kind.CONFIGURATION);
    assertThat(failure.getMessage())
        .contains(
            "job key 'nightly' (the job parameter (dbt.verify.job)) is declared in"
                + " projects shop and finance; say which with -Ddbt.verify.job=shop/nightly");
    assertThat(dbt.requests).isEmpty();
  }

  @Test
  void aJobKeyOfTwoProjectsResolvesInTheProjectTheBuildNames() throws IOException {
    command().run(twoProjects(""), job("shop/nightly"));

    assertThat(dbt.requests)
        .anyMatch(r -> r.startsWith("GET /api/v2/accounts/1/jobs/?project_id=2"))
        .noneMatch(r -> r.contains("project_id=9"))
        .contains("POST /api/v2/accounts/1/jobs/42/run/");
  }

  @Test
  void aJobKeyOfTwoProjectsResolvesInTheProjectTheFileNames() throws IOException {
    VerifyResult result =
        command().run(twoProjects("verify: { job: nightly, project: shop }\n"), options());

    assertThat(result).isNotNull();
    assertThat(dbt.requests)
        .anyMatch(r -> r.startsWith("GET /api/v2/accounts/1/jobs/?project_id=2"))
        .noneMatch(r -> r.contains("project_id=9"));
  }

  @Test
  void aProjectTheBuildNamesMustDeclareTheJob() throws IOException {
    Build target = twoProjects("");

    VerificationFailedException failure =
        catchThrowableOfType(
            VerificationFailedException.class,
            () -> command().run(target, job("marketing/nightly")));

    assertThat(failure.getMessage())
        .contains(
            "'nightly', which is neither a job of project 'marketing' in"
                + " dbt-cloud.yml nor a numeric job id. Jobs in the file: [shop/nightly, finance/nightly]");
  }

  @Test
  void aJobNotYetAppliedAsksForAnApplyFirst() {
    dbt.jobDescription = "no marker here";

    VerificationFailedException failure = failure("");

    assertThat(failure.getMessage())
        .contains(
            "no job in dbt Cloud carries its marker [[nightly]] yet. Run 'mvn"
                + " dbt:apply' first");
  }

  @Test
  void withoutAVerifySectionOrJobThereIsNothingToVerify() throws IOException {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, FILE.formatted("").replace("verify:\n  job: nightly\n", ""));
    Build target = Builds.connected(file, Map.of(), http.url("/").toString(), new ApiToken("t"));

    VerificationFailedException failure =
        catchThrowableOfType(
            VerificationFailedException.class, () -> command().run(target, options()));
    boolean ran = command().runIfConfigured(target, options()).isPresent();

    assertThat(failure.getMessage())
        .contains("has no 'verify:' section")
        .contains("-Ddbt.verify.job=");
    assertThat(ran).isFalse();
    assertThat(dbt.requests).isEmpty();
  }

  @Test
  void theDefaultCauseLinksTheCiBuild() throws IOException {
    command()
        .run(
            target(
                "",
                Map.of(
                    "GITHUB_ACTIONS",
                    "true",
                    "GITHUB_SERVER_URL",
                    "https://github.com",
                    "GITHUB_REPOSITORY",
                    "acme/analytics",
                    "GITHUB_RUN_ID",
                    "777")),
            options());

    String body = dbt.bodies.get(dbt.requests.indexOf("POST /api/v2/accounts/1/jobs/42/run/"));
    assertThat(body)
        .isEqualTo(
            "{\"cause\":\"Verification by dbt-maven-plugin: com.acme:analytics 1.4.0"
                + " (https://github.com/acme/analytics/actions/runs/777)\"}");
  }
}
