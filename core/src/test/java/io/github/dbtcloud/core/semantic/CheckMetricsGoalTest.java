package io.github.dbtcloud.core.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.TestResources;
import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.core.api.FakeTime;
import io.github.dbtcloud.core.api.SemanticLayerException;
import io.github.dbtcloud.core.config.InvalidDesiredStateException;
import io.github.dbtcloud.core.config.SemanticLayerSettings;
import io.github.dbtcloud.core.goal.Build;
import io.github.dbtcloud.core.goal.Builds;
import io.github.dbtcloud.core.goal.CheckMetricsGoal;
import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.Time;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import javax.xml.parsers.DocumentBuilderFactory;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class CheckMetricsGoalTest {

  private static final String TOKEN = "dbtc_check_metrics_token";

  @TempDir Path dir;

  private MockWebServer server;
  private final FakeSemanticLayer sl = new FakeSemanticLayer();
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final FakeTime time = new FakeTime();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(sl);
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private Console console() {
    return new Console() {
      @Override
      public void info(String line) {
        lines.add(line);
      }

      @Override
      public void warn(String line) {
        lines.add("WARN " + line);
      }

      @Override
      public void debug(String line) {}
    };
  }

  private Build target(String semanticLayer) throws IOException {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(
        file,
        """
        version: 1
        account:
          id: 1
        projects:
          shop:
            id: 7
            environments:
              prod: { name: Production, type: deployment, deployment_type: production }
        """
            + semanticLayer);
    return Builds.connected(file, Map.of(), server.url("/").toString(), new ApiToken(TOKEN));
  }

  private static SemanticLayerSettings options() {
    return SemanticLayerSettings.fromBuild(null, null);
  }

  /** The goal on this test's fake time and console. */
  private final class Command {
    private GoalContext open(Build build) {
      return GoalContext.open(build, console(), new Time(time, time, action -> () -> {}));
    }

    MetricCheckReport run(Build build, SemanticLayerSettings settings) {
      try (GoalContext context = open(build)) {
        return new CheckMetricsGoal(settings).run(context);
      }
    }

    java.util.Optional<MetricCheckReport> runIfConfigured(
        Build build, SemanticLayerSettings settings) {
      try (GoalContext context = open(build)) {
        return new CheckMetricsGoal(settings).runIfConfigured(context);
      }
    }
  }

  private MetricCheckReport check(String semanticLayer) throws IOException {
    return check(semanticLayer, options());
  }

  private MetricCheckReport check(String semanticLayer, SemanticLayerSettings options)
      throws IOException {
    return new Command().run(target(semanticLayer), options);
  }

  private Document report() throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(dir.resolve("target/dbt/semantic-layer/TEST-dbt-metrics.xml").toFile());
  }

  @Test
  void compilesEveryMetricGroupedByMetricTimeAtTheGrainAndWritesAPassingReport() throws Exception {
    sl.metric("revenue").metric("orders");

    MetricCheckReport report =
        check("semantic_layer: { environment: \"555\", metrics: all, grain: month }\n");

    assertThat(report.passed()).isTrue();
    assertThat(report.results())
        .extracting(MetricResult::metric)
        .containsExactly("revenue", "orders");
    assertThat(sl.compiled)
        .hasSize(2)
        .allSatisfy(
            v -> {
              assertThat(v.get("environmentId").asLong()).isEqualTo(555);
              assertThat(v.get("groupBy").toString())
                  .isEqualTo("[{\"name\":\"metric_time\",\"timeGranularity\":\"month\"}]");
            });
    assertThat(lines).anyMatch(l -> l.matches("  OK +revenue +compiled \\(\\d+ ms\\)"));
    assertThat(lines).contains("Semantic Layer: 2 OK, 0 failed, 0 missing (3 requests).");
    Document xml = report();
    assertThat(xml.getDocumentElement().getAttribute("name")).isEqualTo("dbt-metrics");
    assertThat(xml.getDocumentElement().getAttribute("tests")).isEqualTo("2");
    assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("0");
  }

  @Test
  void failsTheBuildNamingTheBrokenMetricAndQuotingTheServer() throws Exception {
    sl.metric("revenue").metric("margin");
    sl.brokenMetrics.put(
        "margin",
        "Unable to compile metric `margin`: measure `gross` is not defined.\nsecond line");

    MetricCheckFailedException failure =
        catchThrowableOfType(
            MetricCheckFailedException.class,
            () -> check("semantic_layer: { environment: \"555\" }\n"));

    assertThat(failure).isInstanceOf(DbtCloudException.class);
    assertThat(failure.getMessage())
        .contains(
            "Semantic Layer check failed in environment id 555: 1 OK, 1 failed, 0 missing of 2 metric(s).")
        .contains(
            "- margin FAILED: Unable to compile metric `margin`: measure `gross` is not defined.\n      second line")
        .contains("dbt-cloud.yml:");
    assertThat(lines)
        .anyMatch(
            l -> l.startsWith("WARN   FAILED  margin") && l.contains("Unable to compile metric"));
    Document xml = report();
    assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    assertThat(
            xml.getElementsByTagName("failure")
                .item(0)
                .getAttributes()
                .getNamedItem("message")
                .getNodeValue())
        .isEqualTo("FAILED: Unable to compile metric `margin`: measure `gross` is not defined.");
  }

  @Test
  void reportsAnExpectedMetricThatDoesNotExistWithoutCompilingIt() throws Exception {
    sl.metric("revenue").metric("orders");

    MetricCheckFailedException failure =
        catchThrowableOfType(
            MetricCheckFailedException.class,
            () -> check("semantic_layer: { environment: \"555\", metrics: [revenue, churn] }\n"));

    assertThat(failure.getMessage())
        .contains("- churn MISSING: no metric named 'churn'")
        .contains("it serves revenue, orders");
    assertThat(sl.compiled)
        .extracting(v -> v.at("/metrics/0/name").asText())
        .containsExactly("revenue");
    assertThat(report().getDocumentElement().getAttribute("tests")).isEqualTo("2");
  }

  @Test
  void appliesTheGrainToTimeDimensionsAndNotToCategoricalOnes() throws Exception {
    sl.metric("revenue", "order__ordered_at");

    check(
        "semantic_layer:\n  environment: \"555\"\n  grain: week\n  dimensions: [customer__region, order__ordered_at]\n");

    assertThat(sl.compiled.get(0).get("groupBy").toString())
        .isEqualTo(
            "[{\"name\":\"metric_time\",\"timeGranularity\":"
                + "\"week\"},{\"name\":\"customer__region\"},{\"name\":\"order__ordered_at\",\"timeGranularity\":\"week\"}]");
  }

  @Test
  void compilesAtMostParallelismMetricsAtOnce() throws Exception {
    sl.metric("a").metric("b").metric("c").metric("d");
    sl.compileBarrier = new CyclicBarrier(2);

    check("semantic_layer: { environment: \"555\", parallelism: 2 }\n");

    assertThat(sl.maxInFlight.get()).isEqualTo(2);
    assertThat(sl.compiled).hasSize(4);
  }

  @Test
  void stopsOnARefusedTokenInsteadOfBlamingTheMetrics() {
    sl.metric("revenue");
    sl.refuseToken = true;

    SemanticLayerException e =
        catchThrowableOfType(
            SemanticLayerException.class,
            () -> check("semantic_layer: { environment: \"555\" }\n"));

    assertThat(e.notAuthorized()).isTrue();
    assertThat(e.getMessage()).contains("User is not authorized").doesNotContain(TOKEN);
    assertThat(dir.resolve("target/dbt/semantic-layer/TEST-dbt-metrics.xml")).doesNotExist();
  }

  @Test
  void findsAnEnvironmentKeyOfTheFileInDbtCloudByItsName() throws Exception {
    sl.metric("revenue");
    sl.environmentsJson =
        "[{\"id\":4242,\"name\":\"Staging\"},{\"id\":4243,\"name\":\"Production\"}]";

    MetricCheckReport report = check("semantic_layer: { environment: prod }\n");

    assertThat(report.environmentId()).isEqualTo(4243);
    assertThat(report.environment()).isEqualTo("prod \"Production\" (id 4243)");
    assertThat(sl.compiled.get(0).get("environmentId").asLong()).isEqualTo(4243);
  }

  /**
   * The same environment key in two projects: shop (id 2) and finance (id 9, with legacy matched by
   * id).
   */
  private Build twoProjects(String semanticLayer) throws IOException {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, TestResources.text("two-projects.yml") + semanticLayer);
    return Builds.connected(file, Map.of(), server.url("/").toString(), new ApiToken(TOKEN));
  }

  private MetricCheckReport check(Build target) {
    return new Command().run(target, options());
  }

  @Test
  void anEnvironmentKeyOfTwoProjectsWithoutAProjectIsRefusedNamingBothBeforeAskingTheServer() {
    InvalidDesiredStateException failure =
        catchThrowableOfType(
            InvalidDesiredStateException.class,
            () -> check(twoProjects("semantic_layer: { environment: prod }\n")));

    assertThat(failure.getMessage())
        .contains(
            "semantic_layer.environment: environment key 'prod' is declared in"
                + " projects shop and finance; add project: <key> to say which");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anEnvironmentKeyOfTwoProjectsResolvesInTheProjectTheFileNames() throws Exception {
    sl.metric("revenue");
    sl.environmentsJson =
        "[{\"id\":4243,\"name\":\"Production\"},{\"id\":4245,\"name\":\"Finance Production\"}]";

    MetricCheckReport report =
        check(twoProjects("semantic_layer: { environment: prod, project: finance }\n"));

    assertThat(report.environmentId()).isEqualTo(4245);
    assertThat(report.environment()).isEqualTo("finance/prod \"Finance Production\" (id 4245)");
    assertThat(sl.adminPaths)
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("/api/v3/accounts/1/projects/9/"));
  }

  @Test
  void findsAnEnvironmentTheFileMatchesByIdWithoutItsName() throws Exception {
    sl.metric("revenue");
    sl.environmentsJson = "[{\"id\":4244,\"name\":\"Old Prod\"}]";

    MetricCheckReport report = check(twoProjects("semantic_layer: { environment: legacy }\n"));

    assertThat(report.environment()).isEqualTo("legacy \"Old Prod\" (id 4244)");
  }

  @Test
  void saysWhenTheEnvironmentIsNotInDbtCloudYet() {
    sl.environmentsJson = "[{\"id\":4242,\"name\":\"Staging\"}]";

    DbtCloudException failure =
        catchThrowableOfType(
            DbtCloudException.class, () -> check("semantic_layer: { environment: prod }\n"));

    assertThat(failure.getMessage())
        .contains("no environment named \"Production\"")
        .contains("mvn dbt:apply");
  }

  @Test
  void refusesAnEnvironmentThatIsNeitherAKeyNorAnIdBeforeAskingTheServer() {
    InvalidDesiredStateException failure =
        catchThrowableOfType(
            InvalidDesiredStateException.class,
            () -> check("semantic_layer: { environment: prd }\n"));

    assertThat(failure.getMessage()).contains("'prd'").contains("did you mean 'prod'?");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void runsEachMetricAsAOneRowQueryWhenAskedAndFailsTheOneTheWarehouseRefuses() throws Exception {
    sl.metric("revenue").metric("refunds");
    sl.failingQueries.put("refunds", "Object 'FCT_REFUNDS' does not exist");

    MetricCheckFailedException failure =
        catchThrowableOfType(
            MetricCheckFailedException.class,
            () ->
                check(
                    "semantic_layer: { environment: \"555\" }\n",
                    SemanticLayerSettings.fromBuild(null, true)));

    assertThat(failure.getMessage())
        .contains("- refunds FAILED: query q-refunds FAILED: Object 'FCT_REFUNDS' does not exist");
    assertThat(lines)
        .anyMatch(l -> l.contains("revenue") && l.contains("query q-revenue SUCCESSFUL"));
    assertThat(sl.polls.get("q-revenue").get()).isEqualTo(3);
    assertThat(time.sleeps()).contains(Duration.ofMillis(500), Duration.ofMillis(575));
  }

  @Test
  void failsMetricsAllWhenTheSemanticLayerServesNone() {
    MetricCheckFailedException failure =
        catchThrowableOfType(
            MetricCheckFailedException.class,
            () -> check("semantic_layer: { environment: \"555\", metrics: all }\n"));

    assertThat(failure.getMessage()).contains("serves no metrics").contains("checks nothing");
  }

  @Test
  void refusesAnEmptyListOfMetricsBeforeAskingTheServer() {
    InvalidDesiredStateException failure =
        catchThrowableOfType(
            InvalidDesiredStateException.class,
            () -> check("semantic_layer: { environment: \"555\", metrics: [] }\n"));

    assertThat(failure.getMessage()).contains("the metrics list is empty").contains("metrics: all");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void usesTheOverriddenSemanticLayerUrl() throws Exception {
    sl.metric("revenue");

    MetricCheckReport report =
        check(
            "semantic_layer: { environment: \"555\" }\n",
            SemanticLayerSettings.fromBuild(server.url("/custom/graphql").toString(), null));

    assertThat(report.url()).endsWith("/custom/graphql");
    assertThat(server.takeRequest().getPath()).isEqualTo("/custom/graphql");
  }

  @Test
  void theApplyStepSkipsAFileWithoutASemanticLayerSectionAndTheGoalRefusesIt() throws IOException {
    Build target = target("");

    assertThat(new Command().runIfConfigured(target, options())).isEmpty();
    assertThat(lines).anyMatch(l -> l.contains("skipping the Semantic Layer check"));
    assertThat(
            catchThrowableOfType(
                MetricCheckFailedException.class, () -> new Command().run(target, options())))
        .hasMessageContaining("has no 'semantic_layer:' section");
    assertThat(server.getRequestCount()).isZero();
  }
}
