package io.github.dbtcloud.core.resource;

/**
 * One field that differs, by wire path ({@code settings.threads}).
 *
 * @param path dotted wire path (for environment variables: the scope, {@code project} or an
 *     environment name)
 * @param before the current value (null when absent)
 * @param after the planned value
 * @param pending the planned value is an id only known after another change is applied
 * @param origin where the difference comes from, when the marker's fingerprint can tell
 * @param sensitive the values are secrets: renderers show {@code (sensitive)}, never the value
 * @param refersTo for an id of another managed object, the object the planned id points to, so that
 *     renderers can name it next to the id ({@code environment "ci"}); null otherwise
 * @param note one line saying why the field changes when its values alone do not tell (a job marker
 *     moving or changing form), or null
 */
public record FieldChange(
    String path,
    Object before,
    Object after,
    PendingReference pending,
    Origin origin,
    boolean sensitive,
    ResourceAddress refersTo,
    String note) {

  /** Where a difference comes from. */
  public enum Origin {
    /** The desired-state file changed since the last apply (or the object is new). */
    FILE("file"),
    /** dbt Cloud was changed by hand since the last apply: the plan puts the file's value back. */
    OUTSIDE("outside"),
    /** No fingerprint to compare with, or both sides changed. */
    UNKNOWN("unknown");

    private final String label;

    Origin(String label) {
      this.label = label;
    }

    /** The word plan.json uses. */
    public String label() {
      return label;
    }
  }

  public FieldChange {
    origin = origin == null ? Origin.UNKNOWN : origin;
  }

  /** A change without a note. */
  public FieldChange(
      String path,
      Object before,
      Object after,
      PendingReference pending,
      Origin origin,
      boolean sensitive,
      ResourceAddress refersTo) {
    this(path, before, after, pending, origin, sensitive, refersTo, null);
  }

  /** This change with a one-line reason shown next to it. */
  public FieldChange withNote(String note) {
    return new FieldChange(path, before, after, pending, origin, sensitive, refersTo, note);
  }

  /** A value the file sets on a new object. */
  public static FieldChange created(String path, Object after, PendingReference pending) {
    return new FieldChange(path, null, after, pending, Origin.FILE, false, null);
  }

  /** A change of value whose origin is not known. */
  public static FieldChange of(String path, Object before, Object after) {
    return new FieldChange(path, before, after, null, Origin.UNKNOWN, false, null);
  }

  /** This change with its origin set. */
  public FieldChange withOrigin(Origin origin) {
    return new FieldChange(path, before, after, pending, origin, sensitive, refersTo, note);
  }

  /** This change with the object its planned id points to. */
  public FieldChange withRefersTo(ResourceAddress target) {
    return new FieldChange(path, before, after, pending, origin, sensitive, target, note);
  }

  /** This change with its values hidden in output (a secret). */
  public FieldChange asSensitive() {
    return new FieldChange(path, before, after, pending, origin, true, refersTo, note);
  }
}
