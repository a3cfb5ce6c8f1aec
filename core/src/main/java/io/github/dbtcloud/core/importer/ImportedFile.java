package io.github.dbtcloud.core.importer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file {@code dbt:import} wrote, and what it holds.
 *
 * @param text the YAML text
 * @param projects projects written
 * @param counts objects written by section ({@code environments}, {@code env_vars}, {@code jobs})
 * @param secrets the environment variables the file's placeholders need (without values)
 */
public record ImportedFile(
    String text, int projects, Map<String, Integer> counts, java.util.List<String> secrets) {

  public ImportedFile {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    secrets = java.util.List.copyOf(secrets);
  }

  /** E.g. {@code 1 project, 3 environments, 2 env_vars, 7 jobs}. */
  public String summary() {
    StringBuilder s = new StringBuilder(projects + (projects == 1 ? " project" : " projects"));
    counts.forEach((section, n) -> s.append(", ").append(n).append(' ').append(section));
    return s.toString();
  }
}
