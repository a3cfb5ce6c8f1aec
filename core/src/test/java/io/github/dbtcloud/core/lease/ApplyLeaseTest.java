package io.github.dbtcloud.core.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.CapturingConsole;
import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.api.FakeTime;
import io.github.dbtcloud.core.api.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApplyLeaseTest {

  private static final long ACCOUNT = 1;
  private static final long PROJECT = 7;

  private final LeaseFake cloud = new LeaseFake();
  private final FakeTime time = new FakeTime();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final CapturingConsole console = new CapturingConsole(lines);

  private LeaseHolder holder(String build) {
    return LeaseHolder.of(build, Map.of("HOSTNAME", "runner-7"), time.instant(), time.instant());
  }

  private ApplyLease take(LeaseSettings settings, String build) throws InterruptedException {
    return ApplyLease.acquire(
        cloud, ACCOUNT, List.of(PROJECT), settings, holder(build), console, time, time);
  }

  private static LeaseSettings settings() {
    return LeaseSettings.defaults();
  }

  @Test
  void takesAFreeLeaseWithOneCreateAndDeletesItOnClose() throws Exception {
    try (ApplyLease lease = take(settings(), "com.acme:a 1")) {
      assertThat(lease.projects()).isEqualTo(1);
      LeaseHolder shown = LeaseHolder.parse(cloud.lease(PROJECT).text()).orElseThrow();
      assertThat(shown.build()).isEqualTo("com.acme:a 1");
      assertThat(shown.who()).endsWith("@runner-7");
      assertThat(shown.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(shown.until()).isEqualTo(time.instant().plus(LeaseSettings.DEFAULT_EXPIRY));
    }
    assertThat(cloud.lease(PROJECT)).isNull();
    assertThat(cloud.creates.get()).isEqualTo(1);
  }

  @Test
  void aSecondApplyWaitsWithALineEveryThirtySecondsThenFailsNamingTheHolderAndTheFix()
      throws Exception {
    cloud.put(PROJECT, LeaseApi.VARIABLE, otherHolder(Duration.ofHours(1)).value());

    assertThatThrownBy(() -> take(settings().withTimeout(Duration.ofMinutes(2)), "com.acme:b 1"))
        .isInstanceOf(LeaseHeldException.class)
        .hasMessageContaining("Another apply holds the lease of project 7")
        .hasMessageContaining("build com.acme:other 2 (ci@elsewhere, pid 99)")
        .hasMessageContaining("dbt.lockTimeout = 2m")
        .hasMessageContaining("mvn dbt:unlock");

    List<String> waits =
        lines.stream().filter(l -> l.contains("Waiting for the apply lease")).toList();
    assertThat(waits).hasSize(5); // at 0, 30, 60, 90 and 120 seconds
    assertThat(waits.get(0)).contains("held by build com.acme:other 2").contains("of 2m");
    assertThat(cloud.lease(PROJECT).text()).contains("com.acme:other 2");
  }

  @Test
  void takesTheLeaseWhenTheOtherApplyReleasesIt() throws Exception {
    long other = cloud.put(PROJECT, LeaseApi.VARIABLE, otherHolder(Duration.ofHours(1)).value());
    AtomicInteger looks = new AtomicInteger();
    Sleeper releasingLater =
        d -> {
          time.sleep(d);
          if (looks.incrementAndGet() == 3) {
            cloud.delete("api/v3/accounts/1/projects/7/environment-variables/" + other + "/");
          }
        };

    try (ApplyLease lease =
        ApplyLease.acquire(
            cloud,
            ACCOUNT,
            List.of(PROJECT),
            settings(),
            holder("com.acme:b 1"),
            console,
            releasingLater,
            time)) {
      assertThat(LeaseHolder.parse(cloud.lease(PROJECT).text()).orElseThrow().build())
          .isEqualTo("com.acme:b 1");
    }
    assertThat(lines).anyMatch(l -> l.startsWith("INFO Waiting for the apply lease of project 7"));
  }

  @Test
  void takesOverAnExpiredLeaseWithAWarningNamingItsHolder() throws Exception {
    cloud.put(PROJECT, LeaseApi.VARIABLE, otherHolder(Duration.ofSeconds(-1)).value());

    try (ApplyLease lease = take(settings(), "com.acme:b 1")) {
      assertThat(cloud.lease(PROJECT).text()).contains("com.acme:b 1");
    }
    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith("WARN Taking over an expired apply lease")
                    && l.contains("build com.acme:other 2"));
  }

  @Test
  void aValueSomeoneElseWroteNeverExpiresAndIsShownInTheMessage() {
    cloud.put(PROJECT, LeaseApi.VARIABLE, "do not touch");

    assertThatThrownBy(() -> take(settings().withTimeout(Duration.ZERO), "com.acme:b 1"))
        .isInstanceOf(LeaseHeldException.class)
        .hasMessageContaining("the value \"do not touch\"");
  }

  @Test
  void aCreateCommittedWhoseAnswerWasLostIsFoundToBeThisApplysOwn() throws Exception {
    cloud.fail("POST", 0);

    try (ApplyLease lease = take(settings(), "com.acme:a 1")) {
      assertThat(cloud.lease(PROJECT).text()).contains("com.acme:a 1");
    }
    assertThat(cloud.creates.get()).isEqualTo(1);
  }

  @Test
  void aCreateLostBeforeItWasCommittedIsSentAgain() throws Exception {
    cloud.fail("POST", 503);

    try (ApplyLease lease = take(settings(), "com.acme:a 1")) {
      assertThat(cloud.lease(PROJECT)).isNotNull();
    }
    assertThat(cloud.creates.get()).isEqualTo(2);
  }

  @Test
  void aRefusedCreateWithNoLeaseThereSaysWhatTheTokenNeeds() {
    cloud.fail("POST", 403);

    assertThatThrownBy(() -> take(settings(), "com.acme:a 1"))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("Could not take the apply lease")
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("-Ddbt.lock=false");
  }

  @Test
  void aCreateRefusedBecauseAnotherApplysLeaseCameAndWentIsSentAgain() throws Exception {
    // the other apply created the lease before this create and released it before the read
    cloud.fail("POST", 400);

    try (ApplyLease lease = take(settings(), "com.acme:a 1")) {
      assertThat(cloud.lease(PROJECT).text()).contains("com.acme:a 1");
    }
    assertThat(cloud.creates.get()).isEqualTo(2);
  }

  @Test
  void aRefusalThatKeepsComingWithNoLeaseThereSaysWhatTheTokenNeeds() {
    for (int i = 0; i < 5; i++) {
      cloud.fail("POST", 400);
    }

    assertThatThrownBy(() -> take(settings(), "com.acme:a 1"))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("Could not take the apply lease")
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("-Ddbt.lock=false");
    assertThat(cloud.creates.get()).isEqualTo(5);
  }

  @Test
  void ofTwoAppliesAskingAtOnceExactlyOneHoldsTheLeaseAtATime() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    LeaseSettings fast = settings().withExpiry(Duration.ofMinutes(2), Duration.ofMillis(5));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 20; round++) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> applies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          String build = "apply " + i;
          applies.add(
              pool.submit(
                  () -> {
                    go.await();
                    try (ApplyLease lease =
                        ApplyLease.acquire(
                            cloud,
                            ACCOUNT,
                            List.of(PROJECT),
                            fast,
                            holder(build),
                            console,
                            Sleeper.system(),
                            Clock.systemUTC())) {
                      if (inside.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                      }
                      Thread.sleep(2);
                      inside.decrementAndGet();
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> f : applies) {
          f.get(30, TimeUnit.SECONDS);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(overlaps).hasValue(0);
    assertThat(cloud.lease(PROJECT)).isNull();
  }

  @Test
  void aHeldLeaseIsRenewedBeforeItExpires() throws Exception {
    LeaseSettings shortLived = settings().withExpiry(Duration.ofMillis(300), Duration.ofMillis(5));
    try (ApplyLease lease =
        ApplyLease.acquire(
            cloud,
            ACCOUNT,
            List.of(PROJECT),
            shortLived,
            holder("com.acme:a 1"),
            console,
            Sleeper.system(),
            Clock.systemUTC())) {
      Thread.sleep(700);
      assertThat(cloud.renewals.get()).isGreaterThanOrEqualTo(2);
      Instant until = LeaseHolder.parse(cloud.lease(PROJECT).text()).orElseThrow().until();
      assertThat(until).isAfter(Instant.now());
    }
  }

  @Test
  void closeLeavesALeaseTakenOverByAnotherApplyAlone() throws Exception {
    ApplyLease mine = take(settings(), "com.acme:a 1");
    long id = cloud.lease(PROJECT).id();
    cloud.delete("api/v3/accounts/1/projects/7/environment-variables/" + id + "/");
    cloud.put(PROJECT, LeaseApi.VARIABLE, otherHolder(Duration.ofHours(1)).value());

    mine.close();

    assertThat(cloud.lease(PROJECT).text()).contains("com.acme:other 2");
  }

  @Test
  void aReleaseThatFailsIsAWarningSayingWhenItExpiresAndHowToClearIt() throws Exception {
    ApplyLease mine = take(settings(), "com.acme:a 1");
    cloud.fail("GET", 503);

    mine.close();

    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith("WARN Could not release the apply lease") && l.contains("dbt:unlock"));
  }

  @Test
  void clearSaysWhoHeldTheLeaseAndNothingWhenThereWasNone() {
    cloud.put(PROJECT, LeaseApi.VARIABLE, otherHolder(Duration.ofHours(1)).value());

    assertThat(ApplyLease.clear(cloud, ACCOUNT, PROJECT))
        .hasValueSatisfying(s -> assertThat(s).contains("build com.acme:other 2"));
    assertThat(cloud.lease(PROJECT)).isNull();
    assertThat(ApplyLease.clear(cloud, ACCOUNT, PROJECT)).isEmpty();
  }

  @Test
  void clearExpiredClearsAKilledApplysLeaseSayingWhoseItWas() {
    cloud.put(PROJECT, LeaseApi.VARIABLE, otherHolder(Duration.ofSeconds(-1)).value());

    assertThat(ApplyLease.clearExpired(cloud, ACCOUNT, PROJECT, time, console)).isTrue();

    assertThat(cloud.lease(PROJECT)).isNull();
    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith("WARN Clearing an expired apply lease")
                    && l.contains("build com.acme:other 2"));
  }

  @Test
  void clearExpiredLeavesALiveLeaseAValueSomeoneWroteAndNoLeaseAlone() {
    assertThat(ApplyLease.clearExpired(cloud, ACCOUNT, PROJECT, time, console)).isFalse();
    cloud.put(PROJECT, LeaseApi.VARIABLE, "do not touch");
    assertThat(ApplyLease.clearExpired(cloud, ACCOUNT, PROJECT, time, console)).isFalse();
    assertThat(cloud.lease(PROJECT).text()).isEqualTo("do not touch");
    ApplyLease.clear(cloud, ACCOUNT, PROJECT);
    cloud.put(PROJECT, LeaseApi.VARIABLE, otherHolder(Duration.ofHours(1)).value());

    assertThat(ApplyLease.clearExpired(cloud, ACCOUNT, PROJECT, time, console)).isFalse();

    assertThat(cloud.lease(PROJECT).text()).contains("build com.acme:other 2");
    assertThat(lines).isEmpty();
  }

  @Test
  void clearExpiredThatFailsIsAWarningNamingTheFix() {
    cloud.put(PROJECT, LeaseApi.VARIABLE, otherHolder(Duration.ofSeconds(-1)).value());
    cloud.fail("DELETE", 503);

    assertThat(ApplyLease.clearExpired(cloud, ACCOUNT, PROJECT, time, console)).isFalse();

    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith("WARN Could not clear the expired apply lease")
                    && l.contains("unlock"));
  }

  @Test
  void leasesOfSeveralProjectsAreTakenInIdOrder() throws Exception {
    try (ApplyLease lease =
        ApplyLease.acquire(
            cloud, ACCOUNT, List.of(9L, 3L), settings(), holder("x"), console, time, time)) {
      assertThat(lease.projects()).isEqualTo(2);
      assertThat(cloud.lease(3).id()).isLessThan(cloud.lease(9).id());
    }
  }

  private LeaseHolder otherHolder(Duration left) {
    return new LeaseHolder(
        "other-id",
        time.instant().plus(left),
        time.instant().minusSeconds(60),
        "ci@elsewhere",
        99,
        "com.acme:other 2");
  }
}
