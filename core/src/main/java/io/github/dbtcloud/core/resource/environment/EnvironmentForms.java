package io.github.dbtcloud.core.resource.environment;

import io.github.dbtcloud.core.resource.Forms;
import java.util.Map;

/**
 * The form in which a planned environment value and the server's value are compared: the server's
 * defaults filled in, blank as unset, {@code versionless} as {@code latest}.
 */
final class EnvironmentForms {

  /** What dbt Cloud stores when a field is left out (docs/wire-format.md#environment-fields). */
  private static final Map<String, Object> DEFAULTS =
      Map.of(
          Environment.TYPE, "deployment",
          Environment.DBT_VERSION, "latest",
          Environment.USE_CUSTOM_BRANCH, false,
          Environment.SUPPORTS_DOCS, false,
          Environment.ENABLE_MODEL_QUERY_HISTORY, false,
          Environment.ENABLE_DBT_STATE, false);

  private EnvironmentForms() {}

  /** The compared form of an environment field. */
  static Object of(String path, Object value) {
    Object v = value == null ? DEFAULTS.get(path) : value;
    switch (path) {
      case Environment.DBT_VERSION:
        return Forms.dbtVersion(v);
      case Environment.DEPLOYMENT_TYPE:
      case Environment.CUSTOM_BRANCH:
        return v instanceof String s && s.isBlank() ? null : v;
      default:
        return Forms.number(v);
    }
  }
}
