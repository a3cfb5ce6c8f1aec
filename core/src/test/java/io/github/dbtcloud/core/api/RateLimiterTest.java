package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final FakeTime time = new FakeTime();

  @Test
  void theDefaultSpendsNinetyPercentOfTheAccountsBudgetWithoutEverExceedingIt() {
    RateLimiter limiter = new RateLimiter(ClientSettings.DEFAULT_REQUESTS_PER_MINUTE, time, time);
    int inFirstMinute = 0;
    while (true) {
      Duration wait = limiter.reserve();
      time.sleep(wait);
      if (Duration.between(FakeTimeStart.START, time.instant()).compareTo(Duration.ofMinutes(1))
          >= 0) {
        break;
      }
      inFirstMinute++;
    }
    // the burst (225) plus 4,500 a minute: under dbt Cloud's 5,000, at 90 % of it
    assertThat(inFirstMinute)
        .isGreaterThanOrEqualTo(4_500)
        .isLessThan(ClientSettings.ACCOUNT_REQUESTS_PER_MINUTE);
  }

  @Test
  void aTooManyRequestsAnswerHoldsEveryRequestForRetryAfterAndHalvesTheRate() {
    RateLimiter limiter = new RateLimiter(600, time, time);
    for (int i = 0; i < 30; i++) {
      limiter.reserve(); // the burst
    }

    limiter.slowDown(Duration.ofSeconds(7));

    assertThat(limiter.requestsPerMinute()).isEqualTo(300.0);
    assertThat(limiter.reserve()).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void theRateClimbsBackToTheConfiguredOneWithoutFurther429s() {
    RateLimiter limiter = new RateLimiter(600, time, time);
    limiter.slowDown(null);
    assertThat(limiter.requestsPerMinute()).isEqualTo(300.0);

    time.sleep(RateLimiter.RECOVERY_STEP.multipliedBy(2));
    assertThat(limiter.requestsPerMinute()).isEqualTo(420.0);

    time.sleep(RateLimiter.RECOVERY_STEP.multipliedBy(10));
    assertThat(limiter.requestsPerMinute()).isEqualTo(600.0);
  }

  @Test
  void manyTooManyRequestsNeverStopTheClient() {
    RateLimiter limiter = new RateLimiter(600, time, time);
    for (int i = 0; i < 40; i++) {
      limiter.slowDown(null);
    }
    assertThat(limiter.requestsPerMinute()).isCloseTo(RateLimiter.MIN_PER_MINUTE, within(1e-6));
  }

  @Test
  void clientsOfOneHostAndTokenShareOneLimiterAndOthersDoNot() {
    ClientSettings settings =
        ClientSettings.of("https://ab123.us1.dbt.com", new ApiToken("dbtc_a"), "test")
            .withTime(time, time);

    assertThat(RateLimiter.shared(settings)).isSameAs(RateLimiter.shared(settings));
    assertThat(RateLimiter.shared(settings))
        .isNotSameAs(
            RateLimiter.shared(
                ClientSettings.of("https://ab123.us1.dbt.com", new ApiToken("dbtc_b"), "test")
                    .withTime(time, time)));
    assertThat(RateLimiter.shared(settings))
        .isNotSameAs(RateLimiter.shared(settings.withRequestsPerMinute(100)));
  }

  @Test
  void aRateLimitIsAWholeNumberUpToTheAccountsBudget() {
    assertThat(ClientSettings.requestsPerMinute("2500", "dbt.rateLimit")).isEqualTo(2500);
    assertThat(ClientSettings.requestsPerMinute(" 5_000 ", "dbt.rateLimit")).isEqualTo(5000);
    assertThatThrownBy(() -> ClientSettings.requestsPerMinute("fast", "dbt.rateLimit"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dbt.rateLimit: 'fast' is not a rate limit")
        .hasMessageContaining("from 1 to 5000")
        .hasMessageContaining("-Ddbt.rateLimit=2500");
    assertThatThrownBy(() -> ClientSettings.requestsPerMinute("6000", "dbt.rateLimit"))
        .hasMessageContaining("'6000'");
    assertThatThrownBy(() -> ClientSettings.requestsPerMinute("0", "dbt.rateLimit"))
        .hasMessageContaining("'0'");
  }

  /** Where {@link FakeTime} starts. */
  private static final class FakeTimeStart {
    static final java.time.Instant START = new FakeTime().instant();
  }
}
