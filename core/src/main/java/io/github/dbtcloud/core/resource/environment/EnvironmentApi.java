package io.github.dbtcloud.core.resource.environment;

import io.github.dbtcloud.core.api.WireApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The v3 project-scoped environment routes (docs/wire-format.md#environment-fields) in one project.
 *
 * @param api the Admin API
 * @param accountId the account
 * @param projectId the project
 */
public record EnvironmentApi(WireApi api, long accountId, long projectId) {

  /** Active environments of the project. */
  public List<Environment> list() {
    List<Environment> out = new ArrayList<>();
    api.list(environments(), Map.of()).forEach(e -> out.add(new Environment(e)));
    return out;
  }

  /** One environment. */
  public Environment get(long id) {
    return new Environment(api.get(environment(id), Map.of()));
  }

  /** Sent once: never retried, since a lost answer does not mean it was not created. */
  public Environment create(Environment environment) {
    return new Environment(api.create(environments(), environment.updateBody()));
  }

  /**
   * Full replace: the body carries every field ({@code credentials_id} and {@code connection_id}
   * included).
   */
  public Environment update(Environment environment) {
    return new Environment(api.update(environment(environment.id()), environment.updateBody()));
  }

  /**
   * Deletes an environment; only ever one this apply has just created, when another apply created
   * the same one at the same time (a twin).
   */
  public void delete(long id) {
    api.delete(environment(id));
  }

  private String environments() {
    return "api/v3/accounts/" + accountId + "/projects/" + projectId + "/environments/";
  }

  private String environment(long id) {
    return environments() + id + "/";
  }
}
