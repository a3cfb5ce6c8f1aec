package io.github.dbtcloud.core.apply;

/**
 * How an apply runs its changes.
 *
 * @param parallelism how many independent changes are sent at the same time (at least 1)
 * @param failFast start no new change after the first failure (changes already sent finish)
 */
public record ApplyOptions(int parallelism, boolean failFast) {

  /** The default parallelism: enough to hide latency, far below dbt Cloud's rate limit. */
  public static final int DEFAULT_PARALLELISM = 4;

  public ApplyOptions {
    if (parallelism < 1) {
      throw new IllegalArgumentException("dbt.parallelism must be at least 1, was " + parallelism);
    }
  }

  /** Four at a time, carrying on after a failure with the changes that do not depend on it. */
  public static ApplyOptions defaults() {
    return new ApplyOptions(DEFAULT_PARALLELISM, false);
  }
}
