package io.github.dbtcloud.core.remote;

import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.EnvironmentVariables;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.JobEnvironmentVariable;
import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.identity.Marker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Reads the remote snapshot for a desired state with as few requests as the API allows: one request
 * per project to find it, then every project's environment and job listings (and its variables,
 * when the file declares some) at the same time, each in 100-item pages read in parallel. About
 * ceil(N/100) requests per kind of object and two round trips, however large. A listing that does
 * not hold together (a job in an environment the listing lacks) stops here.
 */
public final class RemoteStateReader {

  /** Listings read at the same time. */
  static final int PARALLELISM = 4;

  private final AdminClient client;

  public RemoteStateReader(AdminClient client) {
    this.client = client;
  }

  /** Reads every project the desired state names, with its environments and jobs. */
  public RemoteState read(DesiredState desired) {
    return read(desired, Set.of());
  }

  /**
   * Reads the projects with the given keys (all of the file's when empty).
   *
   * @throws ScopeException when a project cannot be seen or its listings contradict each other
   */
  public RemoteState read(DesiredState desired, Set<String> projectKeys) {
    long account = desired.account().id();
    List<ProjectSpec> specs =
        desired.projects().values().stream()
            .filter(p -> projectKeys.isEmpty() || projectKeys.contains(p.key()))
            .toList();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            PARALLELISM,
            r -> {
              Thread t = new Thread(r, "dbt-cloud-snapshot");
              t.setDaemon(true);
              return t;
            });
    try {
      Map<String, Project> projects = findProjects(account, specs);
      Map<String, Future<List<Environment>>> environments = new LinkedHashMap<>();
      Map<String, Future<List<Job>>> jobs = new LinkedHashMap<>();
      Map<String, Future<EnvironmentVariables>> variables = new LinkedHashMap<>();
      for (ProjectSpec spec : specs) {
        long id = projects.get(spec.key()).id();
        environments.put(spec.key(), pool.submit(() -> client.listEnvironments(account, id)));
        jobs.put(spec.key(), pool.submit(() -> client.listJobs(account, id)));
        if (!spec.envVars().isEmpty()) {
          variables.put(spec.key(), pool.submit(() -> client.environmentVariables(account, id)));
        }
      }
      Map<String, RemoteProject> out = new LinkedHashMap<>();
      for (ProjectSpec spec : specs) {
        Project project = projects.get(spec.key());
        List<Job> projectJobs = await(jobs.get(spec.key()));
        List<Environment> projectEnvironments =
            consistent(spec, account, project, await(environments.get(spec.key())), projectJobs);
        Map<Long, Future<List<JobEnvironmentVariable>>> overrides = new LinkedHashMap<>();
        for (Job job : jobsWithOverrides(spec, projectJobs, desired.ownership().namespace())) {
          overrides.put(
              job.id(),
              pool.submit(() -> client.jobEnvironmentVariables(account, project.id(), job.id())));
        }
        Map<Long, List<JobEnvironmentVariable>> jobVariables = new LinkedHashMap<>();
        for (Map.Entry<Long, Future<List<JobEnvironmentVariable>>> e : overrides.entrySet()) {
          jobVariables.put(e.getKey(), await(e.getValue()));
        }
        EnvironmentVariables vars =
            variables.containsKey(spec.key()) ? await(variables.get(spec.key())) : null;
        out.put(
            spec.key(),
            new RemoteProject(
                spec.key(), project, projectEnvironments, projectJobs, vars, jobVariables));
      }
      return new RemoteState(account, client.baseUrl(), out);
    } finally {
      pool.shutdownNow();
    }
  }

  private Map<String, Project> findProjects(long account, List<ProjectSpec> specs) {
    Map<String, Project> out = new LinkedHashMap<>();
    List<Project> byName = null;
    for (ProjectSpec spec : specs) {
      if (spec.id() != null) {
        out.put(spec.key(), getProject(account, spec));
      } else {
        if (byName == null) {
          byName = client.listProjects(account);
        }
        out.put(spec.key(), findByName(byName, spec));
      }
    }
    return out;
  }

  private Project getProject(long account, ProjectSpec spec) {
    try {
      return client.getProject(account, spec.id());
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
                + " was made. Likely causes: the token's permissions do not cover this project (service token"
                + " permission sets are granted per project), the token belongs to another account than "
                + account
                + ", the host is not your account's own (account.host or dbt.baseUrl), or the id is"
                + " wrong. Fix: check the id in dbt Cloud (Account settings -> Projects) and grant the token access"
                + " to it. (dbt Cloud said: "
                + e.userMessage()
                + ")");
      }
      throw e;
    }
  }

  /**
   * The environment listing, checked against the jobs: every job runs in an environment, so a job
   * whose environment the listing lacks means the listing is incomplete (read again once, in case
   * the environment was created in between). Planning from it would create that environment twice.
   */
  private List<Environment> consistent(
      ProjectSpec spec,
      long account,
      Project project,
      List<Environment> environments,
      List<Job> jobs) {
    List<Job> orphans = orphans(environments, jobs);
    if (orphans.isEmpty()) {
      return environments;
    }
    List<Environment> again = client.listEnvironments(account, project.id());
    orphans = orphans(again, jobs);
    if (orphans.isEmpty()) {
      return again;
    }
    throw new ScopeException(
        "project "
            + spec.describe()
            + ": dbt Cloud at "
            + client.baseUrl()
            + " lists "
            + again.size()
            + " environment(s), but job(s) "
            + orphans.stream()
                .map(j -> j.id() + " (environment " + j.environmentId() + ")")
                .collect(Collectors.joining(", "))
            + " run in environments missing from that listing. A plan from an incomplete listing would create"
            + " environments that already exist, so none was made. Likely cause: the token may read jobs but not"
            + " every environment of the project; give it access to all of them, then plan again.");
  }

  private static List<Job> orphans(List<Environment> environments, List<Job> jobs) {
    Set<Long> ids = environments.stream().map(Environment::id).collect(Collectors.toSet());
    return jobs.stream()
        .filter(j -> j.environmentId() != null && !ids.contains(j.environmentId()))
        .toList();
  }

  /**
   * Managed jobs of this file whose job-level variables the file sets: their override view is
   * needed.
   */
  private static List<Job> jobsWithOverrides(ProjectSpec spec, List<Job> jobs, String namespace) {
    List<Job> out = new ArrayList<>();
    for (Job job : jobs) {
      Marker marker = Marker.findIn(job.description(), job.name()).orElse(null);
      if (marker == null || !Objects.equals(marker.namespace(), namespace)) {
        continue;
      }
      JobSpec js = spec.jobs().get(marker.key());
      if (js != null && !js.envVars().isEmpty()) {
        out.add(job);
      }
    }
    return out;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading dbt Cloud", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
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
