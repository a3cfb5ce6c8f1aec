package io.github.dbtcloud.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CauseTest {

  @Test
  void namesTheBuildWhenNoCiIsDetected() {
    assertThat(Cause.byDefault("com.acme:analytics 1.4.0", Map.of()))
        .isEqualTo("Verification by dbt-maven-plugin: com.acme:analytics 1.4.0");
  }

  @Test
  void linksAGitHubActionsRun() {
    assertThat(
            Cause.ciBuildUrl(
                Map.of(
                    "GITHUB_ACTIONS",
                    "true",
                    "GITHUB_SERVER_URL",
                    "https://github.example.com/",
                    "GITHUB_REPOSITORY",
                    "acme/analytics",
                    "GITHUB_RUN_ID",
                    "42")))
        .contains("https://github.example.com/acme/analytics/actions/runs/42");
  }

  @Test
  void linksAGitLabJobBeforeItsPipeline() {
    assertThat(
            Cause.ciBuildUrl(
                Map.of(
                    "CI_JOB_URL",
                    "https://gitlab.com/acme/a/-/jobs/9",
                    "CI_PIPELINE_URL",
                    "https://gitlab.com/acme/a/-/pipelines/3")))
        .contains("https://gitlab.com/acme/a/-/jobs/9");
  }

  @Test
  void linksAJenkinsBuild() {
    assertThat(Cause.ciBuildUrl(Map.of("BUILD_URL", "https://ci.acme.com/job/analytics/17/")))
        .contains("https://ci.acme.com/job/analytics/17/");
  }

  @Test
  void linksAnAzureDevOpsBuild() {
    assertThat(
            Cause.ciBuildUrl(
                Map.of(
                    "SYSTEM_COLLECTIONURI",
                    "https://dev.azure.com/acme/",
                    "SYSTEM_TEAMPROJECT",
                    "analytics",
                    "BUILD_BUILDID",
                    "512")))
        .contains("https://dev.azure.com/acme/analytics/_build/results?buildId=512");
  }

  @Test
  void keepsTheCiLinkWhole() {
    String url = "https://ci.acme.com/job/" + "x".repeat(150) + "/17/";

    String cause =
        Cause.byDefault("com.acme:" + "a".repeat(200) + " 1.0", Map.of("BUILD_URL", url));

    assertThat(cause).hasSizeLessThanOrEqualTo(255).endsWith("(" + url + ")").contains("...");
  }
}
