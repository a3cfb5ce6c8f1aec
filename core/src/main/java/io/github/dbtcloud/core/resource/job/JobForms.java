package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.resource.Forms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The form in which a planned job value and the server's value are compared, per field. It knows
 * the server's defaults (a null {@code threads} is 1), null versus empty, the server's rewrites
 * ({@code versionless} is {@code latest}; the state-aware features collapse into {@code
 * dbt_state}), crons that mean the same, and marker fingerprints (not part of the text they sit
 * in). Two values with the same form are not a change: this is what keeps a plan after apply empty.
 */
final class JobForms {

  /** What dbt Cloud stores when a field is left out (docs/wire-format.md#job-fields). */
  private static final Map<String, Object> DEFAULTS =
      Map.ofEntries(
          Map.entry(Job.DESCRIPTION, ""),
          Map.entry(Job.THREADS, 1L),
          Map.entry(Job.TARGET_NAME, "default"),
          Map.entry(Job.TIMEOUT_SECONDS, 0L),
          Map.entry(Job.GENERATE_DOCS, false),
          Map.entry(Job.RUN_GENERATE_SOURCES, false),
          Map.entry(Job.TRIGGER_SCHEDULE, false),
          Map.entry(Job.TRIGGER_GIT_PROVIDER_WEBHOOK, false),
          Map.entry(Job.TRIGGER_GITHUB_WEBHOOK, false),
          Map.entry(Job.TRIGGER_ON_MERGE, false),
          Map.entry(Job.TRIGGERS_ON_DRAFT_PR, false),
          Map.entry(Job.RUN_COMPARE_CHANGES, false),
          Map.entry(Job.COMPARE_CHANGES_FLAGS, "--select state:modified"),
          Map.entry(Job.RUN_LINT, false),
          Map.entry(Job.ERRORS_ON_LINT_FAILURE, true));

  /**
   * The cost optimisation features dbt Cloud may fold into one another
   * (docs/wire-format.md#cost-optimization-features).
   */
  private static final Set<String> STATE_FEATURES =
      Set.of("state_aware_orchestration", "efficient_testing", "dbt_state");

  private JobForms() {}

  /** The compared form of a job field. */
  static Object of(String path, Object value) {
    Object v = value == null ? DEFAULTS.get(path) : value;
    switch (path) {
      case Job.NAME:
      case Job.DESCRIPTION:
        return markerless(v);
      case Job.EXECUTE_STEPS:
        return steps(v);
      case Job.DBT_VERSION:
        return Forms.dbtVersion(v);
      case Job.SCHEDULE_CRON:
        return v instanceof String s ? Schedules.normalise(s) : v;
      case Job.COST_OPTIMIZATION_FEATURES:
        return costFeatures(v);
      case Job.COMPLETION_STATUSES:
        return v instanceof List<?> l
            ? new TreeSet<>(l.stream().map(String::valueOf).toList()).toString()
            : v;
      case Job.COMPARE_CHANGES_FLAGS:
        return v instanceof String s && s.isBlank() ? DEFAULTS.get(path) : v;
      default:
        return Forms.number(v);
    }
  }

  /**
   * Text with its marker's fingerprint removed: the fingerprint records the last apply, it is not
   * something the file asks for, so it alone never makes a change.
   */
  static Object markerless(Object value) {
    if (!(value instanceof String s)) {
      return value == null ? "" : value;
    }
    return Marker.find(s)
        .map(m -> Marker.strip(s) + " " + m.withFingerprint(null).text())
        .orElse(s)
        .strip();
  }

  /** A name or description as compared whole, marker included: null is empty, ends trimmed. */
  static String text(Object value) {
    return value == null ? "" : String.valueOf(value).strip();
  }

  /** Text without its marker at all (what the fingerprint covers). */
  static Object withoutMarker(Object value) {
    return value instanceof String s ? Marker.strip(s).strip() : value;
  }

  private static Object steps(Object v) {
    if (!(v instanceof List<?> l)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object step : l) {
      out.add(oneSpaced(String.valueOf(step).strip()));
    }
    return out;
  }

  /**
   * {@code text} with each run of the regex class {@code \s} ({@code [ \t\n\x0B\f\r]}) as one
   * space, as {@code replaceAll("\\s+", " ")} gives it, without a matcher for each step of each
   * job.
   */
  static String oneSpaced(String text) {
    int n = text.length();
    int i = 0;
    // the first place that changes: whitespace other than a space, or a space before whitespace
    while (i < n
        && !(Marker.isRegexSpace(text.charAt(i))
            && (text.charAt(i) != ' ' || i + 1 < n && Marker.isRegexSpace(text.charAt(i + 1))))) {
      i++;
    }
    if (i == n) {
      return text;
    }
    StringBuilder out = new StringBuilder(n).append(text, 0, i);
    while (i < n) {
      char c = text.charAt(i++);
      if (Marker.isRegexSpace(c)) {
        out.append(' ');
        while (i < n && Marker.isRegexSpace(text.charAt(i))) {
          i++;
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The state-aware features as one family: the server may rewrite one into another. */
  private static Object costFeatures(Object v) {
    TreeSet<String> out = new TreeSet<>();
    boolean state = false;
    if (v instanceof List<?> l) {
      for (Object f : l) {
        String name = String.valueOf(f);
        if (STATE_FEATURES.contains(name)) {
          state = true;
        } else {
          out.add(name);
        }
      }
    }
    if (state) {
      out.add("dbt_state");
    }
    return List.copyOf(out);
  }
}
