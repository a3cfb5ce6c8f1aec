package io.github.dbtcloud.core.config;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Test resources under {@code config/} and a loader with a fixed environment and fixed properties.
 */
public final class ConfigFixtures {

  /** What {@code ${env.NAME}} sees in tests. */
  public static final Map<String, String> ENVIRONMENT =
      Map.of(
          "DBT_ENV_SECRET_GIT_TOKEN", "s3cr3t-from-env",
          "DBT_HOST", "ab123.us1.dbt.com",
          "THREADS", "6");

  /** What {@code ${name}} sees in tests (the mojo passes Maven's properties). */
  public static final Map<String, String> PROPERTIES =
      Map.of("threads", "6", "release.branch", "release/1.2");

  private ConfigFixtures() {}

  public static Path resource(String name) {
    URL url = ConfigFixtures.class.getResource("/config/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource config/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static DesiredStateLoader loader() {
    return new DesiredStateLoader(ENVIRONMENT, PROPERTIES);
  }

  static DesiredState load(String name) {
    return loader().load(resource(name));
  }

  /** Each problem as the corpus writes it: {@code line:column path: message}. */
  static List<String> lines(List<Problem> problems) {
    return problems.stream()
        .map(
            p ->
                p.position().line()
                    + ":"
                    + p.position().column()
                    + (p.path().isEmpty() ? "" : " " + p.path())
                    + ": "
                    + p.message())
        .toList();
  }
}
