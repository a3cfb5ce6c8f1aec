package io.github.dbtcloud.core.resource.environment;

import io.github.dbtcloud.core.api.WireMaps;
import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.api.WireTimes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A dbt Cloud environment in wire form (v3, docs/wire-format.md#environment-fields). It keeps every
 * field the server sent, known or not, because an update replaces the whole object: what we do not
 * send is reset.
 *
 * @param fields the wire object
 */
public record Environment(Map<String, Object> fields) implements WireObject {

  public static final String NAME = "name";
  public static final String TYPE = "type";
  public static final String DEPLOYMENT_TYPE = "deployment_type";
  public static final String DBT_VERSION = "dbt_version";
  public static final String CREDENTIALS_ID = "credentials_id";
  public static final String CONNECTION_ID = "connection_id";
  public static final String EXTENDED_ATTRIBUTES_ID = "extended_attributes_id";
  public static final String PRIMARY_PROFILE_ID = "primary_profile_id";
  public static final String USE_CUSTOM_BRANCH = "use_custom_branch";
  public static final String CUSTOM_BRANCH = "custom_branch";
  public static final String ENABLE_MODEL_QUERY_HISTORY = "enable_model_query_history";
  public static final String SUPPORTS_DOCS = "supports_docs";
  public static final String ENABLE_DBT_STATE = "enable_dbt_state";

  @SuppressWarnings("unchecked")
  public Environment {
    fields = (Map<String, Object>) WireMaps.freeze(fields);
  }

  /** The body a create sends before the desired fields are merged in. */
  public static Environment draft(long accountId, long projectId) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("account_id", accountId);
    f.put("project_id", projectId);
    f.put("name", null);
    f.put("type", "deployment");
    f.put("dbt_version", "latest");
    f.put("use_custom_branch", false);
    f.put("custom_branch", null);
    f.put("deployment_type", null);
    f.put("credentials_id", null);
    f.put("connection_id", null);
    f.put("state", 1L);
    return new Environment(f);
  }

  /** The id, or null for a draft. */
  @Override
  public Long id() {
    return WireMaps.asLong(fields.get("id"));
  }

  @Override
  public Environment with(String path, Object value) {
    return new Environment(WireMaps.with(fields, path, value));
  }

  public long projectId() {
    return WireMaps.asLong(fields.get("project_id"));
  }

  public String name() {
    return WireMaps.asString(fields.get("name"));
  }

  /** When the server last changed the environment; null when it sent no readable time. */
  @Override
  public Instant updatedAt() {
    return WireTimes.instant(fields.get("updated_at"));
  }

  public String type() {
    return WireMaps.asString(fields.get("type"));
  }

  public String deploymentType() {
    return WireMaps.asString(fields.get("deployment_type"));
  }

  public String dbtVersion() {
    return WireMaps.asString(fields.get("dbt_version"));
  }

  public Long credentialsId() {
    return WireMaps.asLong(fields.get("credentials_id"));
  }

  public Long connectionId() {
    return WireMaps.asLong(fields.get("connection_id"));
  }

  public String customBranch() {
    return WireMaps.asString(fields.get("custom_branch"));
  }

  public Environment withName(String name) {
    return set("name", name);
  }

  public Environment withType(String type) {
    return set("type", type);
  }

  /** Production, staging, or null; never {@code ""}, which dbt Cloud rejects. */
  public Environment withDeploymentType(String deploymentType) {
    return set(
        "deployment_type",
        deploymentType == null || deploymentType.isBlank() ? null : deploymentType);
  }

  public Environment withDbtVersion(String dbtVersion) {
    return set("dbt_version", dbtVersion);
  }

  public Environment withCredentialsId(Long id) {
    return set("credentials_id", id);
  }

  public Environment withConnectionId(Long id) {
    return set("connection_id", id);
  }

  public Environment withExtendedAttributesId(Long id) {
    return set("extended_attributes_id", id);
  }

  public Environment withPrimaryProfileId(Long id) {
    return set("primary_profile_id", id);
  }

  /** Turns the custom branch on or off, keeping the branch name dbt Cloud holds. */
  public Environment withUseCustomBranch(boolean on) {
    return set("use_custom_branch", on);
  }

  public Environment withSupportsDocs(boolean on) {
    return set("supports_docs", on);
  }

  public Environment withDbtState(boolean enabled) {
    return set("enable_dbt_state", enabled);
  }

  /** Sets the custom branch; a branch turns {@code use_custom_branch} on, null turns it off. */
  public Environment withCustomBranch(String branch) {
    return set("custom_branch", branch).set("use_custom_branch", branch != null);
  }

  public Environment withModelQueryHistory(boolean enabled) {
    return set("enable_model_query_history", enabled);
  }

  /**
   * The body for a full-replace update: everything the server sent except the nested read-only
   * objects; above all never a {@code credentials} object, which the API rejects with a 400
   * (docs/wire-format.md#environment-fields).
   */
  public Map<String, Object> updateBody() {
    Map<String, Object> body = new LinkedHashMap<>(fields);
    for (String nested :
        new String[] {
          "credentials",
          "project",
          "connection",
          "repository",
          "jobs",
          "custom_environment_variables",
          "fusion_readiness"
        }) {
      body.remove(nested);
    }
    return body;
  }

  private Environment set(String field, Object value) {
    if (fields.containsKey(field) && Objects.equals(fields.get(field), WireMaps.freeze(value))) {
      return this;
    }
    return new Environment(WireMaps.with(fields, field, value));
  }
}
