package io.github.dbtcloud.core.resource;

import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.identity.MarkerPlacement;
import java.util.Set;

/**
 * What the build asks of a plan beyond the file.
 *
 * @param projects project keys to plan; empty plans every project of the file
 * @param jobs job keys to plan ({@code key} or {@code project/key}, {@code *} as a wildcard); empty
 *     plans every job. A job selection also plans the environments those jobs use, never project
 *     variables, and never deletes.
 * @param markerPlacement where markers are written, or null for the file's {@code ownership.marker}
 * @param rotateSecrets secret variables ({@code DBT_ENV_SECRET*}) to write again although dbt Cloud
 *     has a (masked) value for them
 * @param allowEmptyProject plan into a project whose listings are completely empty (the brake
 *     otherwise stops: an empty listing usually means the token cannot see the project's contents)
 * @param adopt write the marker onto every job the file finds by {@code id:} only (without it, such
 *     a job's missing marker is not a change, so a file just imported plans no changes)
 */
public record PlanOptions(
    Set<String> projects,
    Set<String> jobs,
    MarkerPlacement markerPlacement,
    Set<String> rotateSecrets,
    boolean allowEmptyProject,
    boolean adopt) {

  public PlanOptions {
    projects = Set.copyOf(projects);
    jobs = Set.copyOf(jobs);
    rotateSecrets = Set.copyOf(rotateSecrets);
  }

  /** The options without adoption. */
  public PlanOptions(
      Set<String> projects,
      Set<String> jobs,
      MarkerPlacement markerPlacement,
      Set<String> rotateSecrets,
      boolean allowEmptyProject) {
    this(projects, jobs, markerPlacement, rotateSecrets, allowEmptyProject, false);
  }

  /** Everything in the file, markers where the file says, no rotation. */
  public static PlanOptions defaults() {
    return new PlanOptions(Set.of(), Set.of(), null, Set.of(), false);
  }

  /** These options, writing markers onto the jobs found by id (or not). */
  public PlanOptions withAdopt(boolean on) {
    return new PlanOptions(projects, jobs, markerPlacement, rotateSecrets, allowEmptyProject, on);
  }

  /**
   * Where markers are written: the build's placement when it gives one, else the file's {@code
   * ownership.marker}.
   */
  public MarkerPlacement placement(DesiredState desired) {
    return markerPlacement != null ? markerPlacement : desired.ownership().marker();
  }

  /** Whether only some jobs are planned. */
  public boolean selectsJobs() {
    return !jobs.isEmpty();
  }

  /** Whether the project is planned. */
  public boolean includesProject(String key) {
    return projects.isEmpty() || projects.contains(key);
  }

  /**
   * Whether the job is planned: no selection, or its key or {@code project/key} matches one of the
   * patterns.
   */
  public boolean includesJob(String project, String key) {
    if (jobs.isEmpty()) {
      return true;
    }
    return jobs.stream().anyMatch(p -> matches(p, project, key));
  }

  /**
   * Whether one job pattern ({@code key} or {@code project/key}, {@code *} wildcards) matches a
   * job.
   */
  public static boolean matches(String pattern, String project, String key) {
    return glob(pattern, key) || glob(pattern, project + "/" + key);
  }

  private static boolean glob(String pattern, String text) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : java.util.regex.Pattern.quote(String.valueOf(c)));
    }
    return text.matches(regex.toString());
  }
}
