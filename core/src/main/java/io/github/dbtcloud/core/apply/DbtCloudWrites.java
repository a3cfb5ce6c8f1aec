package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.EnvironmentVariable;
import io.github.dbtcloud.core.api.EnvironmentVariables;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.JobEnvironmentVariable;
import java.util.List;

/**
 * What an apply reads and writes in one account: the {@link
 * io.github.dbtcloud.core.api.AdminClient} calls the applier needs, as a port, so that ordering,
 * adoption and partial failure are unit-tested against an in-memory account ({@link AdminWrites} is
 * the real one). Every method throws {@link io.github.dbtcloud.core.api.DbtCloudApiException} when
 * dbt Cloud refuses or does not answer.
 */
public interface DbtCloudWrites {

  Environment getEnvironment(long projectId, long id);

  List<Environment> listEnvironments(long projectId);

  /** Sent once. */
  Environment createEnvironment(long projectId, Environment environment);

  Environment updateEnvironment(long projectId, Environment environment);

  Job getJob(long id);

  List<Job> listJobs(long projectId);

  /** Sent once. */
  Job createJob(Job job);

  Job updateJob(Job job);

  void deleteJob(long id);

  EnvironmentVariables environmentVariables(long projectId);

  /** Sent once. */
  void createEnvironmentVariable(long projectId, EnvironmentVariable variable);

  void updateEnvironmentVariable(
      long projectId, EnvironmentVariable before, EnvironmentVariable after);

  List<JobEnvironmentVariable> jobEnvironmentVariables(long projectId, long jobId);

  /** Sent once. */
  JobEnvironmentVariable createJobEnvironmentVariable(
      long projectId, JobEnvironmentVariable variable);

  JobEnvironmentVariable updateJobEnvironmentVariable(
      long projectId, JobEnvironmentVariable variable);

  /** Requests sent so far, retries included. */
  int requestCount();
}
