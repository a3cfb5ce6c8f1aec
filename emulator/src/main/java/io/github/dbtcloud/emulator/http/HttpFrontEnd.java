package io.github.dbtcloud.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.dbtcloud.emulator.faults.Fault;
import io.github.dbtcloud.emulator.faults.Faults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The JDK HTTP server in front of the router: decodes requests, applies injected faults and the
 * rate limit, journals every exchange, turns {@link ApiError}s into dbt Cloud's error envelope, and
 * a route's crash into the recorded 500.
 */
public final class HttpFrontEnd implements AutoCloseable {

  /**
   * The 500 text dbt Cloud gives, as recorded
   * (https://github.com/dbt-labs/terraform-provider-dbtcloud/issues/173).
   */
  public static final String SERVER_ERROR_MESSAGE =
      "There was a server error. Please contact support!";

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY every answer waits for
    // the client's delayed ACK (about 40 ms on Linux), which would make a page of jobs take 40 ms.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Router router;
  private final Journal journal;
  private final Runnable afterWrite;
  private final Options options;

  /**
   * How the front end behaves beyond routing.
   *
   * @param faults the fault injector and rate limiter
   * @param strictTrailingSlash answer a path without its trailing slash with a 301 to the slashed
   *     path, as Django's APPEND_SLASH did in 2021 (a client that follows it turns a POST into a
   *     GET, which gives the recorded 405 {@code {"detail": ...}}); off: both spellings work
   * @param listeners observers of every exchange
   */
  public record Options(
      Faults faults, boolean strictTrailingSlash, List<ExchangeListener> listeners) {
    public Options {
      listeners = List.copyOf(listeners);
    }
  }

  /** A front end without faults, lenient about trailing slashes. */
  public HttpFrontEnd(String host, int port, Router router, Journal journal, Runnable afterWrite)
      throws IOException {
    this(
        host,
        port,
        router,
        journal,
        afterWrite,
        new Options(new Faults(Clock.systemUTC()), false, List.of()));
  }

