package io.github.dbtcloud.emulator.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An emulator on a manual clock with two jobs, and a small JDK HTTP client for the run routes. */
final class RunsFixture implements AutoCloseable {

  static final long ACCOUNT = 70403103900001L;
  static final long NIGHTLY = 70403103900100L;
  static final long DOCS = 70403103900101L;
  static final String RUNS = "/api/v2/accounts/" + ACCOUNT + "/runs/";
  static final String TOKEN = "dbtc_runs_test_token";

  static final String SEED =
      """
      accounts: [{id: 70403103900001, name: Runs test}]
      tokens: [{token: dbtc_runs_test_token, account_id: 70403103900001}]
      projects: [{id: 70403103900002, account_id: 70403103900001, name: Jaffle Shop, repository_id: 3, connection_id: 4}]
      environments:
        - {id: 70403103900011, project_id: 70403103900002, name: Production, type: deployment,
           deployment_type: production, dbt_version: latest}
      jobs:
        - {id: 70403103900100, account_id: 70403103900001, project_id: 70403103900002,
           environment_id: 70403103900011, name: Nightly build, execute_steps: [dbt build]}
        - {id: 70403103900101, account_id: 70403103900001, project_id: 70403103900002,
           environment_id: 70403103900011, name: Docs, execute_steps: [dbt run], generate_docs: true}
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  final ManualClock clock;
  final DbtCloudEmulator emulator;
  private final HttpClient http = HttpClient.newHttpClient();

  RunsFixture(String extraSeed) {
    this(extraSeed, null, ManualClock.standing());
  }

  /** An emulator persisting to {@code stateFile} (null for none) on {@code clock}. */
  RunsFixture(String extraSeed, java.nio.file.Path stateFile, ManualClock clock) {
    this.clock = clock;
    DbtCloudEmulator.Builder builder =
        DbtCloudEmulator.builder().clock(clock).seedText(SEED + extraSeed);
    this.emulator = (stateFile == null ? builder : builder.stateFile(stateFile)).start();
  }

  RunsFixture() {
    this("");
  }

  /** A response: status, parsed JSON body (null when empty) and raw text. */
  record Answer(int status, JsonNode body, String text) {}

  void advance(double seconds) {
    clock.advance(Duration.ofMillis(Math.round(seconds * 1000)));
  }

  static String triggerPath(long jobId) {
    return "/api/v2/accounts/" + ACCOUNT + "/jobs/" + jobId + "/run/";
  }

  /** Triggers with {@code {"cause": "test"}} and returns the run id. */
  long trigger(long jobId, String bodyJson) {
    Answer a = post(triggerPath(jobId), bodyJson);
    if (a.status() != 200) {
      throw new AssertionError("trigger answered " + a.status() + ": " + a.text());
    }
    return a.body().at("/data/id").asLong();
  }

  long trigger(long jobId) {
    return trigger(jobId, "{\"cause\":\"test\"}");
  }

  JsonNode run(long id) {
    return get(RUNS + id + "/?include_related=[\"run_steps\",\"trigger\"]").body().get("data");
  }

  /**
   * GETs {@code path}; brackets and quotes in the query are sent percent-encoded, as clients do.
   */
  Answer get(String path) {
    String encoded =
        path.replace("\"", "%22").replace("[", "%5B").replace("]", "%5D").replace("'", "%27");
    return send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + encoded)).GET());
  }

  Answer post(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json)));
  }

  Answer delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).DELETE());
  }

  private Answer send(HttpRequest.Builder builder) {
    builder.header("Authorization", "Token " + TOKEN);
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Answer(response.statusCode(), body.isEmpty() ? null : JSON.readTree(body), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    emulator.close();
  }
}
