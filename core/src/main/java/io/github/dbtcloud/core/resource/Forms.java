package io.github.dbtcloud.core.resource;

/**
 * Normal forms shared by several kinds: two values with the same form are not a change. Each kind
 * keeps its own per-field forms; these are the pieces they have in common.
 */
public final class Forms {

  private Forms() {}

  /**
   * A dbt version as compared: blank is unset, and {@code versionless} is {@code latest}, the name
   * it had before (dbt Cloud may answer with either; docs/wire-format.md#job-fields).
   */
  public static Object dbtVersion(Object v) {
    if (!(v instanceof String s) || s.isBlank()) {
      return null;
    }
    return s.equals("versionless") ? "latest" : s;
  }

  /** Integral numbers as Long, so that 1 and 1L compare equal. */
  public static Object number(Object v) {
    return v instanceof Integer i ? Long.valueOf(i) : v;
  }
}
