package io.github.dbtcloud.core.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a {@code dbt-cloud.yml} declares, after loading, interpolation and validation.
 *
 * @param version format version (1)
 * @param account the dbt Cloud account
 * @param ownership namespace and pruning rules
 * @param projects projects by local key, in file order
 * @param verify the verification run after apply, if configured
 * @param semanticLayer the Semantic Layer check after verification, if configured
 * @param files the files this state was read from
 * @param warnings things the user should fix that do not stop the build (a literal secret, a legacy
 *     host...); core never prints them, the caller shows them through its console
 * @param sha256 the hash of the bytes loaded
 * @param alerts the job notifications and webhooks it declares (docs/alerts.md)
 */
public record DesiredState(
    int version,
    AccountSpec account,
    OwnershipSpec ownership,
    Map<String, ProjectSpec> projects,
    Optional<VerifySettings> verify,
    Optional<SemanticLayerSettings> semanticLayer,
    List<Path> files,
    List<Problem> warnings,
    String sha256,
    AlertsSpec alerts) {

  public DesiredState {
    projects = Collections.unmodifiableMap(new LinkedHashMap<>(projects));
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
    sha256 = sha256 == null ? "" : sha256;
    alerts = alerts == null ? AlertsSpec.NONE : alerts;
  }

  /** A desired state without alerts. */
  public DesiredState(
      int version,
      AccountSpec account,
      OwnershipSpec ownership,
      Map<String, ProjectSpec> projects,
      Optional<VerifySettings> verify,
      Optional<SemanticLayerSettings> semanticLayer,
      List<Path> files,
      List<Problem> warnings,
      String sha256) {
    this(
        version,
        account,
        ownership,
        projects,
        verify,
        semanticLayer,
        files,
        warnings,
        sha256,
        AlertsSpec.NONE);
  }

  /** This state with the warnings and the hash of what was loaded. */
  public DesiredState loaded(List<Problem> warnings, String sha256) {
    return new DesiredState(
        version,
        account,
        ownership,
        projects,
        verify,
        semanticLayer,
        files,
        warnings,
        sha256,
        alerts);
  }

  /**
   * How messages and plans name the desired state: the file's name ({@code dbt-cloud.yml}), or the
   * files' names joined ({@code base.yml + jobs.yml}).
   */
  public String name() {
    if (files.isEmpty()) {
      return "the desired state";
    }
    return String.join(" + ", files.stream().map(f -> String.valueOf(f.getFileName())).toList());
  }

  /** Number of jobs across all projects. */
  public int jobCount() {
    return projects.values().stream().mapToInt(p -> p.jobs().size()).sum();
  }

  /** Number of environments across all projects. */
  public int environmentCount() {
    return projects.values().stream().mapToInt(p -> p.environments().size()).sum();
  }

  /** Number of project environment variables across all projects. */
  public int envVarCount() {
    return projects.values().stream().mapToInt(p -> p.envVars().size()).sum();
  }
}
