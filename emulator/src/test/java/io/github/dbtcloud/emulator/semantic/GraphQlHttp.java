package io.github.dbtcloud.emulator.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Posts GraphQL documents to the emulator with the JDK client, so the tests share nothing with
 * core.
 */
final class GraphQlHttp {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newHttpClient();
  private final String url;
  private final String headerName;
  private final String headerValue;

  GraphQlHttp(DbtCloudEmulator emulator, String headerName, String headerValue) {
    this.url = emulator.baseUrl() + "/api/graphql";
    this.headerName = headerName;
    this.headerValue = headerValue;
  }

  /** A response: HTTP status and parsed body. */
  record Answer(int status, JsonNode body) {

    JsonNode data() {
      return body.path("data");
    }

    /** The first error's message, or null. */
    String error() {
      JsonNode errors = body.path("errors");
      return errors.isArray() && !errors.isEmpty() ? errors.get(0).path("message").asText() : null;
    }
  }

  Answer post(String query, Map<String, ?> variables) {
    ObjectNode body = JSON.createObjectNode();
    body.put("query", query);
    body.set("variables", JSON.valueToTree(variables));
    return raw(body.toString());
  }

  Answer raw(String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headerName != null) {
      request.header(headerName, headerValue);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
