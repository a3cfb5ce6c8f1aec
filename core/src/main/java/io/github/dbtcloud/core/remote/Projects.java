package io.github.dbtcloud.core.remote;

import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.resource.ScopeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the file's projects in dbt Cloud: by id with one request each, by name with one listing for
 * all of them. A project the token cannot see, or a name that is missing or ambiguous, stops
 * everything with a message saying which and why.
 */
public final class Projects {

  private final WireApi client;

  /**
   * @param client the Admin API
   */
  public Projects(WireApi client) {
    this.client = client;
  }

  /** A project's id: the file's, or found by name (one listing). */
  public long idOf(long account, ProjectSpec spec) {
    return spec.id() != null ? spec.id() : find(account, List.of(spec)).get(spec.key()).id();
  }

  /** The file's projects, by key. */
  public Map<String, Project> find(long account, List<ProjectSpec> specs) {
    Map<String, Project> out = new LinkedHashMap<>();
    List<Project> byName = null;
    for (ProjectSpec spec : specs) {
      if (spec.id() != null) {
        out.put(spec.key(), getProject(account, spec));
      } else {
        if (byName == null) {
          byName = new ArrayList<>();
          for (Map<String, Object> p :
              client.list("api/v3/accounts/" + account + "/projects/", Map.of())) {
            byName.add(new Project(p));
          }
        }
        out.put(spec.key(), findByName(byName, spec));
      }
    }
    return out;
  }

  private Project getProject(long account, ProjectSpec spec) {
    try {
      return new Project(
          client.get("api/v3/accounts/" + account + "/projects/" + spec.id() + "/", Map.of()));
    } catch (DbtCloudApiException e) {
      if (e.status() == 404 || e.status() == 403) {
        throw new ScopeException(
            "project "
                + spec.key()
                + " (id "
                + spec.id()
                + ", "
                + spec.position()
                + "): dbt Cloud at "
                + client.baseUrl()
                + " answered "
                + e.status()
                + " to "
                + e.method()
                + " "
                + e.path()
                + ", so no plan"
                + " was made. Likely causes: the token's permissions do not cover this project"
                + " (service token permission sets are granted per project), the token belongs to"
                + " another account than "
                + account
                + ", the host is not your account's own (account.host or dbt.baseUrl), or the id"
                + " is wrong. Fix: check the id in dbt Cloud (Account settings -> Projects) and"
                + " grant the token access to it. (dbt Cloud said: "
                + e.userMessage()
                + ")");
      }
      throw e;
    }
  }

  private static Project findByName(List<Project> projects, ProjectSpec spec) {
    List<Project> matches = projects.stream().filter(p -> spec.name().equals(p.name())).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new ScopeException(
          "project "
              + spec.key()
              + " ("
              + spec.position()
              + "): no project named \""
              + spec.name()
              + "\" is visible to this token; visible projects: "
              + (projects.isEmpty()
                  ? "(none: the token may lack permissions, or the host or account is wrong)"
                  : projects.stream()
                      .map(p -> "\"" + p.name() + "\" (id " + p.id() + ")")
                      .toList()
                      .toString())
              + ". Fix the name, or use 'id:' instead");
    }
    throw new ScopeException(
        "project "
            + spec.key()
            + ": "
            + matches.size()
            + " projects are named \""
            + spec.name()
            + "\" (ids "
            + matches.stream().map(Project::id).toList()
            + "); use 'id:' to pick one");
  }
}
