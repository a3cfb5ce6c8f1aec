package io.github.dbtcloud.core.config;

/**
 * What a job defers to: an environment (by key), or a job (by key; {@code self} for itself), or a
 * job the file does not manage by id. All null: no deferral (an explicit {@code null} in a
 * dbt-jobs-as-code file clears it).
 *
 * @param environment environment key, or null
 * @param job job key or {@code self}, or null
 * @param position where the deferral is declared
 * @param jobId the id of a job the file does not manage, or null
 */
public record DeferralSpec(String environment, String job, SourcePosition position, Long jobId) {

  /** A deferral to an environment or a job of the file, by key. */
  public DeferralSpec(String environment, String job, SourcePosition position) {
    this(environment, job, position, null);
  }
}
