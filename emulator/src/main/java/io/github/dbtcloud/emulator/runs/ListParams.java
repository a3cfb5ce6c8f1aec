package io.github.dbtcloud.emulator.runs;

import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.ApiRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Query values in every encoding clients send (§B.2): {@code include_related=["run_steps"]},
 * {@code [trigger,job]}, {@code 'a','b'}, {@code trigger,job} or repeated keys; and {@code __in}
 * lists as a JSON list, a comma list or repeated keys.
 */
final class ListParams {

  private ListParams() {}

  /** The names in {@code include_related}, lower case, however they were written. */
  static Set<String> includeRelated(ApiRequest request) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : request.queryParams("include_related")) {
      for (String item : items(raw)) {
        out.add(item.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** The integers of {@code name} (e.g. {@code status__in}); 400 when one does not parse. */
  static List<Long> longs(ApiRequest request, String name) {
    List<Long> out = new ArrayList<>();
    for (String raw : request.queryParams(name)) {
      for (String item : items(raw)) {
        try {
          out.add(Long.parseLong(item));
        } catch (NumberFormatException e) {
          throw ApiError.invalidField(name, "'" + raw + "' is not valid under any of the given schemas");
        }
      }
    }
    return out;
  }

  /** One integer parameter, or null; 400 when it does not parse. */
  static Long longParam(ApiRequest request, String name) {
    String raw = request.queryParam(name).orElse(null);
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw ApiError.invalidField(name, "A valid integer is required.");
    }
  }

  private static List<String> items(String raw) {
    String s = raw.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    List<String> out = new ArrayList<>();
    for (String part : s.split(",")) {
      String item = part.trim();
      if (item.length() >= 2 && (item.startsWith("\"") && item.endsWith("\"") || item.startsWith("'") && item.endsWith("'"))) {
        item = item.substring(1, item.length() - 1).trim();
      }
      if (!item.isEmpty()) {
        out.add(item);
      }
    }
    return out;
  }
}
