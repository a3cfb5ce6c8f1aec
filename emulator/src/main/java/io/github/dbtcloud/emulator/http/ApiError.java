package io.github.dbtcloud.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer thrown by a route; the server turns it into dbt Cloud's error envelope. */
public final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The 404 text dbt Cloud gives for missing objects and, in practice, for missing permissions. */
  public static final String NOT_FOUND_MESSAGE =
      "The requested resource was not found. Please check that you have the proper permissions. "
          + "If you are seeing this in error, please contact support!";

  /** The 400 text dbt Cloud gives for validation failures; details go in {@code data}. */
  public static final String INVALID_MESSAGE =
      "The request was invalid. Please double check the provided data and try again.";

  private final transient ApiResponse response;

  private ApiError(ApiResponse response) {
    super("HTTP " + response.status());
    this.response = response;
  }

  /** The response this error stands for. */
  public ApiResponse response() {
    return response;
  }

  /** 404 with the permissions hint, as recorded. */
  public static ApiError notFound() {
    return new ApiError(new ApiResponse(404, Envelope.error(404, NOT_FOUND_MESSAGE, "", null)));
  }

  /** 401 {@code Invalid token.} with a null developer message, as recorded. */
  public static ApiError invalidToken() {
    ObjectNode body = Envelope.error(401, "Invalid token.", null, null);
    return new ApiError(new ApiResponse(401, body));
  }

  /** 400 with a field-to-message map (or other detail object) in {@code data}. */
  public static ApiError invalid(JsonNode data) {
    return new ApiError(new ApiResponse(400, Envelope.error(400, INVALID_MESSAGE, "", data)));
  }

  /** 400 for a single field. */
  public static ApiError invalidField(String field, String message) {
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put(field, message);
    return invalid(data);
  }

  /** An arbitrary, already built response. */
  public static ApiError of(ApiResponse response) {
    return new ApiError(response);
  }
}
