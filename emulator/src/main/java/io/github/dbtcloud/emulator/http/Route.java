package io.github.dbtcloud.emulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A method plus a path template such as {@code /api/v2/accounts/{account_id}/jobs/{id}/}. The
 * trailing slash is optional on the wire (clients differ: some current ones send neither), so
 * matching ignores it.
 *
 * @param method HTTP method
 * @param template path template with {@code {name}} segments
 * @param handler what answers
 */
public record Route(String method, String template, Handler handler) {

  /** Answers one request. */
  @FunctionalInterface
  public interface Handler {
    /** Builds the response, or throws {@link ApiError}. */
    ApiResponse handle(ApiRequest request);
  }

  /** The captured path parameters when {@code path} matches this route's template. */
  public Optional<Map<String, String>> match(String path) {
    List<String> want = segments(template);
    List<String> got = segments(path);
    if (want.size() != got.size()) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < want.size(); i++) {
      String w = want.get(i);
      String g = got.get(i);
      if (w.startsWith("{") && w.endsWith("}")) {
        params.put(w.substring(1, w.length() - 1), g);
      } else if (!w.equals(g)) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
