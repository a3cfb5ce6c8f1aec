package io.github.dbtcloud.core.resource.environment;

import io.github.dbtcloud.core.api.WireMaps;
import io.github.dbtcloud.core.resource.ExportContext;
import io.github.dbtcloud.core.resource.Exported;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An environment as {@code dbt:import} writes it: its name (what it is matched by) and each field
 * whose compared form ({@link EnvironmentForms}) differs from dbt Cloud's default.
 */
final class EnvironmentExport {

  private EnvironmentExport() {}

  static List<Exported> of(EnvironmentSnapshot part, ExportContext context) {
    List<Exported> out = new ArrayList<>();
    for (Environment e : part.all()) {
      String key = context.keyOf(EnvironmentKind.INSTANCE, e.id());
      if (key != null) {
        out.add(new Exported("environments", key, fields(e), List.of(origin(e))));
      }
    }
    return out;
  }

  static Map<String, Object> fields(Environment e) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", e.name());
    boolean development = "development".equals(e.type());
    putIfNotDefault(f, "type", e, Environment.TYPE);
    String deploymentType = e.deploymentType();
    if (deploymentType != null && !deploymentType.isBlank() && !development) {
      f.put("deployment_type", deploymentType);
    }
    Object version = EnvironmentForms.of(Environment.DBT_VERSION, e.dbtVersion());
    if (version != null && !"latest".equals(version)) {
      f.put("dbt_version", version);
    }
    if (!development) {
      putId(f, "credentials_id", e, Environment.CREDENTIALS_ID);
    }
    putId(f, "connection_id", e, Environment.CONNECTION_ID);
    putId(f, "extended_attributes_id", e, Environment.EXTENDED_ATTRIBUTES_ID);
    putId(f, "primary_profile_id", e, Environment.PRIMARY_PROFILE_ID);
    String branch = e.customBranch();
    if (Boolean.TRUE.equals(WireMaps.asBoolean(e.value(Environment.USE_CUSTOM_BRANCH)))
        && branch != null
        && !branch.isBlank()) {
      f.put("custom_branch", branch);
    }
    putIfNotDefault(f, "supports_docs", e, Environment.SUPPORTS_DOCS);
    putIfNotDefault(f, "enable_model_query_history", e, Environment.ENABLE_MODEL_QUERY_HISTORY);
    putIfNotDefault(f, "enable_dbt_state", e, Environment.ENABLE_DBT_STATE);
    return f;
  }

  private static void putIfNotDefault(
      Map<String, Object> f, String key, Environment e, String path) {
    Object form = EnvironmentForms.of(path, e.value(path));
    if (!Objects.equals(form, EnvironmentForms.of(path, null))) {
      f.put(key, form);
    }
  }

  private static void putId(Map<String, Object> f, String key, Environment e, String path) {
    Long id = WireMaps.asLong(e.value(path));
    if (id != null && id > 0) {
      f.put(key, id);
    }
  }

  private static String origin(Environment e) {
    return "environment "
        + e.id()
        + " \""
        + e.name()
        + "\" ("
        + (e.type() == null ? "deployment" : e.type())
        + (e.deploymentType() == null || e.deploymentType().isBlank()
            ? ""
            : ", " + e.deploymentType())
        + ")";
  }
}
