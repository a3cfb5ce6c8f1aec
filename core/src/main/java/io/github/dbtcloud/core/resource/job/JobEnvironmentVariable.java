package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.api.WireMaps;
import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A job-level override of an environment variable (v3, {@code type: job},
 * docs/wire-format.md#environment-variables).
 *
 * @param fields {@code id}, {@code account_id}, {@code project_id}, {@code name}, {@code type},
 *     {@code job_definition_id}, {@code raw_value} (what is written) or the value read back
 */
public record JobEnvironmentVariable(Map<String, Object> fields) implements WireObject {

  public static final String VALUE = "raw_value";
  public static final String JOB_ID = "job_definition_id";

  @SuppressWarnings("unchecked")
  public JobEnvironmentVariable {
    fields = (Map<String, Object>) WireMaps.freeze(fields);
  }

  /** An override not yet in dbt Cloud; the job id may be null until the job exists. */
  public static JobEnvironmentVariable draft(
      long accountId, long projectId, Long jobId, String name) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", null);
    f.put("account_id", accountId);
    f.put("project_id", projectId);
    f.put("name", name);
    f.put("type", "job");
    f.put(JOB_ID, jobId);
    f.put(VALUE, null);
    return new JobEnvironmentVariable(f);
  }

  /** An override as the job view returns it: {@code {id, value}} for one variable of one job. */
  static JobEnvironmentVariable read(
      long accountId, long projectId, long jobId, String name, Long id, String value) {
    Map<String, Object> f = new LinkedHashMap<>(draft(accountId, projectId, jobId, name).fields());
    f.put("id", id);
    f.put(VALUE, value);
    return new JobEnvironmentVariable(f);
  }

  @Override
  public Long id() {
    return WireMaps.asLong(fields.get("id"));
  }

  @Override
  public JobEnvironmentVariable with(String path, Object value) {
    return new JobEnvironmentVariable(WireMaps.with(fields, path, value));
  }

  /** The fields with a secret's value replaced by {@code (sensitive)}. */
  @Override
  public Map<String, Object> shown() {
    if (!secret() || value() == null) {
      return fields;
    }
    Map<String, Object> out = new LinkedHashMap<>(fields);
    out.put(VALUE, EnvironmentVariable.SENSITIVE);
    return out;
  }

  public long projectId() {
    return WireMaps.asLong(fields.get("project_id"));
  }

  public String name() {
    return WireMaps.asString(fields.get("name"));
  }

  public Long jobId() {
    return WireMaps.asLong(fields.get(JOB_ID));
  }

  public String value() {
    return WireMaps.asString(fields.get(VALUE));
  }

  /** Whether dbt Cloud masks this variable's value. */
  public boolean secret() {
    return name().startsWith(EnvironmentVariable.SECRET_PREFIX);
  }

  public JobEnvironmentVariable withValue(String value) {
    return Objects.equals(value(), value) ? this : with(VALUE, value);
  }

  /** The body of a single-variable create or update. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>(fields);
    body.remove("id");
    return body;
  }
}