  /**
   * Binds to {@code host:port} (port 0 picks a free one) and starts serving.
   *
   * @param afterWrite called after every write that reached a route, e.g. to persist the state
   */
  public HttpFrontEnd(
      String host, int port, Router router, Journal journal, Runnable afterWrite, Options options)
      throws IOException {
    this.router = router;
    this.journal = journal;
    this.afterWrite = afterWrite;
    this.options = options;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
    this.executor =
        // As many answers at once as a client's parallel page reads and writes ask for (the
        // plugin reads up to 100 pages at a time, and several clients share an emulator in the
        // benchmarks), so an injected latency costs one round trip each, not one per wave.
        Executors.newFixedThreadPool(
            128,
            r -> {
              Thread t = new Thread(r, "dbt-cloud-emulator-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    String bodyText;
    try (InputStream in = exchange.getRequestBody()) {
      bodyText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    long sequence = journal.nextSequence();
    Faults.Decision decision = options.faults().decide(method, path);
    Fault fault = decision.fault();
    ApiResponse response;
    if (fault instanceof Fault.Latency latency) {
      pause(latency.delay().toMillis());
      response = answerAndPersist(method, path, rawQuery, bodyText, authorization);
    } else if (fault instanceof Fault.ConnectionReset) {
      record(sequence, method, path, rawQuery, bodyText, authorization, null, decision.name(), "");
      exchange.close();
      return;
    } else if (fault instanceof Fault.Hang hang) {
      pause(hang.duration().toMillis());
      record(sequence, method, path, rawQuery, bodyText, authorization, null, decision.name(), "");
      exchange.close();
      return;
    } else if (fault instanceof Fault.TooManyRequests) {
      response = tooManyRequests(decision.retryAfterSeconds());
    } else if (fault instanceof Fault.Status s) {
      response = serverError(s.status());
    } else if (fault instanceof Fault.FailureEnvelope) {
      response = new ApiResponse(200, Envelope.error(500, "Internal server error", "", null));
    } else if (fault instanceof Fault.CommitThenFail) {
      answerAndPersist(method, path, rawQuery, bodyText, authorization);
      response = serverError(500);
    } else {
      response = answerAndPersist(method, path, rawQuery, bodyText, authorization);
    }
    response = v3ErrorExtras(path, response);
    byte[] bytes = response.wireBytes();
    String contentType =
        bytes.length == 0
            ? ""
            : response.rawBody() != null
                ? response.headers().getOrDefault("Content-Type", "application/octet-stream")
                : "application/json";
    // Journal first: a client that has its answer must find the request in the journal.
    record(
        sequence,
        method,
        path,
        rawQuery,
        bodyText,
        authorization,
        response,
        decision.name(),
        contentType,
        bytes);
    send(exchange, response, bytes, contentType);
  }

  private ApiResponse answerAndPersist(
      String method, String path, String rawQuery, String bodyText, String authorization) {
    Answer answer = answer(method, path, rawQuery, bodyText, authorization);
    if (answer.committed() && !method.equals("GET") && !method.equals("HEAD")) {
      afterWrite.run();
    }
    return answer.response();
  }

  /** An answer, and whether a route ran to completion (so a write, if any, happened). */
  private record Answer(ApiResponse response, boolean committed) {}

  private Answer answer(
      String method, String path, String rawQuery, String bodyText, String authorization) {
    try {
      if (options.strictTrailingSlash() && !path.endsWith("/") && router.wantsTrailingSlash(path)) {
        String location = path + "/" + (rawQuery == null ? "" : "?" + rawQuery);
        return new Answer(new ApiResponse(301, null, Map.of("Location", location), null), false);
      }
      Router.Match match = router.find(method, path).orElse(null);
      if (match == null) {
        if (router.servesPath(path)) {
          return new Answer(
              new ApiResponse(
                  405,
                  Json.MAPPER
                      .createObjectNode()
                      .put("detail", "Method \"" + method + "\" not allowed.")),
              false);
        }
        throw ApiError.notFound();
      }
      JsonNode body = parseBody(bodyText);
      ApiRequest request =
          new ApiRequest(method, path, match.params(), Query.parse(rawQuery), body, authorization);
      ApiResponse response = match.route().handler().handle(request);
      return new Answer(response, response.status() < 300);
    } catch (ApiError e) {
      return new Answer(e.response(), false);
    } catch (RuntimeException e) {
      return new Answer(serverError(500), false);
    }
  }

  /**
   * v3 errors carry {@code "extra": {}} and {@code "error_code": null} beside the envelope, as
   * recorded in 2024 (https://github.com/dbt-labs/terraform-provider-dbtcloud/issues/446); v2
   * errors do not.
   */
  private static ApiResponse v3ErrorExtras(String path, ApiResponse response) {
    JsonNode body = response.body();
    if (!path.startsWith("/api/v3/")
        || response.status() < 400
        || body == null
        || !body.isObject()
        || !body.has("status")) {
      return response;
    }
    ObjectNode out = ((ObjectNode) body).deepCopy();
    if (!out.has("extra")) {
      out.putObject("extra");
    }
    if (!out.has("error_code")) {
      out.putNull("error_code");
    }
    return new ApiResponse(response.status(), out, response.headers(), null);
  }

  /**
   * dbt Cloud's 5xx envelope (the 500 text is recorded; 502/503 reuse it, as a proxy's body is
   * unknown).
   */
  static ApiResponse serverError(int status) {
    return new ApiResponse(status, Envelope.error(status, SERVER_ERROR_MESSAGE, "", null));
  }

  /** A 429 in dbt Cloud's envelope; nobody has recorded the Admin API's own 429 body. */
  static ApiResponse tooManyRequests(Integer retryAfterSeconds) {
    ApiResponse response =
        new ApiResponse(
            429,
            Envelope.error(
                429,
                "Request was throttled. You have exceeded the API rate limit; try again later.",
                "",
                null));
    return retryAfterSeconds == null
        ? response
        : response.withHeader("Retry-After", String.valueOf(retryAfterSeconds));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void record(
      long sequence,
      String method,
      String path,
      String rawQuery,
      String bodyText,
      String authorization,
      ApiResponse response,
      String fault,
      String contentType) {
    record(
        sequence,
        method,
        path,
        rawQuery,
        bodyText,
        authorization,
        response,
        fault,
        contentType,
        new byte[0]);
  }

  private void record(
      long sequence,
      String method,
      String path,
      String rawQuery,
      String bodyText,
      String authorization,
      ApiResponse response,
      String fault,
      String contentType,
      byte[] bytes) {
    String responseBody = response == null ? null : new String(bytes, StandardCharsets.UTF_8);
    JournalEntry entry =
        new JournalEntry(
            sequence,
            method,
            path,
            rawQuery == null ? "" : rawQuery,
            bodyText,
            scheme(authorization),
            response == null ? 0 : response.status(),
            responseBody,
            fault);
    journal.add(entry);
    for (ExchangeListener listener : options.listeners()) {
      try {
        listener.exchanged(entry, contentType);
      } catch (RuntimeException e) {
        // An observer must never change what a client sees.
      }
    }
  }

  private static JsonNode parseBody(String text) {
    if (text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiError.invalidField(
          "non_field_errors", "JSON parse error - " + e.getOriginalMessage());
    }
  }

  private static String scheme(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return "";
    }
    return authorization.trim().split("\\s+", 2)[0];
  }

  private static void send(
      HttpExchange exchange, ApiResponse response, byte[] bytes, String contentType)
      throws IOException {
    if (!contentType.isEmpty()) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    response
        .headers()
        .forEach(
            (name, value) -> {
              if (!name.equalsIgnoreCase("Content-Type")) {
                exchange.getResponseHeaders().set(name, value);
              }
            });
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
