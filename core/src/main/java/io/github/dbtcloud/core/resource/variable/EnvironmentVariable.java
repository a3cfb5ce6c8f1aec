package io.github.dbtcloud.core.resource.variable;

import io.github.dbtcloud.core.api.WireMaps;
import io.github.dbtcloud.core.api.WireObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One project environment variable (v3, docs/wire-format.md#environment-variables): a project-wide
 * default and a value per environment, each scope with its own override id. dbt Cloud has no single
 * object for it, so {@code fields} holds {@code name}, {@code values} (scope -> value; the scope is
 * {@code project} or an environment <em>name</em>) and {@code ids} (scope -> override id). Secret
 * values come back masked and cannot be compared.
 *
 * @param fields the variable as read from the environment view, or as it will be written
 */
public record EnvironmentVariable(Map<String, Object> fields) implements WireObject {

  /** The scope of the project-wide default. */
  public static final String PROJECT = "project";

  /** How dbt Cloud shows a secret value. */
  public static final String MASKED = "**********";

  /** What plans show instead of a secret's value. */
  public static final String SENSITIVE = "(sensitive)";

  /** The name prefix dbt Cloud treats as secret. */
  public static final String SECRET_PREFIX = "DBT_ENV_SECRET";

  @SuppressWarnings("unchecked")
  public EnvironmentVariable {
    fields = (Map<String, Object>) WireMaps.freeze(fields);
  }

  /** A variable not yet in dbt Cloud. */
  public static EnvironmentVariable draft(long accountId, long projectId, String name) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("account_id", accountId);
    f.put("project_id", projectId);
    f.put("name", name);
    f.put("values", Map.of());
    f.put("ids", Map.of());
    return new EnvironmentVariable(f);
  }

  /** There is no single id; see {@link #idIn}. */
  @Override
  public Long id() {
    return null;
  }

  @Override
  public EnvironmentVariable with(String path, Object value) {
    return new EnvironmentVariable(WireMaps.with(fields, path, value));
  }

  /** The fields with every value of a secret variable replaced by {@code (sensitive)}. */
  @Override
  public Map<String, Object> shown() {
    if (!secret()) {
      return fields;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values().forEach((scope, value) -> values.put(scope, value == null ? null : SENSITIVE));
    Map<String, Object> out = new LinkedHashMap<>(fields);
    out.put("values", values);
    return out;
  }

  public long projectId() {
    return WireMaps.asLong(fields.get("project_id"));
  }

  public String name() {
    return WireMaps.asString(fields.get("name"));
  }

  /** Whether dbt Cloud masks this variable's values. */
  public boolean secret() {
    return name().startsWith(SECRET_PREFIX);
  }

  /** Values by scope ({@code project} or an environment name), in dbt Cloud's order. */
  @SuppressWarnings("unchecked")
  public Map<String, String> values() {
    Object v = fields.get("values");
    return v instanceof Map<?, ?> m
        ? Collections.unmodifiableMap((Map<String, String>) m)
        : Map.of();
  }

  /** The value in a scope, or null when the scope has none. */
  public String valueIn(String scope) {
    return values().get(scope);
  }

  /** The override id of a scope, or null when the scope has no value yet. */
  public Long idIn(String scope) {
    Object ids = fields.get("ids");
    return ids instanceof Map<?, ?> m ? WireMaps.asLong(m.get(scope)) : null;
  }

  /** Whether the scope's value is hidden by dbt Cloud. */
  public boolean maskedIn(String scope) {
    return MASKED.equals(valueIn(scope));
  }

  /** This variable with a value in one scope. */
  public EnvironmentVariable withValue(String scope, String value) {
    if (values().containsKey(scope) && Objects.equals(values().get(scope), value)) {
      return this;
    }
    Map<String, Object> values = new LinkedHashMap<>(values());
    values.put(scope, value);
    Map<String, Object> f = new LinkedHashMap<>(fields);
    f.put("values", values);
    return new EnvironmentVariable(f);
  }

  /**
   * {@code POST bulk/}: the object form production accepts, where the OpenAPI spec documents an
   * array (docs/wire-format.md#environment-variables).
   */
  Map<String, Object> createBody() {
    Map<String, Object> envVar = new LinkedHashMap<>();
    envVar.put("new_name", name());
    envVar.putAll(values());
    return Map.of("env_var", envVar);
  }

  /**
   * {@code PUT bulk/}: a scope that has a value already is keyed by its override id, a new one by
   * its environment name (docs/wire-format.md#environment-variables). Only the scopes {@code this}
   * sets are sent.
   */
  Map<String, Object> updateBody(EnvironmentVariable before) {
    Map<String, Object> envVars = new LinkedHashMap<>();
    envVars.put("name", name());
    values()
        .forEach(
            (scope, value) -> {
              Long id = before.idIn(scope);
              envVars.put(id != null ? String.valueOf(id) : scope, value);
            });
    return Map.of("env_vars", envVars);
  }
}
