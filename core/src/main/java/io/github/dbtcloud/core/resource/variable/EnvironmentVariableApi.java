package io.github.dbtcloud.core.resource.variable;

import io.github.dbtcloud.core.api.WireApi;
import java.util.Map;

/**
 * The v3 routes of a project's environment variables (docs/wire-format.md#environment-variables):
 * the environment view, and the bulk create and update.
 *
 * @param api the Admin API
 * @param accountId the account
 * @param projectId the project
 */
public record EnvironmentVariableApi(WireApi api, long accountId, long projectId) {

  /**
   * The project's variables per scope, secrets masked ({@code environment-variables/environment/}).
   */
  public EnvironmentVariables read() {
    return EnvironmentVariables.read(
        accountId, projectId, api.get(base() + "environment/", Map.of()));
  }

  /** Creates a variable with its values in every scope; sent once. */
  public void create(EnvironmentVariable variable) {
    api.create(base() + "bulk/", variable.createBody());
  }

  /**
   * Sets the scopes {@code after} holds, changing existing overrides by id and adding new ones by
   * name.
   */
  public void update(EnvironmentVariable before, EnvironmentVariable after) {
    api.replace(base() + "bulk/", after.updateBody(before));
  }

  private String base() {
    return "api/v3/accounts/" + accountId + "/projects/" + projectId + "/environment-variables/";
  }
}
