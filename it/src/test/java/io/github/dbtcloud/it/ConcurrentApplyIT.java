package io.github.dbtcloud.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.apply.ApplyOptions;
import io.github.dbtcloud.core.apply.ApplyResult;
import io.github.dbtcloud.core.goal.Build;
import io.github.dbtcloud.core.goal.Time;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.lease.LeaseApi;
import io.github.dbtcloud.core.lease.LeaseSettings;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.plan.StalePlanException;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import io.github.dbtcloud.emulator.faults.Fault;
import io.github.dbtcloud.emulator.faults.FaultRule;
import io.github.dbtcloud.emulator.http.JournalEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code dbt:apply} of one file started at the same moment against one dbt Cloud (a push and a
 * re-run of the same pipeline): the lease makes the second wait and then plan what the first did,
 * so the account holds exactly one set of objects. Rounds: {@code -Ddbt.concurrency.rounds}.
 */
class ConcurrentApplyIT {

  static final String TOKEN = "dbtc_it_token_0123456789";
  private static final AtomicInteger ROUNDS = new AtomicInteger();
  private static final AtomicInteger DUPLICATES = new AtomicInteger();
  private static final AtomicInteger WAITS = new AtomicInteger();
  private static final AtomicInteger UNLOCKED_ROUNDS = new AtomicInteger();
  private static final AtomicInteger TWINS_DELETED = new AtomicInteger();

  @TempDir Path dir;

  @AfterAll
  static void figures() {
    System.out.println(
        "concurrency: "
            + ROUNDS.get()
            + " rounds of two applies at once; "
            + WAITS.get()
            + " applies waited for the lease; "
            + DUPLICATES.get()
            + " duplicate objects; "
            + UNLOCKED_ROUNDS.get()
            + " rounds with dbt.lock=false: "
            + TWINS_DELETED.get()
            + " twins deleted by the twin check");
    if (UNLOCKED_ROUNDS.get() >= 5) {
      assertThat(TWINS_DELETED.get())
          .as("twins made by applies racing without a lease")
          .isPositive();
    }
  }

