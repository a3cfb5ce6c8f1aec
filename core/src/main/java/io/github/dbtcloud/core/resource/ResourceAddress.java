package io.github.dbtcloud.core.resource;

/**
 * Names a managed object the way the desired state does: its kind, its project key (none for an
 * account-level kind) and its own key.
 *
 * @param kind the object's kind
 * @param project the project's local key, or null for an account-level object
 * @param key the object's key in the file (for a job override: {@code job/VARIABLE})
 */
public record ResourceAddress(ResourceKind<?> kind, String project, String key) {

  /** The scope part of {@link #id()} for account-level objects. */
  public static final String ACCOUNT = "account";

  /** A stable id across plans, as plan.json writes it: {@code jaffle_shop.job.nightly}. */
  public String id() {
    return (project == null ? ACCOUNT : project) + "." + kind.name() + "." + key;
  }

  /** The project key, or {@code account} for an account-level object (for grouping in output). */
  public String scope() {
    return project == null ? ACCOUNT : project;
  }

  /** {@code environment "prod"} / {@code job "nightly"}. */
  @Override
  public String toString() {
    return kind.name() + " \"" + key + "\"";
  }
}
