package io.github.dbtcloud.core.plan;

/**
 * Names a managed object the way the desired state does: its kind, its project key and its own key.
 *
 * @param kind environment, job, or environment variable
 * @param project the project's local key
 * @param key the object's key in the file (for a job override: {@code job/VARIABLE})
 */
public record ResourceAddress(Kind kind, String project, String key) {

  /** The kinds of object the plugin manages. */
  public enum Kind {
    ENVIRONMENT("environment"),
    JOB("job"),
    ENVIRONMENT_VARIABLE("environment_variable"),
    JOB_ENVIRONMENT_VARIABLE("job_environment_variable");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The word used in plan output. */
    public String label() {
      return label;
    }
  }

  /** The address of a job's override of a variable. */
  public static ResourceAddress jobVariable(String project, String jobKey, String variable) {
    return new ResourceAddress(Kind.JOB_ENVIRONMENT_VARIABLE, project, jobKey + "/" + variable);
  }

  /** A stable id across plans, as plan.json writes it: {@code jaffle_shop.job.nightly}. */
  public String id() {
    return project + "." + kind.label() + "." + key;
  }

  /** {@code environment "prod"} / {@code job "nightly"}. */
  @Override
  public String toString() {
    return kind.label() + " \"" + key + "\"";
  }
}
