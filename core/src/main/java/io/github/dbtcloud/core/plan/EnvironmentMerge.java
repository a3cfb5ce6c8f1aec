package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.config.EnvironmentSpec;

/** Applies the fields an environment spec manages onto a wire environment; the rest is kept. */
final class EnvironmentMerge {

  private EnvironmentMerge() {}

  static Environment merge(Environment base, EnvironmentSpec spec) {
    Environment e = spec.name() != null ? base.withName(spec.name()) : base;
    if (spec.type() != null && !spec.ignoreChanges().contains("type")) {
      e = e.withType(spec.type());
    }
    if (spec.deploymentType() != null && !spec.ignoreChanges().contains("deployment_type")) {
      e = e.withDeploymentType(spec.deploymentType());
    }
    if (spec.dbtVersion() != null && !spec.ignoreChanges().contains("dbt_version")) {
      e = e.withDbtVersion(spec.dbtVersion());
    }
    if (spec.credentialsId() != null && !spec.ignoreChanges().contains("credentials_id")) {
      e = e.withCredentialsId(spec.credentialsId());
    }
    if (spec.connectionId() != null && !spec.ignoreChanges().contains("connection_id")) {
      e = e.withConnectionId(spec.connectionId());
    }
    if (spec.extendedAttributesId() != null && !spec.ignoreChanges().contains("extended_attributes_id")) {
      e = e.withExtendedAttributesId(spec.extendedAttributesId());
    }
    if (spec.customBranch() != null && !spec.ignoreChanges().contains("custom_branch")) {
      e = e.withCustomBranch(spec.customBranch());
    }
    if (spec.enableModelQueryHistory() != null && !spec.ignoreChanges().contains("enable_model_query_history")) {
      e = e.withModelQueryHistory(spec.enableModelQueryHistory());
    }
    return e;
  }
}
