package io.github.dbtcloud.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.apply.ApplyOptions;
import io.github.dbtcloud.core.apply.ApplyResult;
import io.github.dbtcloud.core.goal.Build;
import io.github.dbtcloud.core.goal.Time;
import io.github.dbtcloud.core.lease.LeaseSettings;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import io.github.dbtcloud.emulator.http.JournalEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency: an apply runs in a JVM of its own against an emulator in this one (loopback),
 * and is killed ({@code destroyForcibly}, as {@code kill -9}) right after dbt Cloud answered its
 * K-th request, K seeded. Then at most two applies converge: the account equals the file, no object
 * exists twice, nothing outside the file was touched. The killed apply's lease is never released;
 * the test gives leases a short expiry ({@link #EXPIRY}) so the next apply takes it over after
 * that, as a real one would after two minutes; when that apply has nothing to do it leaves the
 * still-live lease alone, and one more apply after the expiry clears it. Kill points: {@code
 * -Ddbt.kill.points}.
 */
class ApplyKillIT {

  private static final int POINTS = Integer.getInteger("dbt.kill.points", 50);
  private static final long EXPIRY = 600;
  private static final String TOKEN = ConcurrentApplyIT.TOKEN;
  private static final AtomicInteger SURVIVED = new AtomicInteger();
  private static final AtomicInteger KILLED_MID_APPLY = new AtomicInteger();
  private static final AtomicInteger TAKEOVERS = new AtomicInteger();
  private static final AtomicInteger CLEARED_AFTER_EXPIRY = new AtomicInteger();
  private static final List<Integer> APPLIES_NEEDED =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private static int fullApplyRequests;

  @TempDir Path dir;

  static LeaseSettings lease(long expiryMillis) {
    return LeaseSettings.defaults()
        .withExpiry(Duration.ofMillis(expiryMillis), Duration.ofMillis(50));
  }

  @AfterAll
  static void figures() {
    System.out.println(
        "kill -9: "
            + SURVIVED.get()
            + " of "
            + POINTS
            + " kill points converged ("
            + KILLED_MID_APPLY.get()
            + " killed before the apply ended, "
            + TAKEOVERS.get()
            + " abandoned leases taken over, "
            + CLEARED_AFTER_EXPIRY.get()
            + " left by a no-op apply and cleared once expired); applies needed after the kill: "
            + APPLIES_NEEDED.stream()
                .collect(
                    Collectors.groupingBy(n -> n, java.util.TreeMap::new, Collectors.counting()))
            + "; a full apply sends "
            + fullApplyRequests
            + " requests");
  }

  @TestFactory
  Stream<DynamicTest> anApplyKilledAtAnyRequestConvergesInAtMostTwoMoreApplies() throws Exception {
    fullApplyRequests = requestsOfAFullApply();
    Random random = new Random(20261205L);
    return LongStream.rangeClosed(1, POINTS)
        .mapToObj(
            point -> {
              int k = 1 + random.nextInt(fullApplyRequests);
              return DynamicTest.dynamicTest(
                  "kill point " + point + ": after request " + k, () -> run(point, k));
            });
  }

  private int requestsOfAFullApply() throws Exception {
    Path file = dir.resolve("calibrate.yml");
    Files.writeString(file, ConcurrentApplyIT.resource("/chaos/dbt-cloud.yml"));
    try (DbtCloudEmulator emulator =
        DbtCloudEmulator.builder()
            .seedText(ConcurrentApplyIT.resource("/chaos/seed.yml"))
            .start()) {
      Goals.apply(
          Goals.build(file, emulator.baseUrl(), TOKEN, dir.resolve("calibrate")),
          Console.silent(),
          Time.system(),
          ApplyOptions.defaults(),
          lease(EXPIRY));
      // the child's JVM start and lease are included; a kill point past the end is a clean exit
      return emulator.journal().size();
    }
  }

  private void run(long point, int k) throws Exception {
    Path file = dir.resolve("dbt-cloud-" + point + ".yml");
    Files.writeString(file, ConcurrentApplyIT.resource("/chaos/dbt-cloud.yml"));
    AtomicReference<Process> child = new AtomicReference<>();
    AtomicInteger answered = new AtomicInteger();
    try (DbtCloudEmulator emulator =
        DbtCloudEmulator.builder()
            .seedText(ConcurrentApplyIT.resource("/chaos/seed.yml"))
            .listener(
                (exchange, type) -> {
                  if (answered.incrementAndGet() == k) {
                    Process p = child.get();
                    if (p != null) {
                      p.destroyForcibly();
                    }
                  }
                })
            .start()) {
      Map<Long, String> outOfScope = ItEmulator.jobsOutsideNamespace(emulator, "analytics");
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:TieredStopAtLevel=1",
                  "-Xshare:auto",
                  "-cp",
                  System.getProperty(
                      "surefire.test.class.path", System.getProperty("java.class.path")),
                  ApplyMain.class.getName(),
                  file.toString(),
                  emulator.baseUrl(),
                  dir.resolve("out-" + point).toString(),
                  String.valueOf(EXPIRY))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("child-" + point + ".log").toFile());
      pb.environment().put("DBT_IT_TOKEN", TOKEN);
      Process p = pb.start();
      child.set(p);
      if (answered.get() >= k) {
        p.destroyForcibly();
      }
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the child ended").isTrue();
      if (p.exitValue() != 0) {
        KILLED_MID_APPLY.incrementAndGet();
      }
      int writesOfTheKilled =
          (int) emulator.journal().stream().filter(JournalEntry::isWrite).count();

      Build again = Goals.build(file, emulator.baseUrl(), TOKEN, dir.resolve("again-" + point));
      List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
      int applies = 0;
      ApplyResult result = null;
      while (applies < 2 && (result == null || !result.complete())) {
        applies++;
        try {
          result =
              Goals.apply(
                  again,
                  ConcurrentApplyIT.capturing(lines, "apply " + applies),
                  Time.system(),
                  ApplyOptions.defaults(),
                  lease(EXPIRY));
        } catch (RuntimeException e) {
          lines.add("failed: " + e.getMessage());
        }
      }
      assertThat(result)
          .as("point %d (kill after %d, %d writes): %s", point, k, writesOfTheKilled, lines)
          .isNotNull();
      assertThat(result.complete()).isTrue();
      if (lines.stream().anyMatch(l -> l.contains("Taking over an expired apply lease"))) {
        TAKEOVERS.incrementAndGet();
      }
      ConcurrentApplyIT.assertExactlyOneSetOfObjects(emulator, file, dir.resolve("plan-" + point));
      assertThat(ItEmulator.jobsOutsideNamespace(emulator, "analytics"))
          .as("jobs outside the file")
          .isEqualTo(outOfScope);
      List<JournalEntry> touchingThem =
          emulator.journal().stream()
              .filter(JournalEntry::isWrite)
              .filter(
                  e ->
                      outOfScope.keySet().stream()
                          .anyMatch(id -> e.path().contains("/" + id + "/")))
              .toList();
      assertThat(touchingThem).isEmpty();
      if (ConcurrentApplyIT.leaseVariables(emulator) > 0) {
        // Killed after its last write: the apply after it found nothing to do, and left the
        // killed one's lease alone, since it could not yet tell it from a live apply's. Once it
        // has expired, the next apply clears it, even with nothing to do.
        assertThat(result.changed()).as("an apply that left a lease had nothing to do").isZero();
        Thread.sleep(EXPIRY + 200);
        ApplyResult after =
            Goals.apply(
                again,
                ConcurrentApplyIT.capturing(lines, "after expiry"),
                Time.system(),
                ApplyOptions.defaults(),
                lease(EXPIRY));
        assertThat(after.changed()).isZero();
        assertThat(lines).anyMatch(l -> l.contains("Clearing an expired apply lease"));
        CLEARED_AFTER_EXPIRY.incrementAndGet();
      }
      assertThat(ConcurrentApplyIT.leaseVariables(emulator)).isZero();
      APPLIES_NEEDED.add(applies);
      SURVIVED.incrementAndGet();
    }
  }
}
