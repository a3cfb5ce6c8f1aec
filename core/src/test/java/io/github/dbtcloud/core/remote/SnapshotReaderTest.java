package io.github.dbtcloud.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.core.api.ClientSettings;
import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.config.AccountSpec;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.EnvVarSpec;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.OwnershipSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.plan.ResourceKinds;
import io.github.dbtcloud.core.resource.ScopeException;
import io.github.dbtcloud.core.resource.Snapshot;
import io.github.dbtcloud.core.resource.environment.EnvironmentKind;
import io.github.dbtcloud.core.resource.job.JobKind;
import io.github.dbtcloud.core.resource.job.JobVariableKind;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariableKind;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotReaderTest {

  private static final String OK =
      "{\"status\":{\"code\":200,\"is_success\":true,\"user_message\":\"Success!\","
          + "\"developer_message\":\"\"},";

  private final Map<String, String> routes = new ConcurrentHashMap<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private MockWebServer server;
  private volatile boolean projectAnswersAfterAListing;
  private volatile boolean listingBeforeProjectAnswer;
  private AdminClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getRequestUrl().encodedPath();
            seen.add(
                path
                    + (request.getRequestUrl().queryParameter("job_definition_id") == null
                        ? ""
                        : "?job=" + request.getRequestUrl().queryParameter("job_definition_id")));
            if (projectAnswersAfterAListing && path.equals("/api/v3/accounts/1/projects/7/")) {
              listingBeforeProjectAnswer = aListingArrives();
            }
            String body = routes.get(path);
            if (body == null) {
              return new MockResponse()
                  .setResponseCode(404)
                  .setBody(
                      "{\"status\":{\"code\":404,\"is_success\":false,"
                          + "\"user_message\":\"The requested resource was not found. Please check that you have the proper"
                          + " permissions.\",\"developer_message\":\"\"},\"data\":null}");
            }
            return new MockResponse().setBody(body);
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
    client =
        AdminClient.create(
            ClientSettings.of(server.url("/").toString(), new ApiToken("t"), "test"));
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.shutdown();
  }

  private boolean aListingArrives() {
    long until = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < until) {
      if (seen.stream().anyMatch(p -> p.endsWith("/environments/") || p.endsWith("/jobs/"))) {
        return true;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static String one(String data) {
    return OK + "\"data\":" + data + "}";
  }

  private static String list(String... items) {
    return OK
        + "\"data\":["
        + String.join(",", items)
        + "],\"extra\":{\"pagination\":{\"count\":"
        + items.length
        + ",\"total_count\":"
        + items.length
        + "}}}";
  }

  private void project(long id, String name, String envs, String jobs) {
    routes.put(
        "/api/v3/accounts/1/projects/" + id + "/",
        one("{\"id\":" + id + ",\"name\":\"" + name + "\"}"));
    routes.put("/api/v3/accounts/1/projects/" + id + "/environments/", envs);
    routes.put("/api/v2/accounts/1/jobs/", jobs);
  }

  private SnapshotReader reader() {
    return new SnapshotReader(client, ResourceKinds.all());
  }

  private Snapshot read(DesiredState desired) {
    return reader().read(desired, Set.of());
  }

  private static DesiredState file(ProjectSpec project) {
    return new DesiredState(
        1,
        new AccountSpec(1, null, SourcePosition.NONE),
        OwnershipSpec.defaults(),
        Map.of(project.key(), project),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        "");
  }

  private static ProjectSpec byId(
      long id, Map<String, EnvVarSpec> vars, Map<String, JobSpec> jobs) {
    return new ProjectSpec(
        "shop",
        id,
        null,
        Map.of(),
        vars,
        jobs,
        new SourcePosition(java.nio.file.Path.of("dbt-cloud.yml"), 5, 3));
  }

  private static JobSpec jobWithOverrides(String key) {
    return JobSpec.builder()
        .key(key)
        .environment("prod")
        .executeSteps(List.of("dbt build"))
        .envVars(Map.of("DBT_X", "1"))
        .build();
  }

  @Test
  void tellsTheClientHowManyPagesAfterTheFirstTheFilesListingsWillNeed() {
    project(7, "Shop", list("{\"id\":70,\"name\":\"Production\"}"), list());
    Map<String, JobSpec> jobs = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 250; i++) {
      jobs.put(
          "j" + i,
          JobSpec.builder()
              .key("j" + i)
              .environment("prod")
              .executeSteps(List.of("dbt build"))
              .build());
    }
    List<Integer> hints = new CopyOnWriteArrayList<>();
    WireApi hinted =
        (WireApi)
            Proxy.newProxyInstance(
                WireApi.class.getClassLoader(),
                new Class<?>[] {WireApi.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("expectPages")) {
                    hints.add((Integer) args[0]);
                    return null;
                  }
                  try {
                    return method.invoke(client, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });

    new SnapshotReader(hinted, ResourceKinds.all()).read(file(byId(7, Map.of(), jobs)), Set.of());

    // 250 jobs are three pages, two after the first; no environment is declared
    assertThat(hints).containsExactly(2);
    // the project, its environments and its jobs, whose listing also asked for the two pages the
    // file's 250 jobs would fill, with its first: this account has none of them yet
    assertThat(seen).hasSize(5);
    assertThat(seen.stream().filter(r -> r.contains("/jobs/"))).hasSize(3);
  }

  @Test
  void readsAProjectWithItsEnvironmentsAndJobsInThreeRequests() {
    project(
        7,
        "Shop",
        list("{\"id\":70,\"name\":\"Production\"}"),
        list("{\"id\":900,\"environment_id\":70,\"name\":\"n\",\"description\":\"[[n]]\"}"));

    Snapshot state = read(file(byId(7, Map.of(), Map.of())));

    assertThat(state.part(EnvironmentKind.INSTANCE, "shop").all()).hasSize(1);
    assertThat(state.part(JobKind.INSTANCE, "shop").all()).hasSize(1);
    assertThat(state.part(EnvironmentVariableKind.INSTANCE, "shop")).isNull();
    assertThat(state.host()).isEqualTo(server.url("/").toString());
    assertThat(seen).hasSize(3);
  }

  @Test
  void readsVariablesOnlyWhenTheFileDeclaresSomeAndOverridesOnlyOfManagedJobsThatSetThem() {
    project(
        7,
        "Shop",
        list("{\"id\":70,\"name\":\"Production\"}"),
        list(
            "{\"id\":900,\"environment_id\":70,\"name\":\"n\",\"description\":\"[[nightly]]\"}",
            "{\"id\":901,\"environment_id\":70,\"name\":\"hand made\",\"description\":\"\"}"));
    routes.put(
        "/api/v3/accounts/1/projects/7/environment-variables/environment/",
        one("{\"environments\":[\"project\",\"Production\"],\"variables\":{}}"));
    routes.put("/api/v3/accounts/1/projects/7/environment-variables/job/", one("{}"));
    EnvVarSpec var = new EnvVarSpec("DBT_TARGET", "dev", Map.of(), SourcePosition.NONE);

    Snapshot state =
        read(
            file(
                byId(
                    7, Map.of("DBT_TARGET", var), Map.of("nightly", jobWithOverrides("nightly")))));

    assertThat(state.part(EnvironmentVariableKind.INSTANCE, "shop").scopes())
        .containsExactly("project", "Production");
    assertThat(state.part(JobVariableKind.INSTANCE, "shop")).containsOnlyKeys(900L);
    assertThat(seen)
        .contains("/api/v3/accounts/1/projects/7/environment-variables/job/?job=900")
        .doesNotContain("/api/v3/accounts/1/projects/7/environment-variables/job/?job=901");
  }

  @Test
  void aProjectTheTokenCannotSeeStopsWithTheLikelyCauses() {
    assertThatThrownBy(() -> read(file(byId(8, Map.of(), Map.of()))))
        .isInstanceOf(ScopeException.class)
        .hasMessageContaining("project shop (id 8, dbt-cloud.yml:5:3)")
        .hasMessageContaining(
            "answered 404 to GET /api/v3/accounts/1/projects/8/, so no plan was made")
        .hasMessageContaining("the token's permissions do not cover this project")
        .hasMessageContaining("the host is not your account's own");
    // the listings of a project the file names by id are read while the project is fetched; the
    // message is still the project's, whichever answer came first
    assertThat(seen).contains("/api/v3/accounts/1/projects/8/").hasSizeLessThanOrEqualTo(3);
  }

  @Test
  void theListingsOfAProjectNamedByIdStartWithoutWaitingForTheProject() {
    project(7, "Shop", list("{\"id\":70,\"name\":\"Production\"}"), list());
    projectAnswersAfterAListing = true;

    Snapshot state = read(file(byId(7, Map.of(), Map.of())));

    assertThat(state.projects()).containsKey("shop");
    assertThat(listingBeforeProjectAnswer).isTrue();
  }

  @Test
  void aJobInAnEnvironmentTheListingLacksStopsThePlanAfterOneMoreRead() {
    project(
        7,
        "Shop",
        list("{\"id\":70,\"name\":\"Production\"}"),
        list("{\"id\":900,\"environment_id\":71,\"name\":\"n\",\"description\":\"\"}"));

    assertThatThrownBy(() -> read(file(byId(7, Map.of(), Map.of()))))
        .isInstanceOf(ScopeException.class)
        .hasMessageContaining(
            "job(s) 900 (environment 71) run in environments missing from that listing")
        .hasMessageContaining("would create environments that already exist");
    assertThat(seen).filteredOn(p -> p.endsWith("/environments/")).hasSize(2);
  }

  @Test
  void findsAProjectByNameAndListsTheVisibleOnesWhenItIsNotThere() {
    routes.put(
        "/api/v3/accounts/1/projects/",
        list("{\"id\":7,\"name\":\"Shop\"}", "{\"id\":8,\"name\":\"Other\"}"));
    ProjectSpec byName =
        new ProjectSpec("shop", null, "Shopp", Map.of(), Map.of(), Map.of(), SourcePosition.NONE);

    assertThatThrownBy(() -> read(file(byName)))
        .isInstanceOf(ScopeException.class)
        .hasMessageContaining("no project named \"Shopp\" is visible to this token")
        .hasMessageContaining("\"Shop\" (id 7)")
        .hasMessageContaining("use 'id:' instead");
  }

  @Test
  void readsOnlyTheSelectedProjects() {
    project(7, "Shop", list(), list());

    Snapshot state = reader().read(file(byId(7, Map.of(), Map.of())), Set.of("elsewhere"));

    assertThat(state.projects()).isEmpty();
    assertThat(seen).isEmpty();
  }
}
