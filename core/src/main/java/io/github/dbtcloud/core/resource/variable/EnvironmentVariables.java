package io.github.dbtcloud.core.resource.variable;

import io.github.dbtcloud.core.api.WireMaps;
import io.github.dbtcloud.core.lease.LeaseApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's environment variables as the v3 environment view shows them
 * (docs/wire-format.md#environment-variables): the scopes ({@code project} and the environment
 * names) and each variable's value per scope.
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
  static EnvironmentVariables read(long accountId, long projectId, Map<String, Object> data) {
    List<String> scopes = new ArrayList<>();
    if (data.get("environments") instanceof List<?> names) {
      names.forEach(n -> scopes.add(String.valueOf(n)));
    }
    Map<String, EnvironmentVariable> variables = new LinkedHashMap<>();
    if (data.get("variables") instanceof Map<?, ?> byName) {
      byName.forEach(
          (name, perScope) -> {
            if (LeaseApi.VARIABLE.equals(name)) {
              return; // the apply lease: never the file's, never shown as a change or unmanaged
            }
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, Object> ids = new LinkedHashMap<>();
            if (perScope instanceof Map<?, ?> scopesOfVar) {
              scopesOfVar.forEach(
                  (scope, entry) -> {
                    if (entry instanceof Map<?, ?> e) {
                      Object value = e.get("value");
                      values.put(
                          String.valueOf(scope), value == null ? null : String.valueOf(value));
                      ids.put(String.valueOf(scope), WireMaps.asLong(e.get("id")));
                    }
                  });
            }
            Map<String, Object> f =
                new LinkedHashMap<>(
                    EnvironmentVariable.draft(accountId, projectId, String.valueOf(name)).fields());
            f.put("values", values);
            f.put("ids", ids);
            variables.put(String.valueOf(name), new EnvironmentVariable(f));
          });
    }
    return new EnvironmentVariables(scopes, variables);
  }
}
