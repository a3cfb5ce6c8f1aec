package io.github.dbtcloud.emulator.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.ApiRequest;
import io.github.dbtcloud.emulator.http.ApiResponse;
import io.github.dbtcloud.emulator.http.Envelope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Paging as dbt Cloud does it: {@code limit} (default and maximum 100) and {@code offset}. */
final class Lists {

  static final int MAX_LIMIT = 100;

  private Lists() {}

  /** One page of {@code rows} with the envelope's {@code extra} block filled in. */
  static ApiResponse page(ApiRequest request, List<ObjectNode> rows, Map<String, Object> filters) {
    int limit = intParam(request, "limit", MAX_LIMIT);
    int offset = intParam(request, "offset", 0);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiError.invalidField("limit", "Ensure this value is less than or equal to " + MAX_LIMIT + ".");
    }
    if (offset < 0) {
      throw ApiError.invalidField("offset", "Ensure this value is greater than or equal to 0.");
    }
    int from = Math.min(offset, rows.size());
    int to = Math.min(from + limit, rows.size());
    Map<String, Object> echoed = new LinkedHashMap<>(filters);
    echoed.put("limit", limit);
    echoed.put("offset", offset);
    return ApiResponse.ok(Envelope.page(rows.subList(from, to), echoed, "id", rows.size()));
  }

  private static int intParam(ApiRequest request, String name, int fallback) {
    String raw = request.queryParam(name).orElse(null);
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw ApiError.invalidField(name, "A valid integer is required.");
    }
  }

  /** Whether a row passes the {@code state} filter (default: active only, §B.2). */
  static boolean stateMatches(ApiRequest request, ObjectNode row) {
    String state = request.queryParam("state").orElse("active");
    int rowState = row.path("state").asInt(1);
    return switch (state) {
      case "all" -> true;
      case "deleted", "2" -> rowState == 2;
      case "active", "1" -> rowState == 1;
      default -> throw ApiError.invalidField("state", "\"" + state + "\" is not a valid choice.");
    };
  }
}
