package io.github.dbtcloud.core.verify;

import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.config.VerifySettings;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.remote.Projects;
import io.github.dbtcloud.core.resource.job.DuplicateMarkerException;
import io.github.dbtcloud.core.resource.job.Job;
import io.github.dbtcloud.core.resource.job.JobApi;
import io.github.dbtcloud.core.resource.job.JobSnapshot;
import java.util.List;
import java.util.Map;

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

  ResolvedJob resolve(DesiredState desired, VerifySettings request) {
    String origin = VerifySettingsResolver.origin(request);
    JobApi jobs = new JobApi(client, desired.account().id());
    long account = desired.account().id();
    String ref = request.job();
    if (ref.chars().allMatch(Character::isDigit)) {
      long id = Long.parseLong(ref);
      try {
        Job job = jobs.get(id);
        return new ResolvedJob(id, "id " + id, job.name());
      } catch (DbtCloudApiException e) {
        if (e.status() == 404) {
          throw new VerificationFailedException(
              VerificationFailedException.Kind.CONFIGURATION,
              "Cannot verify: "
                  + origin
                  + " names job id "
                  + id
                  + ", but account "
                  + account
                  + " has no such job (or the token cannot see"
                  + " it). Use a job key from "
                  + desired.name()
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
              ? "a job key in " + desired.name()
              : "a job of project '" + request.project() + "' in " + desired.name();
      throw new VerificationFailedException(
          VerificationFailedException.Kind.CONFIGURATION,
          "Cannot verify: "
              + origin
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
      throw new VerificationFailedException(
          VerificationFailedException.Kind.CONFIGURATION,
          "Cannot verify: job key '"
              + ref
              + "' ("
              + origin
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
    long projectId = new Projects(client).idOf(account, project);
    JobSnapshot listed = JobSnapshot.of(jobs.list(projectId), desired.ownership().namespace());
    Marker wanted = new Marker(desired.ownership().namespace(), ref);
    if (listed.duplicates().containsKey(wanted.text())) {
      throw new DuplicateMarkerException(
          Map.of(wanted.text(), listed.duplicates().get(wanted.text())),
          project.describe(),
          Map.of());
    }
    Job found = listed.managed().get(ref);
    if (found == null) {
      throw new VerificationFailedException(
          VerificationFailedException.Kind.CONFIGURATION,
          "Cannot verify job '"
              + ref
              + "': it is"
              + " declared in "
              + desired.name()
              + " (project "
              + project.describe()
              + ") but no job in dbt Cloud"
              + " carries its marker "
              + wanted.text()
              + " yet. Run 'mvn dbt:apply' first, which creates it.");
    }
    return new ResolvedJob(found.id(), ref, found.name());
  }
}
