package io.github.dbtcloud.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a route answers: an HTTP status and a JSON body (null for an empty body, as in a 204).
 *
 * @param status the HTTP status code
 * @param body the JSON body, or null for none
 */
public record ApiResponse(int status, JsonNode body) {

  /** A 200 with the given body. */
  public static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body);
  }

  /** A 201 with the given body; dbt Cloud answers creates with 201 (recorded), not the spec's 200. */
  public static ApiResponse created(JsonNode body) {
    return new ApiResponse(201, body);
  }

  /** A 204 with no body. */
  public static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }
}
