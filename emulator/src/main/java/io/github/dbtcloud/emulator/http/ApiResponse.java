package io.github.dbtcloud.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: an HTTP status, a JSON body (null for an empty body, as in a 204) or raw
 * bytes (artifact downloads are not enveloped), and extra headers such as {@code Retry-After}.
 *
 * @param status the HTTP status code
 * @param body the JSON body, or null for none (or for a raw answer)
 * @param headers extra response headers, in order
 * @param rawBody bytes sent as they are instead of {@code body}, or null
 */
public record ApiResponse(int status, JsonNode body, Map<String, String> headers, byte[] rawBody) {

  public ApiResponse {
    headers = Map.copyOf(headers == null ? Map.of() : headers);
  }

  /** A JSON answer with no extra headers. */
  public ApiResponse(int status, JsonNode body) {
    this(status, body, Map.of(), null);
  }

  /** A 200 with the given body. */
  public static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body);
  }

  /**
   * A 201 with the given body; dbt Cloud answers creates with 201 (recorded), not the spec's 200.
   */
  public static ApiResponse created(JsonNode body) {
    return new ApiResponse(201, body);
  }

  /** A 204 with no body. */
  public static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }

  /** Raw bytes with their content type, not enveloped (e.g. {@code run_results.json} downloads). */
  public static ApiResponse raw(int status, String contentType, byte[] bytes) {
    return new ApiResponse(status, null, Map.of("Content-Type", contentType), bytes.clone());
  }

  /** This answer with one more header. */
  public ApiResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiResponse(status, body, more, rawBody);
  }

  /** The body as sent on the wire: the raw bytes, the JSON, or nothing. */
  public byte[] wireBytes() {
    if (rawBody != null) {
      return rawBody.clone();
    }
    if (body == null) {
      return new byte[0];
    }
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a response body", e);
    }
  }
}
