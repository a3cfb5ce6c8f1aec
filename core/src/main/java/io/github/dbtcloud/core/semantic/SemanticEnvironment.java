package io.github.dbtcloud.core.semantic;

import io.github.dbtcloud.core.DbtCloudFailure;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.config.SemanticLayerSpec;
import java.util.ArrayList;
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

  /** Resolves the spec's environment; the admin client is only opened for a key. */
  public static SemanticEnvironment resolve(SemanticLayerSpec spec, DesiredState desired, Supplier<AdminClient> admin) {
    String ref = spec.environment() == null ? "" : spec.environment().strip();
    if (ref.matches("\\d{1,19}")) {
      return new SemanticEnvironment(Long.parseLong(ref), "id " + ref);
    }
    List<ProjectSpec> owners = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (ProjectSpec p : desired.projects().values()) {
      if (p.environments().containsKey(ref)) {
        owners.add(p);
      }
      p.environments().keySet().forEach(k -> keys.add(p.key() + "." + k));
    }
    String where = "semantic_layer.environment '" + ref + "' (" + spec.position() + ")";
    if (owners.isEmpty()) {
      throw new DbtCloudFailure(where + " is neither an environment key of this file nor a numeric environment id;"
          + " declared keys: " + (keys.isEmpty() ? "(none)" : String.join(", ", keys)) + ". Use one of them, or the"
          + " id shown in dbt Cloud under Deploy -> Environments.");
    }
    if (owners.size() > 1) {
      throw new DbtCloudFailure(where + " is declared in several projects ("
          + String.join(", ", owners.stream().map(ProjectSpec::key).toList()) + "); use the numeric environment id.");
    }
    ProjectSpec project = owners.get(0);
    EnvironmentSpec spec0 = project.environments().get(ref);
    long account = desired.account().id();
    AdminClient client = admin.get();
    long projectId = project.id() != null ? project.id() : projectByName(client, account, project);
    for (Environment e : client.listEnvironments(account, projectId)) {
      if (spec0.name().equals(e.name())) {
        return new SemanticEnvironment(e.id(), ref + " \"" + e.name() + "\" (id " + e.id() + ")");
      }
    }
    throw new DbtCloudFailure(where + ": project " + project.describe() + " has no environment named \""
        + spec0.name() + "\" in dbt Cloud yet. Run 'mvn dbt:apply' to create it, or set the environment's id.");
  }

  private static long projectByName(AdminClient client, long account, ProjectSpec project) {
    List<Project> matches = client.listProjects(account).stream().filter(p -> project.name().equals(p.name())).toList();
    if (matches.size() != 1) {
      throw new DbtCloudFailure("project " + project.describe() + ": " + matches.size() + " projects with that name"
          + " are visible to this token; give the project's 'id:' in the file.");
    }
    return matches.get(0).id();
  }
}
