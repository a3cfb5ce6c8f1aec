package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's environment variables as the v3 environment view shows them (§B.7): the scopes
 * ({@code project} and the environment names) and each variable's value per scope.
 *
 * @param scopes {@code project} then the environment names, as dbt Cloud lists them
 * @param variables by name
 */
public record EnvironmentVariables(
    List<String> scopes, Map<String, EnvironmentVariable> variables) {

  public EnvironmentVariables {
    scopes = List.copyOf(scopes);
    variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }

  /** No variables. */
  public static EnvironmentVariables none() {
    return new EnvironmentVariables(List.of(), Map.of());
  }

  /** Reads the {@code data} of {@code GET environment-variables/environment/}. */
  static EnvironmentVariables read(long accountId, long projectId, JsonNode data) {
    List<String> scopes = new ArrayList<>();
    data.path("environments").forEach(n -> scopes.add(n.asText()));
    Map<String, EnvironmentVariable> variables = new LinkedHashMap<>();
    data.path("variables")
        .properties()
        .forEach(
            v -> {
              Map<String, Object> values = new LinkedHashMap<>();
              Map<String, Object> ids = new LinkedHashMap<>();
              v.getValue()
                  .properties()
                  .forEach(
                      scope -> {
                        JsonNode entry = scope.getValue();
                        if (entry.isObject()) {
                          values.put(
                              scope.getKey(),
                              entry.path("value").isNull() ? null : entry.path("value").asText());
                          ids.put(
                              scope.getKey(),
                              entry.path("id").isIntegralNumber()
                                  ? entry.path("id").asLong()
                                  : null);
                        }
                      });
              Map<String, Object> f =
                  new LinkedHashMap<>(
                      EnvironmentVariable.draft(accountId, projectId, v.getKey()).fields());
              f.put("values", values);
              f.put("ids", ids);
              variables.put(v.getKey(), new EnvironmentVariable(f));
            });
    return new EnvironmentVariables(scopes, variables);
  }
}
