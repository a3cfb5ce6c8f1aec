package io.github.dbtcloud.core.importer;

import java.util.Set;

/**
 * What {@code dbt:import} reads: every project of the account, or the projects named here (by id,
 * name or the key the import derives from the name); every environment, or the environments named
 * here (by name or key), with the jobs that run in them and the variables' values for them.
 *
 * @param projects projects to import; empty for all
 * @param environments environments to import; empty for all
 */
public record ImportSelection(Set<String> projects, Set<String> environments) {

  public ImportSelection {
    projects = Set.copyOf(projects);
    environments = Set.copyOf(environments);
  }

  /** Everything. */
  public static ImportSelection all() {
    return new ImportSelection(Set.of(), Set.of());
  }
}