  @RepeatedTest(12)
  void twoAppliesStartedTogetherMakeExactlyOneSetOfObjectsAndOneOfThemWaits() throws Exception {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, resource("/chaos/dbt-cloud.yml"));
    try (DbtCloudEmulator emulator =
        DbtCloudEmulator.builder().seedText(resource("/chaos/seed.yml")).start()) {
      // each create takes a little while, as dbt Cloud's do: the first apply is still writing
      // when the second one asks for the lease
      emulator
          .faults()
          .add(FaultRule.on("POST", "/api/v2/accounts/*/jobs/").then(Fault.latency(15)));
      List<String> lines = new CopyOnWriteArrayList<>();
      List<ApplyResult> results =
          together(
              2,
              i ->
                  Goals.apply(
                      Goals.build(file, emulator.baseUrl(), TOKEN, dir.resolve("out-" + i)),
                      capturing(lines, "apply " + i),
                      new Time(Clock.systemUTC(), Sleeper.system(), action -> () -> {}),
                      ApplyOptions.defaults(),
                      LeaseSettings.defaults()
                          .withExpiry(Duration.ofMinutes(2), Duration.ofMillis(50))));
      ROUNDS.incrementAndGet();

      assertThat(results).allSatisfy(r -> assertThat(r.complete()).isTrue());
      assertThat(results.stream().mapToInt(ApplyResult::added).sorted().toArray())
          .as("one apply created everything, the other found nothing to do")
          .startsWith(0);
      assertThat(results.stream().mapToInt(ApplyResult::added).max().orElse(0)).isPositive();
      long waited =
          lines.stream()
              .filter(l -> l.contains("Waiting for the apply lease"))
              .map(l -> l.substring(0, l.indexOf(':')))
              .distinct()
              .count();
      WAITS.addAndGet((int) waited);
      assertThat(waited).as("applies that reported waiting").isEqualTo(1);
      assertExactlyOneSetOfObjects(emulator, file, dir);
      assertThat(leaseVariables(emulator)).as("the lease is released").isZero();
    }
  }

  @RepeatedTest(10)
  void withoutTheLeaseTheTwinCheckLeavesOneSurvivorOfEachObject() throws Exception {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, resource("/chaos/dbt-cloud.yml"));
    try (DbtCloudEmulator emulator =
        DbtCloudEmulator.builder().seedText(resource("/chaos/seed.yml")).start()) {
      emulator
          .faults()
          .add(FaultRule.on("POST", "/api/v2/accounts/*/jobs/").then(Fault.latency(15)));
      emulator
          .faults()
          .add(
              FaultRule.on("POST", "/api/v3/accounts/*/projects/*/environments/")
                  .then(Fault.latency(15)));
      List<String> lines = new CopyOnWriteArrayList<>();
      together(
          2,
          i -> {
            try {
              return Goals.apply(
                  Goals.build(file, emulator.baseUrl(), TOKEN, dir.resolve("out-" + i)),
                  capturing(lines, "apply " + i),
                  new Time(Clock.systemUTC(), Sleeper.system(), action -> () -> {}),
                  ApplyOptions.defaults(),
                  LeaseSettings.off());
            } catch (RuntimeException refusedByTheOther) {
              // e.g. the project variable: dbt Cloud refuses the second create of one name
              return null;
            }
          });
      UNLOCKED_ROUNDS.incrementAndGet();
      TWINS_DELETED.addAndGet(
          (int) lines.stream().filter(l -> l.contains("deleted its own twin")).count());
      assertThat(lines).anyMatch(l -> l.contains("WARN dbt.lock = false"));

      Build again = Goals.build(file, emulator.baseUrl(), TOKEN, dir.resolve("again"));
      ApplyResult finish =
          Goals.apply(
              again,
              Console.silent(),
              new Time(Clock.systemUTC(), Sleeper.system(), action -> () -> {}),
              ApplyOptions.defaults());
      assertThat(finish.complete()).isTrue();
      assertExactlyOneSetOfObjects(emulator, file, dir);
    }
  }

  @Test
  void anApplyWithNothingToDoWritesNothingAndDoesNotWaitForALeaseAnotherApplyHolds()
      throws Exception {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, resource("/chaos/dbt-cloud.yml"));
    try (DbtCloudEmulator emulator =
        DbtCloudEmulator.builder().seedText(resource("/chaos/seed.yml")).start()) {
      Goals.apply(
          Goals.build(file, emulator.baseUrl(), TOKEN, dir.resolve("first")),
          Console.silent(),
          Time.system(),
          ApplyOptions.defaults());
      ItEmulator.plantLease(emulator, 70403103900001L, 70403103900002L, TOKEN, "com.acme:other 1");
      long writesBefore = emulator.journal().stream().filter(JournalEntry::isWrite).count();
      List<String> lines = new CopyOnWriteArrayList<>();

      ApplyResult again = applyLeased(emulator, file, "again", lines);

      assertThat(again.complete()).isTrue();
      assertThat(again.changed()).isZero();
      assertThat(emulator.journal().stream().filter(JournalEntry::isWrite).count())
          .as("writes, the lease's included")
          .isEqualTo(writesBefore);
      assertThat(lines)
          .anyMatch(l -> l.contains("No changes."))
          .noneMatch(l -> l.contains("Waiting for the apply lease"))
          .noneMatch(l -> l.contains("Holding the apply lease"));
      assertThat(leaseVariables(emulator)).as("the other apply's lease, untouched").isOne();
    }
  }

  @Test
  void anApplyWithChangesReadsAgainUnderTheLeaseAndAppliesThatPlan() throws Exception {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, resource("/chaos/dbt-cloud.yml"));
    try (DbtCloudEmulator emulator =
        DbtCloudEmulator.builder().seedText(resource("/chaos/seed.yml")).start()) {
      List<String> lines = new CopyOnWriteArrayList<>();

      ApplyResult result = applyLeased(emulator, file, "apply", lines);

      assertThat(result.complete()).isTrue();
      assertThat(result.added()).isPositive();
      List<String> order =
          lines.stream()
              .filter(
                  l ->
                      l.contains("There are changes to make")
                          || l.contains("Holding the apply lease")
                          || l.contains("Reading dbt Cloud at"))
              .map(
                  l ->
                      l.contains("Reading dbt Cloud at")
                          ? "read"
                          : l.contains("Holding the apply lease") ? "lease" : "changes")
              .toList();
      assertThat(order)
          .as("read, then the lease, then read again under it")
          .containsExactly("read", "changes", "lease", "read");
      assertThat(leaseVariables(emulator)).isZero();
    }
  }

  /** One apply with the default lease settings, its lines captured as {@code name: line}. */
  private ApplyResult applyLeased(
      DbtCloudEmulator emulator, Path file, String name, List<String> lines) {
    return Goals.apply(
        Goals.build(file, emulator.baseUrl(), TOKEN, dir.resolve(name)),
        capturing(lines, name),
        Time.system(),
        ApplyOptions.defaults(),
        LeaseSettings.defaults());
  }

  @Test
  void aSavedPlanAppliedAfterAnotherApplyIsRefusedAsStaleWritingNothing() throws Exception {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, resource("/chaos/dbt-cloud.yml"));
    try (DbtCloudEmulator emulator =
        DbtCloudEmulator.builder().seedText(resource("/chaos/seed.yml")).start()) {
      Build reviewed = Goals.build(file, emulator.baseUrl(), TOKEN, dir.resolve("reviewed"));
      assertThat(Goals.plan(reviewed, Console.silent()).changes()).isNotEmpty();
      Goals.apply(
          Goals.build(file, emulator.baseUrl(), TOKEN, dir.resolve("other")),
          Console.silent(),
          Time.system(),
          ApplyOptions.defaults());
      int writesBefore = ItEmulator.writes(emulator).size();

      assertThatThrownBy(
              () ->
                  Goals.applySaved(
                      reviewed, Console.silent(), dir.resolve("reviewed").resolve("plan.json")))
          .isInstanceOf(StalePlanException.class)
          .hasMessageContaining("is stale")
          .hasMessageContaining("no longer planned")
          .hasMessageContaining("Nothing was written.");
      assertThat(ItEmulator.writes(emulator)).hasSize(writesBefore);
      assertThat(leaseVariables(emulator)).isZero();
    }
  }

  /** Jobs per marker, environments per name, variables per name: exactly one of each. */
  static void assertExactlyOneSetOfObjects(DbtCloudEmulator emulator, Path file, Path dir) {
    List<ObjectNode> jobs =
        emulator.state().read(s -> s.table("jobs").all()).stream()
            .filter(j -> j.path("state").asInt(1) == 1)
            .toList();
    Map<String, Long> markers =
        jobs.stream()
            .map(j -> Marker.findIn(j.path("description").asText(""), j.path("name").asText("")))
            .flatMap(java.util.Optional::stream)
            .collect(
                Collectors.groupingBy(
                    m -> m.withFingerprint(null).withProtect(false).text(), Collectors.counting()));
    Map<String, Long> environments =
        emulator.state().read(s -> s.table("environments").all()).stream()
            .filter(e -> e.path("state").asInt(1) == 1)
            .collect(
                Collectors.groupingBy(
                    e -> e.path("project_id").asLong() + "/" + e.path("name").asText(),
                    Collectors.counting()));
    Map<String, Long> variables =
        emulator.state().read(s -> s.table("environment_variables").all()).stream()
            .filter(v -> v.path("state").asInt(1) == 1)
            .collect(
                Collectors.groupingBy(
                    v ->
                        v.path("name").asText()
                            + "/"
                            + v.path("type").asText()
                            + "/"
                            + v.path("environment_id").asText()
                            + "/"
                            + v.path("job_definition_id").asText(),
                    Collectors.counting()));
    long extra =
        markers.values().stream().mapToLong(n -> n - 1).sum()
            + environments.values().stream().mapToLong(n -> n - 1).sum()
            + variables.values().stream().mapToLong(n -> n - 1).sum();
    DUPLICATES.addAndGet((int) extra);
    assertThat(markers).allSatisfy((m, n) -> assertThat(n).as(m).isEqualTo(1L));
    assertThat(markers.keySet())
        .contains(
            "[[analytics/a]]",
            "[[analytics/b]]",
            "[[analytics/c]]",
            "[[analytics/nightly]]",
            "[[analytics/pr_check]]",
            "[[analytics/merge]]");
    assertThat(environments).allSatisfy((e, n) -> assertThat(n).as(e).isEqualTo(1L));
    assertThat(variables).allSatisfy((v, n) -> assertThat(n).as(v).isEqualTo(1L));
    Plan after =
        Goals.plan(
            Goals.build(file, emulator.baseUrl(), TOKEN, dir.resolve("after")), Console.silent());
    assertThat(after.changes()).as("a plan after both applies").isEmpty();
  }

  static long leaseVariables(DbtCloudEmulator emulator) {
    return emulator.state().read(s -> s.table("environment_variables").all()).stream()
        .filter(v -> v.path("state").asInt(1) == 1)
        .filter(v -> v.path("name").asText().equals(LeaseApi.VARIABLE))
        .count();
  }

  /** Runs {@code n} applies released at the same instant; returns their results. */
  static List<ApplyResult> together(int n, java.util.function.IntFunction<ApplyResult> apply)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ApplyResult>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return apply.apply(index);
                }));
      }
      ready.await();
      go.countDown();
      List<ApplyResult> out = new ArrayList<>();
      for (Future<ApplyResult> f : futures) {
        out.add(f.get(2, TimeUnit.MINUTES));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  static Console capturing(List<String> lines, String who) {
    return new Console() {
      @Override
      public void info(String line) {
        lines.add(who + ": " + line);
      }

      @Override
      public void warn(String line) {
        lines.add(who + ": WARN " + line);
      }

      @Override
      public void debug(String line) {}
    };
  }

  static String resource(String name) {
    try (InputStream in = ConcurrentApplyIT.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
