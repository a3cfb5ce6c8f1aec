package io.github.dbtcloud.core.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env.NAME}}, {@code ${property}} and {@code ${NAME:-fallback}} in values;
 * {@code $${} writes a literal {@code ${}. An undefined variable without a fallback, or a reference
 * that is not well formed, is a problem pointing at the {@code ${} itself.
 */
final class Interpolator {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final Pattern PURE_REFERENCE = Pattern.compile("\\$\\{[A-Za-z0-9_.\\-]+(:-)?}");

  private final Map<String, String> environment;
  private final Map<String, String> properties;

  Interpolator(Map<String, String> environment, Map<String, String> properties) {
    this.environment = environment;
    this.properties = properties;
  }

  /** Whether {@code raw} is exactly one reference with no literal text and no literal fallback. */
  static boolean isPureReference(String raw) {
    return PURE_REFERENCE.matcher(raw.strip()).matches();
  }

  /** Whether {@code raw} contains a reference at all. */
  static boolean hasReference(String raw) {
    return raw.replace("$${", "").contains("${");
  }

  /**
   * The value with every reference replaced; null (with the problems reported) when one cannot be.
   */
  String interpolate(String raw, YamlCursor where) {
    if (!raw.contains("${")) {
      return raw;
    }
    StringBuilder out = new StringBuilder();
    boolean failed = false;
    int i = 0;
    while (i < raw.length()) {
      if (raw.startsWith("$${", i)) {
        out.append("${");
        i += 3;
        continue;
      }
      if (!raw.startsWith("${", i)) {
        out.append(raw.charAt(i++));
        continue;
      }
      int close = raw.indexOf('}', i);
      if (close < 0) {
        where.problemAt(
            i,
            "'"
                + raw.substring(i)
                + "' is not closed; write ${env.NAME} or ${property}"
                + " (or $${ for a literal ${)");
        return null;
      }
      String inside = raw.substring(i + 2, close);
      int dash = inside.indexOf(":-");
      String name = (dash < 0 ? inside : inside.substring(0, dash)).strip();
      String fallback = dash < 0 ? null : inside.substring(dash + 2);
      if (!NAME.matcher(name).matches() || name.equals("env.") || name.endsWith(".")) {
        where.problemAt(
            i,
            "'${"
                + inside
                + "}' is not a variable reference; write ${env.NAME}, ${property}"
                + " or ${env.NAME:-fallback}");
        failed = true;
      } else {
        String value =
            name.startsWith("env.") ? environment.get(name.substring(4)) : properties.get(name);
        if (value == null) {
          value = fallback;
        }
        if (value == null) {
          where.problemAt(
              i,
              "undefined variable ${"
                  + name
                  + "}; "
                  + (name.startsWith("env.")
                      ? "export " + name.substring(4) + " in the build's environment"
                      : "pass -D" + name + "=... or define it in the pom's <properties>")
                  + ", or give a fallback: ${"
                  + name
                  + ":-value}");
          failed = true;
        } else {
          out.append(value);
        }
      }
      i = close + 1;
    }
    return failed ? null : out.toString();
  }
}
