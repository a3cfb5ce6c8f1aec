package io.github.dbtcloud.core.goal;

import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.core.config.DesiredFiles;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the build gives every goal: which files make up the desired state (with the variables they
 * may interpolate), how to reach dbt Cloud, and where to write. The plugin makes one from Maven's
 * parameters; tests make their own.
 *
 * @param files the desired-state file or files
 * @param environment process environment for {@code ${env.NAME}}
 * @param properties build properties for {@code ${name}}
 * @param baseUrl the admin host from the build, or null to take {@code account.host} from the file
 * @param token the API token, or null for offline goals
 * @param userAgent the User-Agent to send, e.g. {@code dbt-maven-plugin/0.1.0}
 * @param label the build's name, for the verification run's default cause ({@code com.acme:x 1.0})
 * @param outputDirectory where plan.json and plan.md go
 * @param verificationReport where the verification's JUnit XML goes
 * @param metricsReport where the Semantic Layer check's JUnit XML goes
 */
public record Build(
    DesiredFiles files,
    Map<String, String> environment,
    Map<String, String> properties,
    String baseUrl,
    ApiToken token,
    String userAgent,
    String label,
    Path outputDirectory,
    Path verificationReport,
    Path metricsReport) {

  public Build {
    environment = Map.copyOf(environment);
    properties = Map.copyOf(properties);
  }
}
