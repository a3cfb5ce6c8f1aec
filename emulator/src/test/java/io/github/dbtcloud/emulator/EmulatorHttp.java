package io.github.dbtcloud.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JDK HTTP client for the emulator's own tests, so they share nothing with core. */
public final class EmulatorHttp {

  public static final String DEMO_TOKEN = "dbtc_emulator_demo_token";
  public static final String ACCOUNT = "70403103900001";
  public static final String PROJECT = "70403103900002";
  public static final long DEVELOPMENT = 70403103900010L;
  public static final long PRODUCTION = 70403103900011L;
  public static final String ENVS =
      "/api/v3/accounts/" + ACCOUNT + "/projects/" + PROJECT + "/environments/";
  public static final String JOBS = "/api/v2/accounts/" + ACCOUNT + "/jobs/";
  public static final String VARS =
      "/api/v3/accounts/" + ACCOUNT + "/projects/" + PROJECT + "/environment-variables/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final String baseUrl;
  private final String authorization;

  public EmulatorHttp(DbtCloudEmulator emulator, String authorization) {
    this(
        emulator,
        authorization,
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
  }

  public EmulatorHttp(DbtCloudEmulator emulator, String authorization, HttpClient client) {
    this.baseUrl = emulator.baseUrl();
    this.authorization = authorization;
    this.client = client;
  }

  /** The demo token, as {@code Token x}. */
  public static EmulatorHttp demo(DbtCloudEmulator emulator) {
    return new EmulatorHttp(emulator, "Token " + DEMO_TOKEN);
  }

  /** A response: status, parsed body (null when empty) and headers. */
  public record Answer(int status, JsonNode body, HttpHeaders headers) {
    /** {@code data} of the envelope. */
    public JsonNode data() {
      return body.path("data");
    }
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  public Answer post(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer put(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
  }

  public Answer delete(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Sends a request, failing with an I/O error as it comes (for fault tests). */
  public HttpResponse<String> raw(HttpRequest.Builder builder, Duration timeout)
      throws IOException, InterruptedException {
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return client.send(builder.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The URI of a path on this emulator. */
  public URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private Answer send(HttpRequest.Builder builder) {
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Answer(
          response.statusCode(), body.isEmpty() ? null : JSON.readTree(body), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
