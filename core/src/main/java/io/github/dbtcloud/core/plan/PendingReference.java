package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.JobEnvironmentVariable;

/**
 * A field whose value is the id of an object this same apply creates first. The target may be the
 * change's own object (a job deferring to itself): then the id is written by an update right after
 * the create.
 *
 * @param field which field of the change receives the id
 * @param target the object whose id it is
 */
public record PendingReference(Field field, ResourceAddress target) {

  /** The id-bearing fields a planned object can wait for. */
  public enum Field {
    /** A job's {@code environment_id}. */
    ENVIRONMENT_ID(Job.ENVIRONMENT_ID),
    /** A job's {@code deferring_environment_id}. */
    DEFERRING_ENVIRONMENT_ID(Job.DEFERRING_ENVIRONMENT_ID),
    /** A job's {@code deferring_job_definition_id} (possibly its own id). */
    DEFERRING_JOB_ID(Job.DEFERRING_JOB_ID),
    /** The job a completion trigger waits for. */
    COMPLETION_JOB_ID(Job.COMPLETION_JOB_ID),
    /** The job a job-level environment variable override belongs to. */
    JOB_DEFINITION_ID(JobEnvironmentVariable.JOB_ID);

    private final String path;

    Field(String path) {
      this.path = path;
    }

    /** The wire path the id goes into. */
    public String path() {
      return path;
    }
  }
}
