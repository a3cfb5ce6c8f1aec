package io.github.dbtcloud.core.config;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of single values that several sections share: dbt versions, steps, env var names. */
final class Values {

  /** dbt Cloud's release tracks ({@code dbt_version}, docs/wire-format.md#job-fields). */
  static final Set<String> DBT_TRACKS =
      Set.of(
          "latest",
          "compatible",
          "extended",
          "fallback",
          "versionless",
          "latest-fusion",
          "fusion-stable",
          "fusion-extended",
          "fusion-nightly",
          "fusion-fallback");

  private static final Pattern PINNED_VERSION =
      Pattern.compile("\\d+\\.\\d+(\\.\\d+)?(-(latest|pre))?");
  private static final Pattern ENV_VAR_NAME = Pattern.compile("DBT_[A-Z0-9_]+");

  private Values() {}

  /** Errors for an empty version, a warning for one this plugin does not know. */
  static void checkDbtVersion(YamlCursor at, String version) {
    if (version == null) {
      return;
    }
    if (version.isBlank()) {
      at.problem(
          "dbt_version is empty; leave the key out to keep the default (dbt Cloud rejects \"\")");
    } else if (!DBT_TRACKS.contains(version) && !PINNED_VERSION.matcher(version).matches()) {
      at.warn(
          "'"
              + version
              + "' is not a dbt version this plugin knows (a release track such as latest,"
              + " compatible, extended, fallback, latest-fusion, or a pinned 1.x.0-latest); dbt Cloud may reject it");
    }
  }

  private static final java.util.regex.Pattern DBT_COMMAND =
      java.util.regex.Pattern.compile("dbt\\s+\\S.*");

  /** A job step must be a dbt command. */
  static void checkStep(YamlCursor at, String step) {
    if (step != null && !DBT_COMMAND.matcher(step.strip()).matches()) {
      at.problem(
          "'" + step + "' is not a dbt command; every step starts with 'dbt ', e.g. 'dbt build'");
    }
  }

  /** dbt Cloud only accepts upper-case names that start with DBT_. */
  static void checkEnvVarName(YamlCursor at, String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (ENV_VAR_NAME.matcher(name).matches()) {
      return;
    }
    if (ENV_VAR_NAME.matcher(upper).matches()) {
      at.keyProblem("environment variable '" + name + "' must be upper case: " + upper);
    } else if (!upper.startsWith("DBT_")) {
      at.keyProblem(
          "environment variable '"
              + name
              + "' must start with DBT_ (dbt Cloud accepts no other"
              + " names), e.g. DBT_"
              + upper.replaceAll("[^A-Z0-9_]", "_"));
    } else {
      at.keyProblem(
          "environment variable '" + name + "' may contain only A-Z, 0-9 and _ after DBT_");
    }
  }

  /**
   * Secrets belong in the CI system's secret store: warn (never showing the value) when one is a
   * literal.
   */
  static void warnIfLiteralSecret(YamlCursor at, String name) {
    String raw = at.raw();
    if (EnvVarSpec.isSecret(name)
        && raw != null
        && !raw.isEmpty()
        && !Interpolator.isPureReference(raw)) {
      at.warn(
          "the secret "
              + name
              + " is written in the file, where anyone who reads the file or its history"
              + " can see it; take it from the build's environment: ${env."
              + name
              + "}");
    }
  }
}
