package io.github.dbtcloud.core.verify;

import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.plan.DuplicateMarkerException;
import java.util.List;
import java.util.Objects;

/**
 * Finds the id of the job to run: a numeric id is read as is (and checked); a key from the file is
 * the managed job carrying the marker {@code [[key]]} (in the file's namespace) among its project's
 * jobs in dbt Cloud.
 */
final class JobResolver {

  private final AdminClient client;

  JobResolver(AdminClient client) {
    this.client = client;
  }

  /**
   * The job, resolved.
   *
   * @param id the job id
   * @param label how messages name it: the key, or {@code id N}
   * @param name the job's name in dbt Cloud
   */
  record ResolvedJob(long id, String label, String name) {}

  ResolvedJob resolve(DesiredState desired, VerifyRequest request) {
    long account = desired.account().id();
    String ref = request.job();
    if (ref.chars().allMatch(Character::isDigit)) {
      long id = Long.parseLong(ref);
      try {
        Job job = client.getJob(account, id);
        return new ResolvedJob(id, "id " + id, job.name());
      } catch (DbtCloudApiException e) {
        if (e.status() == 404) {
          throw new VerificationFailure(
              VerificationFailure.Kind.CONFIGURATION,
              "Cannot verify: "
                  + request.origin()
                  + " names job id "
                  + id
                  + ", but account "
                  + account
                  + " has no such job (or the token cannot see"
                  + " it). Use a job key from "
                  + fileName(desired)
                  + " or the id of an existing job.");
        }
        throw e;
      }
    }
    List<ProjectSpec> declaring =
        desired.projects().values().stream()
            .filter(p -> request.project() == null || p.key().equals(request.project()))
            .filter(p -> p.jobs().containsKey(ref))
            .toList();
    if (declaring.isEmpty()) {
      List<String> keys =
          desired.projects().values().stream()
              .flatMap(p -> p.jobs().keySet().stream().map(k -> p.key() + "/" + k))
              .toList();
      String where =
          request.project() == null
              ? "a job key in " + fileName(desired)
              : "a job of project '" + request.project() + "' in " + fileName(desired);
      throw new VerificationFailure(
          VerificationFailure.Kind.CONFIGURATION,
          "Cannot verify: "
              + request.origin()
              + " is '"
              + ref
              + "', which is neither "
              + where
              + " nor a numeric job id. Jobs in the file: "
              + keys
              + ".");
    }
    if (declaring.size() > 1) {
      List<String> keys = declaring.stream().map(ProjectSpec::key).toList();
      throw new VerificationFailure(
          VerificationFailure.Kind.CONFIGURATION,
          "Cannot verify: job key '"
              + ref
              + "' ("
              + request.origin()
              + ") is declared in projects "
              + String.join(" and ", keys)
              + "; say which with"
              + " -Ddbt.verify.job="
              + keys.get(0)
              + "/"
              + ref
              + " (or 'project: "
              + keys.get(0)
              + "' under verify:).");
    }
    ProjectSpec project = declaring.get(0);
    long projectId = project.id() != null ? project.id() : projectByName(account, project).id();
    String namespace = desired.ownership().namespace();
    Marker wanted = new Marker(namespace, ref);
    Job found = null;
    for (Job job : client.listJobs(account, projectId)) {
      Marker marker = Marker.findIn(job.description(), job.name()).orElse(null);
      if (marker != null
          && marker.key().equals(ref)
          && Objects.equals(marker.namespace(), namespace)) {
        if (found != null) {
          throw new DuplicateMarkerException(wanted, found.id(), job.id());
        }
        found = job;
      }
    }
    if (found == null) {
      throw new VerificationFailure(
          VerificationFailure.Kind.CONFIGURATION,
          "Cannot verify job '"
              + ref
              + "': it is"
              + " declared in "
              + fileName(desired)
              + " (project "
              + project.describe()
              + ") but no job in dbt Cloud"
              + " carries its marker "
              + wanted.text()
              + " yet. Run 'mvn dbt:apply' first, which creates it.");
    }
    return new ResolvedJob(found.id(), ref, found.name());
  }

  private Project projectByName(long account, ProjectSpec spec) {
    List<Project> named =
        client.listProjects(account).stream().filter(p -> spec.name().equals(p.name())).toList();
    if (named.size() != 1) {
      throw new VerificationFailure(
          VerificationFailure.Kind.CONFIGURATION,
          "Cannot verify: project "
              + spec.describe()
              + " matches "
              + named.size()
              + " projects in account "
              + account
              + "; give the project's 'id:' in the file.");
    }
    return named.get(0);
  }

  private static String fileName(DesiredState desired) {
    return desired.files().isEmpty()
        ? "the desired-state file"
        : desired.files().get(0).getFileName().toString();
  }
}
