package io.github.dbtcloud.core.plan;

/**
 * A field whose value is the id of an object this same apply creates first.
 *
 * @param field which field of the change receives the id
 * @param target the object whose id it is
 */
public record PendingReference(Field field, ResourceAddress target) {

  /** The id-bearing fields a planned object can wait for. */
  public enum Field {
    /** A job's {@code environment_id}. */
    ENVIRONMENT_ID("environment_id");

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
