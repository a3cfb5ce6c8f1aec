package io.github.dbtcloud.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One project the file manages, found by id or by name.
 *
 * @param key the local key in the file
 * @param id the project id, or null when found by name
 * @param name the project name, or null when found by id
 * @param environments environments by local key, in file order
 * @param envVars project environment variables by name, in file order
 * @param jobs jobs by stable key, in file order
 * @param position where the project block starts
 */
public record ProjectSpec(
    String key,
    Long id,
    String name,
    Map<String, EnvironmentSpec> environments,
    Map<String, EnvVarSpec> envVars,
    Map<String, JobSpec> jobs,
    SourcePosition position) {

  public ProjectSpec {
    environments = Collections.unmodifiableMap(new LinkedHashMap<>(environments));
    envVars = Collections.unmodifiableMap(new LinkedHashMap<>(envVars));
    jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
  }

  /** How the user names this project in messages: the key, plus the id or name used to find it. */
  public String describe() {
    return key + (id != null ? " (id " + id + ")" : " (name \"" + name + "\")");
  }
}
