package io.github.dbtcloud.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The JDK HTTP server in front of the router: decodes requests, journals them, turns {@link
 * ApiError}s into dbt Cloud's error envelope, and a route's crash into the recorded 500.
 */
public final class HttpFrontEnd implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final Router router;
  private final Journal journal;
  private final Runnable afterWrite;

  /**
   * Binds to {@code host:port} (port 0 picks a free one) and starts serving.
   *
   * @param afterWrite called after every successful write, e.g. to persist the state
   */
  public HttpFrontEnd(String host, int port, Router router, Journal journal, Runnable afterWrite) throws IOException {
    this.router = router;
    this.journal = journal;
    this.afterWrite = afterWrite;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
    this.executor = Executors.newFixedThreadPool(16, r -> {
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
    ApiResponse response = answer(method, path, rawQuery, bodyText, authorization);
    journal.record(method, path, rawQuery == null ? "" : rawQuery, bodyText, scheme(authorization), response.status());
    if (response.status() < 300 && !method.equals("GET")) {
      afterWrite.run();
    }
    send(exchange, response);
  }

  private ApiResponse answer(String method, String path, String rawQuery, String bodyText, String authorization) {
    try {
      Router.Match match = router.find(method, path).orElse(null);
      if (match == null) {
        if (router.servesPath(path)) {
          return new ApiResponse(405, Json.MAPPER.createObjectNode().put("detail", "Method \"" + method + "\" not allowed."));
        }
        throw ApiError.notFound();
      }
      JsonNode body = parseBody(bodyText);
      ApiRequest request = new ApiRequest(method, path, match.params(), Query.parse(rawQuery), body, authorization);
      return match.route().handler().handle(request);
    } catch (ApiError e) {
      return e.response();
    } catch (RuntimeException e) {
      return new ApiResponse(500, Envelope.error(500, "There was a server error. Please contact support!", "", null));
    }
  }

  private static JsonNode parseBody(String text) {
    if (text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiError.invalidField("non_field_errors", "JSON parse error - " + e.getOriginalMessage());
    }
  }

  private static String scheme(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return "";
    }
    return authorization.trim().split("\\s+", 2)[0];
  }

  private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
    byte[] bytes = response.body() == null ? new byte[0] : Json.MAPPER.writeValueAsBytes(response.body());
    if (bytes.length > 0) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
    }
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
