package io.github.dbtcloud.core.identity;

import java.util.Locale;

/**
 * Where markers are written. Both places are always read; a marker found in the other one moves
 * here on the next apply.
 */
public enum MarkerPlacement {
  /** At the end of the job's description, out of sight in the UI (the default). */
  DESCRIPTION,
  /** At the end of the job's name, as dbt-jobs-as-code writes it. */
  NAME;

  /** Parses {@code description} or {@code name}, naming the accepted values when it is neither. */
  public static MarkerPlacement parse(String text) {
    if (text == null || text.isBlank()) {
      return DESCRIPTION;
    }
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a marker placement; use description or name");
    }
  }
}
