package io.github.dbtcloud.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.ApiRequest;
import io.github.dbtcloud.emulator.http.ApiResponse;
import io.github.dbtcloud.emulator.http.Envelope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * List requests as dbt Cloud reads them (the specs' list parameters): {@code limit} (default and
 * maximum 100; more is a 400), {@code offset}, {@code order_by} (a field, {@code -} for descending,
 * several separated by commas), {@code state}, {@code __in} filters and {@code include_related} in
 * every encoding seen in the wild (JSON-list string, repeated keys, comma list, quoted or not).
 * Public so that every feature package pages and filters the same way.
 */
public final class Lists {

  /** The largest page dbt Cloud serves. */
  public static final int MAX_LIMIT = 100;

  private static final Pattern FIELD = Pattern.compile("-?[a-z_][a-z0-9_]*(__[a-z]+)?");

  private Lists() {}

  /** One page of {@code rows} (ordered by the request's {@code order_by}) in the list envelope. */
  public static ApiResponse page(
      ApiRequest request, List<ObjectNode> rows, Map<String, Object> filters) {
    return page(request, rows, filters, row -> row);
  }

  /**
   * One page of {@code rows} (given in id order, as tables keep them), ordered by the request's
   * {@code order_by} (default {@code id}), each row shown through {@code view} (e.g. to add {@code
   * include_related} objects or mask secrets), with {@code extra.filters} echoing the filters plus
   * {@code limit} and {@code offset} (recorded).
   */
  public static ApiResponse page(
      ApiRequest request,
      List<ObjectNode> rows,
      Map<String, Object> filters,
      Function<ObjectNode, ? extends JsonNode> view) {
    String orderBy = orderBy(request);
    List<ObjectNode> ordered = rows;
    if (!orderBy.equals("id")) { // tables keep rows in id order already
      ordered = new ArrayList<>(rows);
      ordered.sort(comparator(orderBy));
    }
    return pageOf(request, ordered, filters, orderBy, view);
  }

  /** The request's {@code order_by}, {@code id} when absent. */
  public static String orderBy(ApiRequest request) {
    return request.queryParam("order_by").filter(s -> !s.isBlank()).orElse("id");
  }

