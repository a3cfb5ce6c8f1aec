package io.github.dbtcloud.core.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Collects the fields a spec sets while merging them into a wire object: a value the file leaves
 * out (null) is not managed; one under {@code ignore_changes} is managed only on create.
 *
 * @param <T> the wire type
 */
public final class ManagedFields<T> {

  private T object;
  private final boolean creating;
  private final Predicate<String> ignored;
  private final List<String> paths = new ArrayList<>();

  public ManagedFields(T base, boolean creating, Predicate<String> ignored) {
    this.object = base;
    this.creating = creating;
    this.ignored = ignored;
  }

  /**
   * Merges {@code value} when the file sets it and does not leave it to dbt Cloud.
   *
   * @param fileKey the key in dbt-cloud.yml, as {@code ignore_changes} names it
   * @param wirePaths the wire paths the value lands in, in display order
   */
  public <V> void set(V value, String fileKey, BiFunction<T, V, T> with, String... wirePaths) {
    if (value != null && manages(fileKey)) {
      object = with.apply(object, value);
      paths.addAll(List.of(wirePaths));
    }
  }

  /** Whether the file's value for this key is applied (always on create). */
  public boolean manages(String fileKey) {
    return creating || !ignored.test(fileKey);
  }

  /** Records paths merged by the caller itself (references, markers). */
  public void managed(T merged, String... wirePaths) {
    object = merged;
    paths.addAll(List.of(wirePaths));
  }

  public T object() {
    return object;
  }

  public List<String> paths() {
    return paths;
  }
}
