package io.github.dbtcloud.core.resource.environment;

import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.resource.ManagedFields;
import io.github.dbtcloud.core.resource.Merged;
import java.util.List;

/**
 * Applies the fields an environment spec sets onto a wire environment; the rest keeps the server's
 * value (credentials and connection included, so the full-replace update keeps them). Fields under
 * {@code ignore_changes} are left alone, except on create.
 */
final class EnvironmentMerge {

  private EnvironmentMerge() {}

  static Merged<Environment> merge(Environment base, EnvironmentSpec spec, boolean creating) {
    ManagedFields<Environment> f =
        new ManagedFields<>(base, creating, spec.ignoreChanges()::contains);
    f.set(spec.name(), "name", Environment::withName, Environment.NAME);
    f.set(spec.type(), "type", Environment::withType, Environment.TYPE);
    f.set(
        spec.deploymentType(),
        "deployment_type",
        Environment::withDeploymentType,
        Environment.DEPLOYMENT_TYPE);
    f.set(spec.dbtVersion(), "dbt_version", Environment::withDbtVersion, Environment.DBT_VERSION);
    f.set(
        spec.credentialsId(),
        "credentials_id",
        Environment::withCredentialsId,
        Environment.CREDENTIALS_ID);
    f.set(
        spec.connectionId(),
        "connection_id",
        Environment::withConnectionId,
        Environment.CONNECTION_ID);
    f.set(
        spec.extendedAttributesId(),
        "extended_attributes_id",
        Environment::withExtendedAttributesId,
        Environment.EXTENDED_ATTRIBUTES_ID);
    f.set(
        spec.primaryProfileId(),
        "primary_profile_id",
        Environment::withPrimaryProfileId,
        Environment.PRIMARY_PROFILE_ID);
    f.set(
        spec.customBranch(),
        "custom_branch",
        Environment::withCustomBranch,
        Environment.USE_CUSTOM_BRANCH,
        Environment.CUSTOM_BRANCH);
    if (spec.customBranch() == null) {
      // use_custom_branch: false alone (true needs a branch, the loader checks): off, the stored
      // branch kept
      f.set(
          spec.useCustomBranch(),
          "use_custom_branch",
          Environment::withUseCustomBranch,
          Environment.USE_CUSTOM_BRANCH);
    }
    f.set(
        spec.supportsDocs(),
        "supports_docs",
        Environment::withSupportsDocs,
        Environment.SUPPORTS_DOCS);
    f.set(
        spec.enableModelQueryHistory(),
        "enable_model_query_history",
        Environment::withModelQueryHistory,
        Environment.ENABLE_MODEL_QUERY_HISTORY);
    f.set(
        spec.enableDbtState(),
        "enable_dbt_state",
        Environment::withDbtState,
        Environment.ENABLE_DBT_STATE);
    return new Merged<>(f.object(), f.paths(), List.of());
  }
}
