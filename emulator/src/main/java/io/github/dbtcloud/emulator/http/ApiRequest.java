package io.github.dbtcloud.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One decoded HTTP request as a route sees it.
 *
 * @param method the HTTP method, upper case
 * @param path the request path without the query string
 * @param pathParams values captured by the route's {@code {name}} segments
 * @param query every query parameter, repeated keys kept in order
 * @param body the parsed JSON body, or a {@code MissingNode} when there is none
 * @param authorization the raw Authorization header, or null
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, String> pathParams,
    Map<String, List<String>> query,
    JsonNode body,
    String authorization) {

  /** The value of a path parameter that the route declared. */
  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalStateException("route declares no path parameter " + name);
    }
    return value;
  }

  /** A path parameter that is an id; a non-numeric id is simply not found, as in dbt Cloud. */
  public long idParam(String name) {
    try {
      return Long.parseLong(pathParam(name));
    } catch (NumberFormatException e) {
      throw ApiError.notFound();
    }
  }

  /** The first value of a query parameter. */
  public Optional<String> queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of a (possibly repeated) query parameter. */
  public List<String> queryParams(String name) {
    return query.getOrDefault(name, List.of());
  }
}
