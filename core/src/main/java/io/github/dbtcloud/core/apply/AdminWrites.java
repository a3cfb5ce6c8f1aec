package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.EnvironmentVariable;
import io.github.dbtcloud.core.api.EnvironmentVariables;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.JobEnvironmentVariable;
import java.util.List;

/**
 * {@link DbtCloudWrites} on the Admin API of one account, through one client: its rate limiter and
 * request count are shared by every change of the apply, whatever the parallelism.
 *
 * @param client the open client
 * @param account the account id
 */
public record AdminWrites(AdminClient client, long account) implements DbtCloudWrites {

  @Override
  public Environment getEnvironment(long projectId, long id) {
    return client.getEnvironment(account, projectId, id);
  }

  @Override
  public List<Environment> listEnvironments(long projectId) {
    return client.listEnvironments(account, projectId);
  }

  @Override
  public Environment createEnvironment(long projectId, Environment environment) {
    return client.createEnvironment(account, projectId, environment);
  }

  @Override
  public Environment updateEnvironment(long projectId, Environment environment) {
    return client.updateEnvironment(account, projectId, environment);
  }

  @Override
  public Job getJob(long id) {
    return client.getJob(account, id);
  }

  @Override
  public List<Job> listJobs(long projectId) {
    return client.listJobs(account, projectId);
  }

  @Override
  public Job createJob(Job job) {
    return client.createJob(account, job);
  }

  @Override
  public Job updateJob(Job job) {
    return client.updateJob(account, job);
  }

  @Override
  public void deleteJob(long id) {
    client.deleteJob(account, id);
  }

  @Override
  public EnvironmentVariables environmentVariables(long projectId) {
    return client.environmentVariables(account, projectId);
  }

  @Override
  public void createEnvironmentVariable(long projectId, EnvironmentVariable variable) {
    client.createEnvironmentVariable(account, projectId, variable);
  }

  @Override
  public void updateEnvironmentVariable(
      long projectId, EnvironmentVariable before, EnvironmentVariable after) {
    client.updateEnvironmentVariable(account, projectId, before, after);
  }

  @Override
  public List<JobEnvironmentVariable> jobEnvironmentVariables(long projectId, long jobId) {
    return client.jobEnvironmentVariables(account, projectId, jobId);
  }

  @Override
  public JobEnvironmentVariable createJobEnvironmentVariable(
      long projectId, JobEnvironmentVariable variable) {
    return client.createJobEnvironmentVariable(account, projectId, variable);
  }

  @Override
  public JobEnvironmentVariable updateJobEnvironmentVariable(
      long projectId, JobEnvironmentVariable variable) {
    return client.updateJobEnvironmentVariable(account, projectId, variable);
  }

  @Override
  public int requestCount() {
    return client.requestCount();
  }
}
