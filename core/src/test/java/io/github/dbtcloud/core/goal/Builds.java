package io.github.dbtcloud.core.goal;

import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.core.config.DesiredFiles;
import java.nio.file.Path;
import java.util.Map;

/** Builds for tests: what the plugin would pass, around one file or a set of patterns. */
public final class Builds {

  private Builds() {}

  /**
   * An offline build of one file (no host, no token), writing under {@code target/dbt} next to it.
   */
  public static Build offline(
      Path file, Map<String, String> environment, Map<String, String> properties) {
    return of(DesiredFiles.of(file), environment, properties, null, null);
  }

  /** A build of the files, talking to {@code url} with {@code token}. */
  public static Build of(
      DesiredFiles files,
      Map<String, String> environment,
      Map<String, String> properties,
      String url,
      ApiToken token) {
    Path out = files.baseDirectory().resolve("target/dbt");
    return new Build(
        files,
        environment,
        properties,
        url,
        token,
        "dbt-maven-plugin/test",
        "com.acme:analytics 1.4.0",
        out,
        out.resolve("verification/TEST-dbt-verification.xml"),
        out.resolve("semantic-layer/TEST-dbt-metrics.xml"));
  }

  /** A build of one file, talking to {@code url} with {@code token}. */
  public static Build connected(
      Path file, Map<String, String> environment, String url, ApiToken token) {
    return of(DesiredFiles.of(file), environment, Map.of(), url, token);
  }
}
