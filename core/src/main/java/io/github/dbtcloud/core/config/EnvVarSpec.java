package io.github.dbtcloud.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A project environment variable: a project-wide default and values per environment key. Names
 * start with {@code DBT_}; {@code DBT_ENV_SECRET} marks a secret whose value should only come from
 * interpolation and is never shown.
 *
 * @param name the variable name
 * @param projectDefault the project-wide default, or null for none
 * @param perEnvironment values by environment key
 * @param position where the variable is declared
 */
public record EnvVarSpec(
    String name,
    String projectDefault,
    Map<String, String> perEnvironment,
    SourcePosition position) {

  /** The prefix dbt Cloud uses to mark a variable as secret. */
  public static final String SECRET_PREFIX = "DBT_ENV_SECRET";

  public EnvVarSpec {
    perEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(perEnvironment));
  }

  /** Whether dbt Cloud treats this variable as a secret. */
  public boolean secret() {
    return isSecret(name);
  }

  /** Whether a variable of this name is a secret. */
  public static boolean isSecret(String name) {
    return name.startsWith(SECRET_PREFIX);
  }

  /** Never prints a secret's values. */
  @Override
  public String toString() {
    if (!secret()) {
      return "EnvVarSpec[name="
          + name
          + ", projectDefault="
          + projectDefault
          + ", perEnvironment="
          + perEnvironment
          + ", position="
          + position
          + "]";
    }
    return "EnvVarSpec[name="
        + name
        + ", projectDefault="
        + (projectDefault == null ? null : "*****")
        + ", perEnvironment="
        + perEnvironment.keySet()
        + " (values hidden), position="
        + position
        + "]";
  }
}
