package io.github.dbtcloud.emulator;

import static io.github.dbtcloud.emulator.EmulatorHttp.JOBS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.emulator.faults.Fault;
import io.github.dbtcloud.emulator.faults.FaultRule;
import io.github.dbtcloud.emulator.faults.RateLimit;
import io.github.dbtcloud.emulator.http.JournalEntry;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultInjectionTest {

  @RegisterExtension final RunningEmulator running = RunningEmulator.demo();

  private int jobCount() {
    return running.http().get(JOBS).data().size();
  }

  @Test
  void commitThenFailWritesButAnswers500() {
    running
        .emulator()
        .faults()
        .add(FaultRule.on("POST", "/api/v2/accounts/*/jobs/").nth(1).then(Fault.commitThenFail()));

    EmulatorHttp.Answer answer = running.http().post(JOBS, Bodies.jobJson("created once"));

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.body().at("/status/user_message").asText())
        .isEqualTo("There was a server error. Please contact support!");
    assertThat(jobCount()).as("the write happened").isEqualTo(1);
    assertThat(running.emulator().journal().get(0).fault()).isEqualTo("commit_then_fail");
    assertThat(running.http().post(JOBS, Bodies.jobJson("second")).status())
        .as("only the 1st matching request")
        .isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503})
  void aStatusFaultAnswersTheErrorEnvelopeAndWritesNothing(int status) {
    running
        .emulator()
        .faults()
        .add(FaultRule.on("POST", "/api/**").always().then(Fault.status(status)));

    EmulatorHttp.Answer answer = running.http().post(JOBS, Bodies.jobJson("never"));

    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.body().at("/status/code").asInt()).isEqualTo(status);
    assertThat(answer.body().at("/status/is_success").asBoolean()).isFalse();
    assertThat(jobCount()).isZero();
    assertThat(running.emulator().journal().get(0).isFaulted()).isTrue();
  }

  @Test
  void answers429WithOrWithoutRetryAfter() {
    running
        .emulator()
        .faults()
        .add(FaultRule.on("GET", "/api/**").nth(1).then(Fault.tooManyRequests(30)));
    running
        .emulator()
        .faults()
        .add(FaultRule.on("GET", "/api/**").nth(2).then(Fault.tooManyRequests()));

    EmulatorHttp.Answer first = running.http().get(JOBS);
    EmulatorHttp.Answer second = running.http().get(JOBS);

    assertThat(first.status()).isEqualTo(429);
    assertThat(first.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.headers().firstValue("Retry-After")).isEmpty();
    assertThat(running.http().get(JOBS).status()).isEqualTo(200);
  }

  @Test
  void aConnectionResetGivesTheClientAnIoErrorAndIsJournalled() {
    // always: the JDK client retries an idempotent GET once on a dropped connection
    running
        .emulator()
        .faults()
        .add(FaultRule.on("*", "/**").always().then(Fault.connectionReset()));

    assertThatThrownBy(
            () ->
                running
                    .http()
                    .raw(
                        HttpRequest.newBuilder(running.http().uri(JOBS)).GET(),
                        Duration.ofSeconds(10)))
        .isInstanceOf(IOException.class);
    assertThat(running.emulator().journal())
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.fault()).isEqualTo("connection_reset");
            });
    running.emulator().faults().clear();
    assertThat(running.http().get(JOBS).status()).isEqualTo(200);
  }

  @Test
  void aHangOutlastsTheClientTimeout() {
    running
        .emulator()
        .faults()
        .add(FaultRule.on("GET", "/**").nth(1).then(Fault.hang(Duration.ofMinutes(5))));

    assertThatThrownBy(
            () ->
                running
                    .http()
                    .raw(
                        HttpRequest.newBuilder(running.http().uri(JOBS)).GET(),
                        Duration.ofMillis(300)))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(running.http().get(JOBS).status())
        .as("other requests are served meanwhile")
        .isEqualTo(200);
  }

  @Test
  void latencyDelaysANormalAnswer() {
    running.emulator().faults().add(FaultRule.on("GET", "/**").always().then(Fault.latency(150)));

    long start = System.nanoTime();
    EmulatorHttp.Answer answer = running.http().get(JOBS);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void rulesMatchByMethodAndPathGlob() {
    running
        .emulator()
        .faults()
        .add(FaultRule.on("GET", "/api/v3/**").always().then(Fault.status(503)));

    assertThat(running.http().get(JOBS).status()).isEqualTo(200);
    assertThat(running.http().post(JOBS, Bodies.jobJson("x")).status()).isEqualTo(201);
    assertThat(running.http().get(EmulatorHttp.ENVS).status()).isEqualTo(503);
    assertThat(
            running
                .http()
                .get(EmulatorHttp.ENVS.substring(0, EmulatorHttp.ENVS.length() - 1))
                .status())
        .isEqualTo(503);
  }

  @Test
  void nthEveryNthAndTimesCountMatchingRequests() {
    running.emulator().faults().add(FaultRule.on("GET", JOBS).nth(2, 3).then(Fault.status(502)));
    assertThat(statuses(4)).containsExactly(200, 502, 502, 200);

    running
        .emulator()
        .faults()
        .clear()
        .add(FaultRule.on("GET", JOBS).everyNth(2).times(2).then(Fault.status(500)));
    assertThat(statuses(6)).containsExactly(200, 500, 200, 500, 200, 200);
  }

  @Test
  void aBoundOnConsecutiveFaultsLetsTheNextRequestToThatPathThrough() {
    running
        .emulator()
        .faults()
        .maxConsecutive(2)
        .add(FaultRule.on("GET", "/api/**").always().then(Fault.status(503)));
    assertThat(statuses(7)).containsExactly(503, 503, 200, 503, 503, 200, 503);
    // counted per method and path: another path has its own run of faults
    assertThat(running.http().get(EmulatorHttp.ENVS).status()).isEqualTo(503);

    running
        .emulator()
        .faults()
        .clear()
        .add(FaultRule.on("GET", JOBS).always().then(Fault.status(503)));
    assertThat(statuses(3)).as("clear() lifts the bound").containsExactly(503, 503, 503);
    assertThatThrownBy(() -> running.emulator().faults().maxConsecutive(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was -1");
  }

  private List<Integer> statuses(int requests) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      out.add(running.http().get(JOBS).status());
    }
    return out;
  }

  @Test
  void theSameSeedReplaysTheSameFaults() {
    List<String> first = chaosRun(42);
    List<String> second = chaosRun(42);
    List<String> other = chaosRun(7);

    assertThat(first).isEqualTo(second);
    assertThat(first).contains("status_503", "").isNotEqualTo(other);
  }

  private List<String> chaosRun(long seed) {
    try (DbtCloudEmulator chaos = DbtCloudEmulator.builder().start()) {
      chaos
          .faults()
          .seed(seed)
          .add(FaultRule.on("GET", "/api/**").probability(0.3).then(Fault.status(503)))
          .add(FaultRule.on("POST", "/api/**").probability(0.5).then(Fault.commitThenFail()));
      EmulatorHttp client = EmulatorHttp.demo(chaos);
      for (int i = 0; i < 20; i++) {
        client.get(JOBS);
        client.post(JOBS, Bodies.jobJson("job " + i));
      }
      return chaos.journal().stream().map(JournalEntry::fault).toList();
    }
  }

  @Test
  void reseedingRestartsTheSequence() {
    running
        .emulator()
        .faults()
        .seed(3)
        .add(FaultRule.on("GET", "/**").probability(0.5).then(Fault.status(500)));
    List<Integer> first = statuses(12);

    running.emulator().faults().seed(3);

    assertThat(statuses(12)).isEqualTo(first);
  }

  @Test
  void theRateLimiterAnswers429AboveTheLimitUntilTheMinuteHasPassed() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (DbtCloudEmulator limited = DbtCloudEmulator.builder().clock(clock).start()) {
      limited.faults().rateLimit(RateLimit.perMinute(3).withRetryAfter());
      EmulatorHttp client = EmulatorHttp.demo(limited);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        statuses.add(client.get(JOBS).status());
      }
      EmulatorHttp.Answer refused = client.get(JOBS);
      clock.advance(Duration.ofSeconds(61));

      assertThat(statuses).containsExactly(200, 200, 200, 429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
      assertThat(client.get(JOBS).status()).isEqualTo(200);
      assertThat(limited.journal().get(3).fault()).isEqualTo("rate_limited");
    }
  }

  @Test
  void theRateLimitersCooldownOutlastsTheWindow() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (DbtCloudEmulator limited = DbtCloudEmulator.builder().clock(clock).start()) {
      limited.faults().rateLimit(RateLimit.perMinute(1).withCooldown(Duration.ofMinutes(5)));
      EmulatorHttp client = EmulatorHttp.demo(limited);
      client.get(JOBS);
      EmulatorHttp.Answer tripped = client.get(JOBS);
      clock.advance(Duration.ofMinutes(2));
      EmulatorHttp.Answer cooling = client.get(JOBS);
      clock.advance(Duration.ofMinutes(4));

      assertThat(tripped.status()).isEqualTo(429);
      assertThat(tripped.headers().firstValue("Retry-After")).isEmpty();
      assertThat(cooling.status()).isEqualTo(429);
      assertThat(client.get(JOBS).status()).isEqualTo(200);
    }
  }

  @Test
  void faultsAndTheRateLimitComeFromTheSeedFile() {
    String seed =
        """
        accounts: [{id: 70403103900001}]
        tokens: [{token: dbtc_emulator_demo_token, account_id: 70403103900001}]
        faults:
          seed: 11
          rate_limit: {requests_per_minute: 1000, retry_after: true}
          rules:
            - {method: GET, path: /api/v2/accounts/*/jobs/, nth: [1], fault: {type: too_many_requests, retry_after: 2}}
            - {method: GET, path: /api/v2/accounts/*/jobs/, nth: 2, fault: {type: status, status: 502}}
            - {method: POST, path: /api/**, fault: commit_then_fail, times: 1}
        """;
    try (DbtCloudEmulator seeded = DbtCloudEmulator.builder().seedText(seed).start()) {
      EmulatorHttp client = EmulatorHttp.demo(seeded);

      assertThat(client.get(JOBS).headers().firstValue("Retry-After")).hasValue("2");
      assertThat(client.get(JOBS).status()).isEqualTo(502);
      assertThat(client.get(JOBS).status()).isEqualTo(200);
      assertThat(seeded.faults().seed()).isEqualTo(11);
      assertThat(seeded.faults().rateLimit().requestsPerMinute()).isEqualTo(1000);
    }
  }

  @Test
  void theBoundOnConsecutiveFaultsComesFromTheSeedFileAndRefusesANegativeOne() {
    String seed =
        """
        accounts: [{id: 70403103900001}]
        tokens: [{token: dbtc_emulator_demo_token, account_id: 70403103900001}]
        faults:
          max_consecutive: 1
          rules:
            - {method: GET, path: /api/v2/accounts/*/jobs/, fault: {type: status, status: 503}}
        """;
    try (DbtCloudEmulator seeded = DbtCloudEmulator.builder().seedText(seed).start()) {
      EmulatorHttp client = EmulatorHttp.demo(seeded);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        statuses.add(client.get(JOBS).status());
      }
      assertThat(statuses).containsExactly(503, 200, 503, 200);
    }
    assertThatThrownBy(
            () -> DbtCloudEmulator.builder().seedText("faults: {max_consecutive: -1}").start())
        .hasMessageContaining("faults.max_consecutive: -1 is not a bound");
  }

  @Test
  void anUnknownFaultInTheSeedNamesTheRuleAndTheChoices() {
    String seed = "faults: {rules: [{path: /api/**, fault: explode}]}";

    assertThatThrownBy(() -> DbtCloudEmulator.builder().seedText(seed).start())
        .hasMessageContaining("faults.rules[0].fault: unknown fault 'explode'")
        .hasMessageContaining("commit_then_fail");
  }

  @Test
  void refusesNonsenseRules() {
    assertThatThrownBy(() -> FaultRule.any().probability(1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultRule.any().nth(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.status(200)).isInstanceOf(IllegalArgumentException.class);
  }
}
