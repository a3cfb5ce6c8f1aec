package io.github.dbtcloud.core.verify;

import java.time.Duration;

/**
 * A verification run that succeeded.
 *
 * @param runId the run
 * @param href the run's page in dbt Cloud, or empty
 * @param duration from trigger to finish, as dbt Cloud timed it
 * @param polls how many times the run was read while waiting
 */
public record VerifyResult(long runId, String href, Duration duration, int polls) {}
