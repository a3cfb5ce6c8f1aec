package io.github.dbtcloud.core.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env.NAME}}, {@code ${maven.property}} and {@code ${X:-fallback}} in values.
 * An undefined variable without a fallback is a problem at the value's position.
 */
final class Interpolator {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}:]+)(?::-([^}]*))?}");

  private final Map<String, String> environment;
  private final Map<String, String> properties;

  Interpolator(Map<String, String> environment, Map<String, String> properties) {
    this.environment = environment;
    this.properties = properties;
  }

  String interpolate(String raw, YamlCursor where) {
    if (!raw.contains("${")) {
      return raw;
    }
    Matcher m = VARIABLE.matcher(raw);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).trim();
      String fallback = m.group(2);
      String value = name.startsWith("env.") ? environment.get(name.substring(4)) : properties.get(name);
      if (value == null) {
        value = fallback;
      }
      if (value == null) {
        where.problem("undefined variable ${" + name + "}; "
            + (name.startsWith("env.") ? "export " + name.substring(4) + " in the build's environment"
                : "pass -D" + name + "=... or define it in the pom's <properties>")
            + ", or give a fallback: ${" + name + ":-value}");
        value = "";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
