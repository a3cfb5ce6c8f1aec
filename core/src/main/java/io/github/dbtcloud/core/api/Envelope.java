package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * dbt Cloud's response envelope ({@code status}, {@code data}, {@code extra};
 * docs/wire-format.md#envelope, docs/wire-format.md#errors): a refusal becomes a {@link
 * DbtCloudApiException} with the user message and, for a 400, the field -> message map. Bodies that
 * are not the envelope (a proxy's HTML page, Django's {@code {"detail": ...}}) still give a
 * readable message.
 */
final class Envelope {

  private static final int MAX_RAW = 300;

  private Envelope() {}

  /** The exception for a non-2xx answer with this body text (possibly null). */
  static DbtCloudApiException refusal(
      int status, String method, String path, String body, String reason, Redactor redactor) {
    String message = reason == null || reason.isBlank() ? "HTTP " + status : reason;
    Map<String, String> fields = new LinkedHashMap<>();
    if (body != null && !body.isBlank()) {
      message = messageOf(body, fields).orElse(message);
    }
    Map<String, String> redactedFields = new LinkedHashMap<>();
    fields.forEach((k, v) -> redactedFields.put(k, redactor.redact(v)));
    return new DbtCloudApiException(
        status, method, path, redactor.redact(message), redactedFields, null);
  }

  private static java.util.Optional<String> messageOf(String body, Map<String, String> fields) {
    JsonNode json;
    try {
      json = JsonTrees.read(body);
    } catch (IOException notJson) {
      String text = body.strip();
      return java.util.Optional.of(
          text.length() > MAX_RAW ? text.substring(0, MAX_RAW) + "..." : text);
    }
    if (json == null || !json.isObject()) {
      return java.util.Optional.empty();
    }
    JsonNode data = json.path("data");
    if (data.isObject()) {
      data.properties().forEach(e -> fields.put(e.getKey(), text(e.getValue())));
    }
    String userMessage = json.path("status").path("user_message").asText("");
    if (!userMessage.isEmpty()) {
      return java.util.Optional.of(userMessage);
    }
    if (json.has("detail")) {
      return java.util.Optional.of(text(json.get("detail")));
    }
    return java.util.Optional.empty();
  }

  /** A message value as text: strings as they are, lists joined, anything else as JSON. */
  private static String text(JsonNode node) {
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder();
      node.forEach(n -> out.append(out.length() == 0 ? "" : "; ").append(text(n)));
      return out.toString();
    }
    return node.toString();
  }
}
