package io.github.dbtcloud.core.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.core.api.ClientSettings;
import io.github.dbtcloud.core.config.DesiredFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoalContextRateLimitTest {

  @TempDir Path dir;

  private GoalContext open(Map<String, String> properties) throws IOException {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, "version: 1\naccount:\n  id: 1\nprojects:\n  shop:\n    id: 7\n");
    Build build =
        Builds.of(
            DesiredFiles.of(file),
            Map.of(),
            properties,
            "https://ab123.us1.dbt.com",
            new ApiToken("dbtc_test"));
    return GoalContext.open(build, Console.silent(), Time.system());
  }

  @Test
  void theRateLimitDefaultsToNinetyPercentOfTheAccountsBudget() throws IOException {
    try (GoalContext context = open(Map.of())) {
      assertThat(context.settings().requestsPerMinute())
          .isEqualTo(ClientSettings.DEFAULT_REQUESTS_PER_MINUTE)
          .isEqualTo(4500);
    }
  }

  @Test
  void theBuildPropertySetsTheRateLimit() throws IOException {
    try (GoalContext context = open(Map.of(GoalContext.RATE_LIMIT, "2500"))) {
      assertThat(context.settings().requestsPerMinute()).isEqualTo(2500);
    }
  }

  @Test
  void aRateLimitThatIsNotANumberStopsTheGoalNamingThePropertyAndTheFix() throws IOException {
    try (GoalContext context = open(Map.of(GoalContext.RATE_LIMIT, "lots"))) {
      assertThatThrownBy(context::settings)
          .isInstanceOf(DbtCloudException.class)
          .hasMessageContaining("dbt.rateLimit: 'lots' is not a rate limit")
          .hasMessageContaining("-Ddbt.rateLimit=2500");
    }
  }
}
