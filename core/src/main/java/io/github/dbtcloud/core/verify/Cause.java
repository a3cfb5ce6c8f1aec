package io.github.dbtcloud.core.verify;

import io.github.dbtcloud.core.api.TriggerRequest;
import java.util.Map;
import java.util.Optional;

/**
 * The run's {@code cause}: what someone reading the run in dbt Cloud needs to find the build that
 * started it. By default the build's name and version and, in CI, the link to the CI build; always
 * at most 255 characters (dbt Cloud's limit).
 */
final class Cause {

  static final int MAX = TriggerRequest.CAUSE_MAX_LENGTH;
  private static final String PREFIX = "Verification by dbt-maven-plugin: ";

  private Cause() {}

  /**
   * The default cause for this build, e.g. {@code Verification by dbt-maven-plugin: com.acme:a 1.0
   * (https://ci/...)}.
   */
  static String byDefault(String buildLabel, Map<String, String> env) {
    String label =
        buildLabel == null || buildLabel.isBlank() ? "a Maven build" : buildLabel.strip();
    Optional<String> url = ciBuildUrl(env);
    if (url.isEmpty()) {
      return fit(PREFIX + label);
    }
    String tail = " (" + url.get() + ")";
    int room = MAX - PREFIX.length() - tail.length();
    if (room < 10) {
      return fit(PREFIX + url.get());
    }
    if (label.length() > room) {
      label = label.substring(0, room - 3) + "...";
    }
    return PREFIX + label + tail;
  }

  /** {@code text} cut to 255 characters, ending in {@code ...} when cut. */
  static String fit(String text) {
    String t = text.strip();
    return t.length() <= MAX ? t : t.substring(0, MAX - 3) + "...";
  }

  /**
   * The link to the running CI build: GitHub Actions, GitLab CI, Jenkins or Azure DevOps, when one
   * of them runs us.
   */
  static Optional<String> ciBuildUrl(Map<String, String> env) {
    if ("true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))
        && present(env, "GITHUB_REPOSITORY")
        && present(env, "GITHUB_RUN_ID")) {
      String server =
          present(env, "GITHUB_SERVER_URL") ? env.get("GITHUB_SERVER_URL") : "https://github.com";
      return Optional.of(
          strip(server)
              + "/"
              + env.get("GITHUB_REPOSITORY")
              + "/actions/runs/"
              + env.get("GITHUB_RUN_ID"));
    }
    if (present(env, "CI_JOB_URL")) {
      return Optional.of(env.get("CI_JOB_URL"));
    }
    if (present(env, "CI_PIPELINE_URL")) {
      return Optional.of(env.get("CI_PIPELINE_URL"));
    }
    if (present(env, "BUILD_URL")) {
      return Optional.of(env.get("BUILD_URL"));
    }
    if (present(env, "SYSTEM_COLLECTIONURI")
        && present(env, "SYSTEM_TEAMPROJECT")
        && present(env, "BUILD_BUILDID")) {
      return Optional.of(
          strip(env.get("SYSTEM_COLLECTIONURI"))
              + "/"
              + env.get("SYSTEM_TEAMPROJECT")
              + "/_build/results?buildId="
              + env.get("BUILD_BUILDID"));
    }
    return Optional.empty();
  }

  private static boolean present(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }

  private static String strip(String url) {
    String u = url.strip();
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }
}
