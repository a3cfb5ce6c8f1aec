package io.github.dbtcloud.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.config.VerifySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifyRequestTest {

  private static final SourcePosition AT = new SourcePosition(Path.of("dbt-cloud.yml"), 30, 3);
  private final List<String> warnings = new ArrayList<>();

  private static VerifySpec spec(String job, String cause, List<String> steps, Duration timeout) {
    return new VerifySpec(
        job,
        cause,
        "main",
        null,
        "from_file",
        steps,
        4,
        null,
        timeout,
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        true,
        AT);
  }

  private static VerifyOptions none() {
    return VerifyOptions.fromFileOnly("com.acme:analytics 1.4.0", Path.of("report.xml"));
  }

  private Optional<VerifyRequest> resolve(VerifySpec spec, VerifyOptions options) {
    return VerifyRequest.resolve(Optional.ofNullable(spec), options, Map.of(), warnings::add);
  }

  @Test
  void takesEverythingFromTheFileWhenTheBuildSaysNothing() {
    VerifyRequest request =
        resolve(spec("nightly", "release", List.of("dbt build"), Duration.ofMinutes(45)), none())
            .orElseThrow();

    assertThat(request.job()).isEqualTo("nightly");
    assertThat(request.origin()).isEqualTo("verify.job at dbt-cloud.yml:30:3");
    assertThat(request.trigger().cause()).isEqualTo("release");
    assertThat(request.trigger().gitBranch()).isEqualTo("main");
    assertThat(request.trigger().stepsOverride()).containsExactly("dbt build");
    assertThat(request.trigger().threadsOverride()).isEqualTo(4);
    assertThat(request.timeout()).isEqualTo(Duration.ofMinutes(45));
    assertThat(request.cancelOnTimeout()).isTrue();
  }

  @Test
  void theBuildsOptionsWinOverTheFile() {
    VerifyOptions build =
        new VerifyOptions(
            "123",
            "hotfix",
            "release/2",
            "abc",
            null,
            List.of("dbt seed"),
            16,
            "ci",
            Duration.ofMinutes(5),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            false,
            "x 1",
            Path.of("r.xml"));

    VerifyRequest request =
        resolve(spec("nightly", "release", List.of("dbt build"), Duration.ofMinutes(45)), build)
            .orElseThrow();

    assertThat(request.job()).isEqualTo("123");
    assertThat(request.origin()).isEqualTo("the job parameter (dbt.verify.job)");
    assertThat(request.trigger())
        .extracting(
            "cause",
            "gitBranch",
            "gitSha",
            "schemaOverride",
            "threadsOverride",
            "targetNameOverride")
        .containsExactly("hotfix", "release/2", "abc", "from_file", 16, "ci");
    assertThat(request.trigger().stepsOverride()).containsExactly("dbt seed");
    assertThat(request.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(request.pollMax()).isEqualTo(Duration.ofSeconds(5));
    assertThat(request.cancelOnTimeout()).isFalse();
  }

  @Test
  void nothingIsConfiguredWithoutAJob() {
    assertThat(resolve(null, none())).isEmpty();
  }

  @Test
  void aJobGivenOnlyByTheBuildUsesTheDefaults() {
    VerifyRequest request = resolve(null, none().withJob("nightly")).orElseThrow();

    assertThat(request.timeout()).isEqualTo(Duration.ofMinutes(60));
    assertThat(request.pollMin()).isEqualTo(Duration.ofSeconds(2));
    assertThat(request.pollMax()).isEqualTo(Duration.ofSeconds(30));
    assertThat(request.cancelOnTimeout()).isTrue();
    assertThat(request.trigger().cause())
        .isEqualTo("Verification by dbt-maven-plugin: com.acme:analytics 1.4.0");
  }

  @Test
  void aCauseLongerThan255CharactersIsCutWithAWarning() {
    VerifyRequest request =
        resolve(spec("nightly", "x".repeat(300), List.of(), Duration.ofMinutes(1)), none())
            .orElseThrow();

    assertThat(request.trigger().cause()).hasSize(255).endsWith("...");
    assertThat(warnings).singleElement().asString().contains("300 characters");
  }

  @Test
  void anEmptyTextSettingIsNotSentAndSaysSo() {
    VerifyOptions build = none().withJob("nightly");
    build =
        new VerifyOptions(
            "nightly", null, " ", null, null, null, null, null, null, null, null, null, "x", null);

    VerifyRequest request = resolve(null, build).orElseThrow();

    assertThat(request.trigger().gitBranch()).isNull();
    assertThat(warnings).singleElement().asString().contains("git_branch is empty");
  }

  @Test
  void refusesPollingFasterThanEvery100msAndABackwardsRange() {
    VerifyOptions build =
        none()
            .withJob("nightly")
            .withTiming(null, Duration.ofMillis(10), Duration.ofMillis(5), null);

    assertThatThrownBy(
            () -> resolve(spec("nightly", null, List.of(), Duration.ofMinutes(1)), build))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("verify: at dbt-cloud.yml:30:3")
        .hasMessageContaining(
            "poll_min is 10 ms; polling faster than every 100 ms would hammer the API")
        .hasMessageContaining("poll_max (5 ms) is shorter than poll_min (10 ms)");
  }

  @Test
  void refusesANonPositiveTimeout() {
    VerifyOptions build = none().withJob("nightly").withTiming(Duration.ZERO, null, null, null);

    assertThatThrownBy(() -> resolve(null, build))
        .hasMessageContaining("timeout is PT0S; give a positive duration");
  }
}
