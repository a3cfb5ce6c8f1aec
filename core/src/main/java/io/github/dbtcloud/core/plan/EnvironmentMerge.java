package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the fields an environment spec sets onto a wire environment; the rest keeps the
 * server's value (credentials and connection included, so the full-replace update keeps them).
 * Fields under {@code ignore_changes} are left alone, except on create.
 */
final class EnvironmentMerge {

  private EnvironmentMerge() {}

  static Merged<Environment> merge(Environment base, EnvironmentSpec spec, boolean creating) {
    List<String> paths = new ArrayList<>();
    Environment e = base;
    if (creating || !ignored(spec, "name")) {
      e = e.withName(spec.name());
      paths.add(Environment.NAME);
    }
    if (spec.type() != null && (creating || !ignored(spec, "type"))) {
      e = e.withType(spec.type());
      paths.add(Environment.TYPE);
    }
    if (spec.deploymentType() != null && (creating || !ignored(spec, "deployment_type"))) {
      e = e.withDeploymentType(spec.deploymentType());
      paths.add(Environment.DEPLOYMENT_TYPE);
    }
    if (spec.dbtVersion() != null && (creating || !ignored(spec, "dbt_version"))) {
      e = e.withDbtVersion(spec.dbtVersion());
      paths.add(Environment.DBT_VERSION);
    }
    if (spec.credentialsId() != null && (creating || !ignored(spec, "credentials_id"))) {
      e = e.withCredentialsId(spec.credentialsId());
      paths.add(Environment.CREDENTIALS_ID);
    }
    if (spec.connectionId() != null && (creating || !ignored(spec, "connection_id"))) {
      e = e.withConnectionId(spec.connectionId());
      paths.add(Environment.CONNECTION_ID);
    }
    if (spec.extendedAttributesId() != null && (creating || !ignored(spec, "extended_attributes_id"))) {
      e = e.withExtendedAttributesId(spec.extendedAttributesId());
      paths.add(Environment.EXTENDED_ATTRIBUTES_ID);
    }
    if (spec.customBranch() != null && (creating || !ignored(spec, "custom_branch"))) {
      e = e.withCustomBranch(spec.customBranch());
      paths.add(Environment.USE_CUSTOM_BRANCH);
      paths.add(Environment.CUSTOM_BRANCH);
    }
    if (spec.enableModelQueryHistory() != null && (creating || !ignored(spec, "enable_model_query_history"))) {
      e = e.withModelQueryHistory(spec.enableModelQueryHistory());
      paths.add(Environment.ENABLE_MODEL_QUERY_HISTORY);
    }
    return new Merged<>(e, paths, List.of());
  }

  private static boolean ignored(EnvironmentSpec spec, String key) {
    return spec.ignoreChanges().contains(key);
  }
}
