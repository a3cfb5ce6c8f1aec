package io.github.dbtcloud.core.resource;

import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.identity.MarkerPlacement;

/**
 * What a kind plans one scope with.
 *
 * @param desired the desired state
 * @param project the scope's project spec, or null for the account scope
 * @param snapshot what dbt Cloud holds
 * @param identities every object of the file found in dbt Cloud, for references by key
 * @param options the build's selection and options
 */
public record PlanContext(
    DesiredState desired,
    ProjectSpec project,
    Snapshot snapshot,
    Identities identities,
    PlanOptions options) {

  /** This kind's part of the snapshot in this scope, or null when it was not read. */
  public <S> S part(ResourceKind<S> kind) {
    return snapshot.part(kind, projectKey());
  }

  /** The project key, or null for the account scope. */
  public String projectKey() {
    return project == null ? null : project.key();
  }

  /** The account id. */
  public long accountId() {
    return desired.account().id();
  }

  /** The project's id in dbt Cloud (project scope only). */
  public long projectId() {
    return snapshot.projects().get(projectKey()).id();
  }

  /** The id in dbt Cloud of another project of the plan, by key (null: this one). */
  public long projectId(String key) {
    return snapshot.projects().get(key == null ? projectKey() : key).id();
  }

  /** Whether a project of the file is part of this plan. */
  public boolean planned(String projectKey) {
    return snapshot.projects().containsKey(projectKey);
  }

  /** Where markers are written. */
  public MarkerPlacement placement() {
    return options.placement(desired);
  }

  /** The namespace this file's markers carry, or null. */
  public String namespace() {
    return desired.ownership().namespace();
  }

  /** The address of an object of this scope. */
  public ResourceAddress address(ResourceKind<?> kind, String key) {
    return new ResourceAddress(kind, projectKey(), key);
  }
}
