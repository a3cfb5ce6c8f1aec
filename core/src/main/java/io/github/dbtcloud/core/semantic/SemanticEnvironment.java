package io.github.dbtcloud.core.semantic;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.config.SemanticLayerSettings;
import io.github.dbtcloud.core.remote.Projects;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.environment.EnvironmentApi;
import io.github.dbtcloud.core.resource.environment.EnvironmentKind;
import java.util.function.Supplier;

/**
 * The environment whose Semantic Layer is checked: {@code semantic_layer.environment} is a numeric
 * id, or the key of an environment of the file, found in dbt Cloud as the plan finds it (by id, or
 * by its name) in its project's environment list.
 *
 * @param id the environment id
 * @param label how messages name it, e.g. {@code prod "Production" (id 123)}
 */
public record SemanticEnvironment(long id, String label) {

  /**
   * Resolves the settings' environment; the admin client is only opened for a key. The loader has
   * already checked that a key names exactly one environment of the file: in {@code project:} when
   * given, else in the one project that declares it.
   */
  public static SemanticEnvironment resolve(
      SemanticLayerSettings spec, DesiredState desired, Supplier<AdminClient> admin) {
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
    long projectId = new Projects(client).idOf(account, project);
    String label = spec.project() == null ? ref : project.key() + "/" + ref;
    Environment e =
        EnvironmentKind.find(
            project, new EnvironmentApi(client, account, projectId).list(), environment);
    if (e != null) {
      return new SemanticEnvironment(e.id(), label + " \"" + e.name() + "\" (id " + e.id() + ")");
    }
    throw new DbtCloudException(
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
}