  /**
   * One page of rows already in the order {@code orderBy} names (for a resource that orders its own
   * way, such as runs): {@code limit} and {@code offset} checked and echoed as in {@link #page}.
   */
  public static ApiResponse pageOf(
      ApiRequest request,
      List<ObjectNode> ordered,
      Map<String, Object> filters,
      String orderBy,
      Function<ObjectNode, ? extends JsonNode> view) {
    int limit = intParam(request, "limit", MAX_LIMIT);
    int offset = intParam(request, "offset", 0);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiError.invalidField(
          "limit",
          "Ensure this value is less than or equal to "
              + MAX_LIMIT
              + " and greater than or equal to 1.");
    }
    if (offset < 0) {
      throw ApiError.invalidField("offset", "Ensure this value is greater than or equal to 0.");
    }
    int from = Math.min(offset, ordered.size());
    int to = Math.min(from + limit, ordered.size());
    List<JsonNode> shown = new ArrayList<>(to - from);
    for (ObjectNode row : ordered.subList(from, to)) {
      shown.add(view.apply(row));
    }
    Map<String, Object> echoed = new LinkedHashMap<>(filters);
    echoed.put("limit", limit);
    echoed.put("offset", offset);
    return ApiResponse.ok(Envelope.page(shown, echoed, orderBy, ordered.size()));
  }

  /**
   * Orders rows by {@code order_by}: fields separated by commas, {@code -} for descending, then by
   * id.
   */
  public static Comparator<ObjectNode> comparator(String orderBy) {
    Comparator<ObjectNode> result = null;
    for (String raw : orderBy.split(",")) {
      String key = raw.trim();
      if (!FIELD.matcher(key).matches()) {
        throw ApiError.invalidField("order_by", "\"" + orderBy + "\" is not a valid ordering.");
      }
      boolean descending = key.startsWith("-");
      String field = descending ? key.substring(1) : key;
      Comparator<ObjectNode> one =
          Comparator.comparing(row -> row.get(field), Lists::compareValues);
      one = descending ? one.reversed() : one;
      result = result == null ? one : result.thenComparing(one);
    }
    Comparator<ObjectNode> byId = Comparator.comparingLong(row -> row.path("id").asLong());
    return result == null ? byId : result.thenComparing(byId);
  }

  private static int compareValues(JsonNode a, JsonNode b) {
    boolean aNull = a == null || a.isNull();
    boolean bNull = b == null || b.isNull();
    if (aNull || bNull) {
      return Boolean.compare(!aNull, !bNull);
    }
    if (a.isIntegralNumber()
        && b.isIntegralNumber()
        && a.canConvertToLong()
        && b.canConvertToLong()) {
      return Long.compare(a.longValue(), b.longValue());
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    if (a.isBoolean() && b.isBoolean()) {
      return Boolean.compare(a.asBoolean(), b.asBoolean());
    }
    return a.asText().compareTo(b.asText());
  }

  private static int intParam(ApiRequest request, String name, int fallback) {
    String raw = request.queryParam(name).orElse(null);
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw ApiError.invalidField(name, "A valid integer is required.");
    }
  }

  /** Whether a row passes the {@code state} filter (default: active only, as the specs say). */
  public static boolean stateMatches(ApiRequest request, ObjectNode row) {
    return statePredicate(request, "active").test(row);
  }

  /** The {@code state} filter, {@code active|deleted|all|1|2}, with the given default. */
  public static Predicate<ObjectNode> statePredicate(ApiRequest request, String fallback) {
    String state =
        request
            .queryParam("state")
            .filter(s -> !s.isBlank())
            .orElse(fallback)
            .trim()
            .toLowerCase(Locale.ROOT);
    switch (state) {
      case "all":
        return row -> true;
      case "deleted":
      case "2":
        return row -> row.path("state").asInt(1) == 2;
      case "active":
      case "1":
        return row -> row.path("state").asInt(1) == 1;
      default:
        throw ApiError.invalidField("state", "\"" + state + "\" is not a valid choice.");
    }
  }

  /** A single integer filter such as {@code project_id=1}; 400 when it does not parse. */
  public static Optional<Long> longParam(ApiRequest request, String name) {
    Optional<String> raw = request.queryParam(name).filter(s -> !s.isBlank());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(raw.get().trim()));
    } catch (NumberFormatException e) {
      throw ApiError.invalidField(name, "\"" + raw.get() + "\" is not a valid integer.");
    }
  }

  /** A boolean filter such as {@code triggers_schedule=true}. */
  public static Optional<Boolean> booleanParam(ApiRequest request, String name) {
    Optional<String> raw = request.queryParam(name).filter(s -> !s.isBlank());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String v = raw.get().trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("1")) {
      return Optional.of(true);
    }
    if (v.equals("false") || v.equals("0")) {
      return Optional.of(false);
    }
    throw ApiError.invalidField(name, "Must be a valid boolean.");
  }

  /**
   * An integer {@code __in} filter in any encoding: {@code [1,2]}, {@code 1,2}, repeated keys,
   * quoted items; a value that does not parse is a 400, as recorded
   * (https://github.com/apache/airflow/issues/40047).
   */
  public static Optional<List<Long>> longsParam(ApiRequest request, String name) {
    Optional<List<String>> items = stringsParam(request, name);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<Long> out = new ArrayList<>();
    for (String item : items.get()) {
      try {
        out.add(Long.parseLong(item));
      } catch (NumberFormatException e) {
        throw ApiError.invalidField(
            name,
            String.join(",", request.queryParams(name))
                + " is not valid under any of the given schemas");
      }
    }
    return Optional.of(out);
  }

  /** A string {@code __in} filter in any encoding; empty when the parameter is absent. */
  public static Optional<List<String>> stringsParam(ApiRequest request, String name) {
    List<String> raw = request.queryParams(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>(splitList(raw));
    return Optional.of(out);
  }

  /**
   * The {@code include_related} names, lower case, in any encoding ({@code [a,b]}, {@code
   * ['a','b']}, {@code a,b}, repeated keys).
   */
  public static Set<String> includeRelated(ApiRequest request) {
    Set<String> out = new LinkedHashSet<>();
    splitList(request.queryParams("include_related"))
        .forEach(name -> out.add(name.toLowerCase(Locale.ROOT)));
    return out;
  }

  private static List<String> splitList(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      String v = value.trim();
      if (v.startsWith("[") && v.endsWith("]")) {
        v = v.substring(1, v.length() - 1);
      }
      for (String part : v.split(",")) {
        String item = part.trim();
        if (item.length() >= 2
            && (item.startsWith("'") && item.endsWith("'")
                || item.startsWith("\"") && item.endsWith("\""))) {
          item = item.substring(1, item.length() - 1).trim();
        }
        if (!item.isEmpty()) {
          out.add(item);
        }
      }
    }
    return out;
  }
}
