package io.github.dbtcloud.core.api;

/**
 * A run's (or step's) {@code status} code (docs/wire-format.md#runs); codes dbt Cloud adds later
 * read as {@link #UNKNOWN}.
 */
public enum RunStatus {
  QUEUED(1, "Queued"),
  STARTING(2, "Starting"),
  RUNNING(3, "Running"),
  SUCCESS(10, "Success"),
  ERROR(20, "Error"),
  CANCELLED(30, "Cancelled"),
  UNKNOWN(-1, "Unknown");

  private final int code;
  private final String label;

  RunStatus(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The status for a wire code. */
  public static RunStatus of(Long code) {
    if (code != null) {
      for (RunStatus s : values()) {
        if (s.code == code) {
          return s;
        }
      }
    }
    return UNKNOWN;
  }

  /** The wire code. */
  public int code() {
    return code;
  }

  /** How dbt Cloud spells it ({@code status_humanized}). */
  public String label() {
    return label;
  }

  /** Whether the run can change no more: success, error or cancelled (docs/wire-format.md#runs). */
  public boolean isTerminal() {
    return this == SUCCESS || this == ERROR || this == CANCELLED;
  }
}
