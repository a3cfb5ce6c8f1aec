package io.github.dbtcloud.core.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Moves a planned change onto the object as it is now: every field the plan changes (where {@code
 * before} and {@code after} differ, nested objects field by field) takes the planned value; every
 * other field keeps the current one. So an update does exactly what the plan said, and a field the
 * file does not manage, or one changed in dbt Cloud since the plan but not planned, is sent back as
 * dbt Cloud holds it now.
 */
public final class Rebase {

  private Rebase() {}

  /** {@code current} with the differences from {@code before} to {@code after} applied. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> onto(
      Map<String, Object> current, Map<String, Object> before, Map<String, Object> after) {
    Map<String, Object> out = new LinkedHashMap<>(current);
    Set<String> keys = new LinkedHashSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String key : keys) {
      boolean inBefore = before.containsKey(key);
      boolean inAfter = after.containsKey(key);
      Object was = before.get(key);
      Object will = after.get(key);
      if (inBefore == inAfter && Objects.equals(was, will)) {
        continue;
      }
      if (!inAfter) {
        out.remove(key);
      } else if (was instanceof Map<?, ?> b
          && will instanceof Map<?, ?> a
          && current.get(key) instanceof Map<?, ?> c) {
        out.put(
            key, onto((Map<String, Object>) c, (Map<String, Object>) b, (Map<String, Object>) a));
      } else {
        out.put(key, will);
      }
    }
    return Collections.unmodifiableMap(out);
  }
}
