package io.github.dbtcloud.core.resource.job;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.util.Locale;

/**
 * The job type dbt Cloud derives from a job's triggers (docs/wire-format.md#job-type). New values
 * appear without notice, so anything unknown reads as {@link #UNKNOWN} instead of failing.
 */
public enum JobType {
  CI,
  SCHEDULED,
  OTHER,
  MERGE,
  EXPOSURE_SYNC,
  ADAPTIVE,
  HYBRID,
  @JsonEnumDefaultValue
  UNKNOWN;

  /** The type for a wire value; null and unknown values give {@link #UNKNOWN}. */
  public static JobType of(String wire) {
    if (wire == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  /**
   * The type dbt Cloud gives a job with these triggers: a webhook makes CI, on-merge makes merge.
   */
  public static JobType derivedFrom(boolean gitProviderWebhook, boolean onMerge, boolean schedule) {
    if (gitProviderWebhook) {
      return CI;
    }
    if (onMerge) {
      return MERGE;
    }
    return schedule ? SCHEDULED : OTHER;
  }
}
