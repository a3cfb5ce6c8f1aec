package io.github.dbtcloud.core.resource.environment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's environments as dbt Cloud lists them, and which of them are the file's.
 *
 * @param all every active environment of the project
 * @param matched the file's environments found in dbt Cloud, by key (by id, else by name or a
 *     former name)
 */
public record EnvironmentSnapshot(List<Environment> all, Map<String, Environment> matched) {

  public EnvironmentSnapshot {
    all = List.copyOf(all);
    matched = Collections.unmodifiableMap(new LinkedHashMap<>(matched));
  }
}
