package io.github.dbtcloud.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.api.TriggerRequest;
import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.config.VerifySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifySettingsResolverTest {

  private static final SourcePosition AT = new SourcePosition(Path.of("dbt-cloud.yml"), 30, 3);
  private final List<String> warnings = new ArrayList<>();

  private static VerifySettings spec(
      String job, String cause, List<String> steps, Duration timeout) {
    return VerifySettings.builder()
        .job(job)
        .cause(cause)
        .gitBranch("main")
        .schemaOverride("from_file")
        .stepsOverride(steps)
        .threadsOverride(4)
        .timeout(timeout)
        .pollMin(Duration.ofSeconds(2))
        .pollMax(Duration.ofSeconds(30))
        .cancelOnTimeout(true)
        .position(AT)
        .jobPosition(AT)
        .build();
  }

  private static VerifySettings none() {
    return VerifySettings.none();
  }

  /** The run decided from the build's settings over the file's, as the goal decides it. */
  private Optional<Resolved> resolve(VerifySettings file, VerifySettings build) {
    VerifySettings layered = build.over(file == null ? VerifySettings.none() : file);
    if (!layered.namesJob()) {
      return Optional.empty();
    }
    return Optional.of(
        new Resolved(
            VerifySettingsResolver.resolve(
                layered, "com.acme:analytics 1.4.0", Map.of(), warnings::add)));
  }

  /** Resolved settings, with the trigger body and origin the run uses. */
  private record Resolved(VerifySettings settings) {
    String job() {
      return settings.job();
    }

    String origin() {
      return VerifySettingsResolver.origin(settings);
    }

    TriggerRequest trigger() {
      return VerifySettingsResolver.trigger(settings);
    }

    Duration timeout() {
      return settings.timeout();
    }

    Duration pollMin() {
      return settings.pollMin();
    }

    Duration pollMax() {
      return settings.pollMax();
    }

    boolean cancelOnTimeout() {
      return settings.cancelOnTimeout();
    }
  }

  @Test
  void takesEverythingFromTheFileWhenTheBuildSaysNothing() {
    Resolved request =
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
    VerifySettings build =
        VerifySettings.builder()
            .job("123")
            .cause("hotfix")
            .gitBranch("release/2")
            .gitSha("abc")
            .stepsOverride(List.of("dbt seed"))
            .threadsOverride(16)
            .targetNameOverride("ci")
            .timeout(Duration.ofMinutes(5))
            .pollMin(Duration.ofSeconds(1))
            .pollMax(Duration.ofSeconds(5))
            .cancelOnTimeout(false)
            .build();

    Resolved request =
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
    Resolved request = resolve(null, VerifySettings.builder().job("nightly").build()).orElseThrow();

    assertThat(request.timeout()).isEqualTo(Duration.ofMinutes(60));
    assertThat(request.pollMin()).isEqualTo(Duration.ofSeconds(2));
    assertThat(request.pollMax()).isEqualTo(Duration.ofSeconds(30));
    assertThat(request.cancelOnTimeout()).isTrue();
    assertThat(request.trigger().cause())
        .isEqualTo("Verification by dbt-maven-plugin: com.acme:analytics 1.4.0");
  }

  @Test
  void aCauseLongerThan255CharactersIsCutWithAWarning() {
    Resolved request =
        resolve(spec("nightly", "x".repeat(300), List.of(), Duration.ofMinutes(1)), none())
            .orElseThrow();

    assertThat(request.trigger().cause()).hasSize(255).endsWith("...");
    assertThat(warnings).singleElement().asString().contains("300 characters");
  }

  @Test
  void anEmptyTextSettingIsNotSentAndSaysSo() {
    VerifySettings build = VerifySettings.builder().job("nightly").gitBranch(" ").build();

    Resolved request = resolve(null, build).orElseThrow();

    assertThat(request.trigger().gitBranch()).isNull();
    assertThat(warnings).singleElement().asString().contains("git_branch is empty");
  }

  @Test
  void refusesPollingFasterThanEvery100msAndABackwardsRange() {
    VerifySettings build =
        VerifySettings.builder()
            .job("nightly")
            .pollMin(Duration.ofMillis(10))
            .pollMax(Duration.ofMillis(5))
            .build();

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
    VerifySettings build = VerifySettings.builder().job("nightly").timeout(Duration.ZERO).build();

    assertThatThrownBy(() -> resolve(null, build))
        .hasMessageContaining("timeout is PT0S; give a positive duration");
  }
}
