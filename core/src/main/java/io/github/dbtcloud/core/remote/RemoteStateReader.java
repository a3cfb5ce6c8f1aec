package io.github.dbtcloud.core.remote;

import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.ProjectSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the remote snapshot for a desired state with as few requests as the API allows. */
public final class RemoteStateReader {

  private final AdminClient client;

  public RemoteStateReader(AdminClient client) {
    this.client = client;
  }

  /** Reads every project the desired state names, with its environments and jobs. */
  public RemoteState read(DesiredState desired) {
    long account = desired.account().id();
    Map<String, RemoteProject> projects = new LinkedHashMap<>();
    List<Project> byName = null;
    for (ProjectSpec spec : desired.projects().values()) {
      Project project;
      if (spec.id() != null) {
        project = client.getProject(account, spec.id());
      } else {
        if (byName == null) {
          byName = client.listProjects(account);
        }
        project = findByName(byName, spec);
      }
      projects.put(spec.key(), new RemoteProject(spec.key(), project,
          client.listEnvironments(account, project.id()), client.listJobs(account, project.id())));
    }
    return new RemoteState(account, projects);
  }

  private static Project findByName(List<Project> projects, ProjectSpec spec) {
    List<Project> matches = projects.stream().filter(p -> spec.name().equals(p.name())).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new ScopeException("project " + spec.key() + ": no project named \"" + spec.name()
          + "\" is visible to this token; visible projects: "
          + projects.stream().map(p -> "\"" + p.name() + "\" (id " + p.id() + ")").toList()
          + ". Fix the name, or use 'id:' instead");
    }
    throw new ScopeException("project " + spec.key() + ": " + matches.size() + " projects are named \""
        + spec.name() + "\" (ids " + matches.stream().map(Project::id).toList() + "); use 'id:' to pick one");
  }
}
