package io.github.dbtcloud.core.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Field-by-field comparison of two wire objects, by dotted path, skipping server-owned fields. */
final class FieldDiff {

  private FieldDiff() {}

  /** The leaf fields whose values differ, in the order of {@code after}, then {@code before}. */
  static List<FieldChange> between(Map<String, Object> before, Map<String, Object> after, Set<String> readOnly) {
    List<FieldChange> out = new ArrayList<>();
    walk("", before, after, readOnly, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void walk(String prefix, Map<String, Object> before, Map<String, Object> after, Set<String> readOnly,
      List<FieldChange> out) {
    Set<String> keys = new LinkedHashSet<>(after.keySet());
    keys.addAll(before.keySet());
    for (String key : keys) {
      if (prefix.isEmpty() && readOnly.contains(key)) {
        continue;
      }
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      Object b = before.get(key);
      Object a = after.get(key);
      if (b instanceof Map<?, ?> bm && a instanceof Map<?, ?> am) {
        walk(path, (Map<String, Object>) bm, (Map<String, Object>) am, readOnly, out);
      } else if (!Objects.equals(b, a)) {
        out.add(FieldChange.of(path, b, a));
      }
    }
  }
}
