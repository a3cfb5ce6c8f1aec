package io.github.dbtcloud.core.plan;

/**
 * One field that differs, by wire path ({@code settings.threads}).
 *
 * @param path dotted wire path
 * @param before the current value (null when absent)
 * @param after the planned value
 * @param pending the planned value is an id only known after another change is applied
 */
public record FieldChange(String path, Object before, Object after, PendingReference pending) {

  /** A plain change of value. */
  public static FieldChange of(String path, Object before, Object after) {
    return new FieldChange(path, before, after, null);
  }
}
