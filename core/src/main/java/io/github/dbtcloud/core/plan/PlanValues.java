package io.github.dbtcloud.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.Unmanaged;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How plan renderers write values: as the user would write them, secrets hidden, pending ids
 * explained.
 */
final class PlanValues {

  static final String SENSITIVE = EnvironmentVariable.SENSITIVE;

  private PlanValues() {}

  /** Built only for a value that is not plain JSON (a plan's values never are). */
  private static final class Databind {
    static final ObjectMapper JSON = new ObjectMapper();
  }

  /** A value: strings quoted, lists and objects as JSON, null as {@code null}. */
  static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String || v instanceof List<?> || v instanceof Map<?, ?>) {
      try {
        return PlanFileJson.compact(v);
      } catch (PlanFileJson.NotPlain notPlain) {
        try {
          return Databind.JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
          return String.valueOf(v);
        }
      }
    }
    return String.valueOf(v);
  }

  /**
   * The planned value of a field as shown; an id of another object followed by the object it points
   * to, {@code 70403104191400 (environment "ci")}, with its project when that is not {@code
   * project}.
   */
  static String after(FieldChange f, String project) {
    if (f.pending() != null) {
      return "(known after apply: " + f.pending().target() + ")";
    }
    if (f.sensitive()) {
      return SENSITIVE;
    }
    ResourceAddress target = f.refersTo();
    if (target == null) {
      return value(f.after());
    }
    return value(f.after())
        + " ("
        + target
        + (java.util.Objects.equals(target.project(), project)
            ? ""
            : " in project " + target.scope())
        + ")";
  }

  /** The current value of a field as shown. */
  static String before(FieldChange f) {
    if (f.sensitive()) {
      return f.before() == null ? "null" : SENSITIVE;
    }
    return value(f.before());
  }

  /** Whether a field is best shown element by element. */
  static boolean listDiff(FieldChange f) {
    if (f.sensitive() || f.pending() != null) {
      return false;
    }
    int before = f.before() instanceof List<?> b ? b.size() : f.before() == null ? 0 : -1;
    int after = f.after() instanceof List<?> a ? a.size() : f.after() == null ? 0 : -1;
    return before >= 0
        && after >= 0
        && (f.after() instanceof List<?> || f.before() instanceof List<?>)
        && Math.max(before, after) > 1;
  }

  /** One element of a list diff. */
  record Element(char op, Object value) {}

  /**
   * The elements of two lists as kept ({@code ' '}), removed ({@code '-'}) and added ({@code '+'}),
   * by LCS.
   */
  static List<Element> elements(Object before, Object after) {
    List<?> a = before instanceof List<?> l ? l : List.of();
    List<?> b = after instanceof List<?> l ? l : List.of();
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Element> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        out.add(new Element(' ', a.get(i++)));
        j++;
      } else if (i < a.size() && (j >= b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        // removals before additions, as Terraform and diff show a replaced element
        out.add(new Element('-', a.get(i++)));
      } else {
        out.add(new Element('+', b.get(j++)));
      }
    }
    return out;
  }

  /**
   * A field or scope name, quoted when it is not a plain identifier (environment names may have
   * spaces).
   */
  static String name(String name) {
    return name.matches("[A-Za-z0-9_.]+") ? name : value(name);
  }

  /** {@code 2 unmanaged job(s)}, per kind. */
  static String unmanaged(List<Unmanaged> objects) {
    java.util.Map<String, Integer> byKind = new java.util.LinkedHashMap<>();
    objects.forEach(u -> byKind.merge(u.kind().name().replace('_', ' '), 1, Integer::sum));
    return String.join(
        ", ",
        byKind.entrySet().stream()
            .map(e -> e.getValue() + " unmanaged " + e.getKey() + "(s)")
            .toList());
  }

  /** The name of the object as headers show it: {@code job "nightly" (id 42)}. */
  static String title(Change change) {
    Long id = change.id();
    return change.address() + (id == null ? "" : " (id " + id + ")");
  }
}
