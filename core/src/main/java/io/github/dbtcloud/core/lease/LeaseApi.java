package io.github.dbtcloud.core.lease;

import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.api.WireMaps;
import java.util.Map;
import java.util.Optional;

/**
 * The lease variable's routes in one project (docs/wire-format.md#environment-variables): read it
 * from the environment view, create it with its project value ({@code POST bulk/}, which dbt Cloud
 * refuses when the name exists), renew that value ({@code PUT bulk/} by the value's id), and delete
 * it by that id.
 *
 * @param api the Admin API
 * @param accountId the account
 * @param projectId the project
 */
public record LeaseApi(WireApi api, long accountId, long projectId) {

  /**
   * The variable's name. It starts with {@code DBT_} because dbt Cloud refuses other names, and it
   * is not a secret so that its holder can be read.
   */
  public static final String VARIABLE = "DBT_CLOUD_AS_CODE_LEASE";

  /**
   * The variable's project value as dbt Cloud holds it now.
   *
   * @param valueId the id of the project value (what renewal and deletion address)
   * @param value the text
   */
  public record Found(long valueId, String value) {

    /** Who holds it, when the value is one this plugin wrote. */
    public Optional<LeaseHolder> holder() {
      return LeaseHolder.parse(value);
    }
  }

  /** The lease variable's project value, if there is one. */
  public Optional<Found> read() {
    Map<String, Object> data = api.get(base() + "environment/", Map.of());
    if (data.get("variables") instanceof Map<?, ?> vars
        && vars.get(VARIABLE) instanceof Map<?, ?> scopes
        && scopes.get("project") instanceof Map<?, ?> project) {
      Long id = WireMaps.asLong(project.get("id"));
      if (id != null) {
        Object value = project.get("value");
        return Optional.of(new Found(id, value == null ? "" : String.valueOf(value)));
      }
    }
    return Optional.empty();
  }

  /** Creates the variable with {@code value} as its project value; refused when it exists. */
  public void create(String value) {
    api.create(base() + "bulk/", Map.of("env_var", Map.of("new_name", VARIABLE, "project", value)));
  }

  /** Sets the project value {@code valueId} to {@code value}. */
  public void renew(long valueId, String value) {
    api.replace(
        base() + "bulk/",
        Map.of("env_vars", Map.of("name", VARIABLE, String.valueOf(valueId), value)));
  }

  /** Deletes the project value {@code valueId} (and so the variable); true when it was there. */
  public boolean delete(long valueId) {
    try {
      api.delete(base() + valueId + "/");
      return true;
    } catch (DbtCloudApiException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** Where the lease lives, for messages. */
  public String where() {
    return "environment variable "
        + VARIABLE
        + " of project "
        + projectId
        + " at "
        + api.baseUrl()
        + " (Deploy -> Environments -> Environment variables)";
  }

  private String base() {
    return "api/v3/accounts/" + accountId + "/projects/" + projectId + "/environment-variables/";
  }
}
