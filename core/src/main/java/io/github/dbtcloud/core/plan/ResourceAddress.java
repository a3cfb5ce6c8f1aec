package io.github.dbtcloud.core.plan;

/**
 * Names a managed object the way the desired state does: its kind, its project key and its own key.
 *
 * @param kind environment or job
 * @param project the project's local key
 * @param key the object's key in the file
 */
public record ResourceAddress(Kind kind, String project, String key) {

  /** The kinds of object the plugin manages. */
  public enum Kind {
    ENVIRONMENT("environment"),
    JOB("job");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The word used in plan output. */
    public String label() {
      return label;
    }
  }

  /** {@code environment "prod"} / {@code job "nightly"}. */
  @Override
  public String toString() {
    return kind.label() + " \"" + key + "\"";
  }
}
