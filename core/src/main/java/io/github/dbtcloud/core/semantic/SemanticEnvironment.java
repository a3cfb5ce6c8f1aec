package io.github.dbtcloud.core.semantic;

import io.github.dbtcloud.core.DbtCloudFailure;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.config.SemanticLayerSpec;
import java.util.List;
import java.util.function.Supplier;

/**
 * The environment whose Semantic Layer is checked: {@code semantic_layer.environment} is a numeric
 * id, or the key of an environment of the file, found in dbt Cloud by its name (as the plan finds
 * it) through the project's environment list.
 *
 * @param id the environment id
 * @param label how messages name it, e.g. {@code prod "Production" (id 123)}
 */
public record SemanticEnvironment(long id, String label) {

  /**
   * Resolves the spec's environment; the admin client is only opened for a key. The loader has
   * already checked that a key names exactly one environment of the file: in {@code project:} when
   * given, else in the one project that declares it.
   */
  public static SemanticEnvironment resolve(
      SemanticLayerSpec spec, DesiredState desired, Supplier<AdminClient> admin) {
    String ref = spec.environment().strip();
    if (ref.matches("\\d{1,19}")) {
      return new SemanticEnvironment(Long.parseLong(ref), "id " + ref);
    }
    ProjectSpec project =
        desired.projects().values().stream()
            .filter(p -> spec.project() == null || p.key().equals(spec.project()))
            .filter(p -> p.environments().containsKey(ref))
            .findFirst()
            .orElseThrow();
    EnvironmentSpec environment = project.environments().get(ref);
    long account = desired.account().id();
    AdminClient client = admin.get();
    long projectId = project.id() != null ? project.id() : projectByName(client, account, project);
    String label = spec.project() == null ? ref : project.key() + "/" + ref;
    for (Environment e : client.listEnvironments(account, projectId)) {
      if (environment.id() != null
          ? environment.id().equals(e.id())
          : environment.name().equals(e.name())) {
        return new SemanticEnvironment(e.id(), label + " \"" + e.name() + "\" (id " + e.id() + ")");
      }
    }
    throw new DbtCloudFailure(
        "semantic_layer.environment '"
            + ref
            + "' ("
            + spec.position()
            + "): project "
            + project.describe()
            + " has no environment "
            + (environment.id() != null
                ? "with id " + environment.id()
                : "named \"" + environment.name() + "\"")
            + " in dbt Cloud yet. Run 'mvn dbt:apply' to create it, or set"
            + " the environment's id.");
  }

  private static long projectByName(AdminClient client, long account, ProjectSpec project) {
    List<Project> matches =
        client.listProjects(account).stream().filter(p -> project.name().equals(p.name())).toList();
    if (matches.size() != 1) {
      throw new DbtCloudFailure(
          "project "
              + project.describe()
              + ": "
              + matches.size()
              + " projects with that name"
              + " are visible to this token; give the project's 'id:' in the file.");
    }
    return matches.get(0).id();
  }
}
