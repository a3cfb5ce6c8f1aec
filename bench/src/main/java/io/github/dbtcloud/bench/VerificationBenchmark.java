package io.github.dbtcloud.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.config.DesiredFiles;
import io.github.dbtcloud.core.config.VerifySettings;
import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.Time;
import io.github.dbtcloud.core.goal.VerifyGoal;
import io.github.dbtcloud.core.verify.VerificationFailedException;
import io.github.dbtcloud.emulator.runs.ManualClock;
import io.github.dbtcloud.emulator.runs.RunScript;
import io.github.dbtcloud.emulator.runs.RunScript.Outcome;
import io.github.dbtcloud.emulator.runs.RunScript.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The verification part of {@link PlanApplyBenchmark}: how {@code dbt:apply} waits for its
 * verification run ({@link VerifyGoal} on the goal's context, as the apply goal calls it) over a
 * run that lasts {@code bench.verifyMinutes} (10) simulated minutes, once ending in success and
 * once failing at its last step. One virtual clock drives both the emulator's runs and core's clock
 * and sleeper, and only the sleeper moves it, so the minutes pass in milliseconds while each
 * request still pays the real injected latency.
 */
final class VerificationBenchmark {

  private static final String JOB_NAME = "job 0";
  private static final Pattern RUN_READ = Pattern.compile(".*/runs/\\d+/?");

  private final PlanApplyBenchmark bench;
  private final Duration length = Duration.ofMinutes(Long.getLong("bench.verifyMinutes", 10));

  VerificationBenchmark(PlanApplyBenchmark bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    ObjectNode node = bench.results.putObject("verification");
    node.put("runSeconds", length.toSeconds()).put("latencyMs", bench.latency);
    node.put("pollMinSeconds", VerifySettings.DEFAULT_POLL_MIN.toSeconds());
    node.put("pollMaxSeconds", VerifySettings.DEFAULT_POLL_MAX.toSeconds());
    bench.line("");
    bench.line(
        String.format(
            Locale.ROOT,
            "verification polling over a %d-minute run (simulated clock), %d ms per request,"
                + " polls %d s backing off to %d s",
            length.toMinutes(),
            bench.latency,
            VerifySettings.DEFAULT_POLL_MIN.toSeconds(),
            VerifySettings.DEFAULT_POLL_MAX.toSeconds()));
    bench.line(
        String.format(
            Locale.ROOT,
            "%8s %6s %9s %12s %12s %26s %10s",
            "ending",
            "polls",
            "requests",
            "simulated s",
            "seen after",
            "wall ms (min/med/max)",
            "log lines"));
    List<Double> pollTimes = part(node.putObject("success"), Outcome.SUCCESS);
    part(node.putObject("failure"), Outcome.ERROR);
    bench.line("  poll times (s after the trigger, success): " + seconds(pollTimes));
  }

  /** Repeats one kind of run; returns the poll times of the last repeat. */
  private List<Double> part(ObjectNode node, Outcome ending) throws Exception {
    ArrayNode rows = node.putArray("repeats");
    List<Double> wall = new ArrayList<>();
    Once last = null;
    for (int r = 0; r < bench.repeats; r++) {
      last = once(ending);
      wall.add(last.wallMs);
      ObjectNode row = rows.addObject();
      row.put("polls", last.polls).put("requests", last.requests);
      row.put("simulatedWaitSeconds", PlanApplyBenchmark.round(last.simulatedMs / 1000));
      row.put("wallMs", PlanApplyBenchmark.round(last.wallMs));
      row.put("endSeenAfterSeconds", PlanApplyBenchmark.round(seenAfter(last)));
      row.put("logLines", last.log.size());
      ArrayNode times = row.putArray("pollSeconds");
      last.pollSeconds.forEach(t -> times.add(PlanApplyBenchmark.round(t)));
    }
    node.put("polls", last.polls).put("requests", last.requests);
    PlanApplyBenchmark.stats(node.putObject("wallMs"), wall);
    if (last.failure != null) {
      node.put("error", last.failure);
      ArrayNode log = node.putArray("log");
      last.log.forEach(log::add);
    }
    bench.line(
        String.format(
            Locale.ROOT,
            "%8s %6d %9d %12.0f %10.1f s %26s %10d",
            ending == Outcome.SUCCESS ? "success" : "error",
            last.polls,
            last.requests,
            last.simulatedMs / 1000,
            seenAfter(last),
            PlanApplyBenchmark.mmm(wall),
            last.log.size()));
    return last.pollSeconds;
  }

  /** How long after the run ended the poll that saw it came. */
  private double seenAfter(Once once) {
    List<Double> polls = once.pollSeconds;
    return polls.isEmpty() ? 0 : polls.get(polls.size() - 1) - length.toSeconds();
  }

  /**
   * One verification.
   *
   * @param polls GETs of the run after the trigger, each one a poll of the follower
   * @param requests every request of the verification: job lookup, trigger, polls, run_results
   * @param simulatedMs virtual time from the trigger to the end of the goal
   * @param wallMs real time of the whole verification goal
   * @param pollSeconds virtual seconds after the trigger of each GET of the run
   * @param log what the goal printed
   * @param failure the failure's message, or null
   */
  private record Once(
      int polls,
      int requests,
      double simulatedMs,
      double wallMs,
      List<Double> pollSeconds,
      List<String> log,
      String failure) {}

  private Once once(Outcome ending) throws Exception {
    Fixture fixture = new Fixture(3, 1, 0);
    Path dir = Scratch.dir("dbt-bench-verify-");
    List<String> patterns = fixture.write(dir, 1);
    // One clock for the emulator's runs and core's poller, moved only when core sleeps.
    ManualClock time = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    Sleeper sleeper =
        duration -> {
          if (!duration.isNegative()) {
            time.advance(duration);
          }
        };
    List<Instant> triggers = Collections.synchronizedList(new ArrayList<>());
    List<Instant> reads = Collections.synchronizedList(new ArrayList<>());
    try (PlanApplyBenchmark.Server server =
        PlanApplyBenchmark.Server.start(
            fixture.seed(1),
            bench.latency,
            time,
            (exchange, type) -> {
              if (exchange.method().equals("POST") && exchange.path().endsWith("/run/")) {
                triggers.add(time.instant());
              } else if (exchange.method().equals("GET")
                  && RUN_READ.matcher(exchange.path()).matches()) {
                reads.add(time.instant());
              }
            })) {
      server.emulator.runs().script(script(ending));
      server.reset();
      List<String> log = Collections.synchronizedList(new ArrayList<>());
      Path outDir = dir.resolve("out");
      String failure = null;
      long start = System.nanoTime();
      try (GoalContext context =
          GoalContext.open(
              PlanApplyBenchmark.build(new DesiredFiles(dir, patterns), server.url(), outDir),
              recording(log),
              new Time(time, sleeper, action -> () -> {}))) {
        new VerifyGoal(VerifySettings.builder().job("job_0").build()).run(context);
      } catch (VerificationFailedException e) {
        failure = e.getMessage();
      }
      double wallMs = (System.nanoTime() - start) / 1e6;
      if ((failure == null) != (ending == Outcome.SUCCESS) || triggers.size() != 1) {
        throw new IllegalStateException(
            "the verification did not end as scripted (" + ending + "): " + failure);
      }
      Instant trigger = triggers.get(0);
      List<Double> pollSeconds = new ArrayList<>();
      for (Instant read : reads) {
        pollSeconds.add(Duration.between(trigger, read).toMillis() / 1000.0);
      }
      return new Once(
          reads.size(),
          server.requests.get(),
          Duration.between(trigger, time.instant()).toMillis(),
          wallMs,
          pollSeconds,
          List.copyOf(log),
          failure);
    }
  }

  /**
   * A run of {@link #length}: half a minute queued and starting, the usual set-up steps, a long
   * {@code dbt build}; on {@link Outcome#ERROR} the build fails with a log and two failed nodes.
   */
  private RunScript script(Outcome ending) {
    Duration queue = Duration.ofSeconds(20);
    Duration starting = Duration.ofSeconds(10);
    Duration clone = Duration.ofSeconds(8);
    Duration profile = Duration.ofSeconds(2);
    Duration deps = Duration.ofSeconds(40);
    Duration build = length.minus(queue).minus(starting).minus(clone).minus(profile).minus(deps);
    Step last = Step.dbt("dbt build").taking(build);
    if (ending == Outcome.ERROR) {
      last =
          last.ending(Outcome.ERROR)
              .logging(
                  "Running with dbt=1.8.0\nFound 412 models, 1,200 tests\n"
                      + "Finished running 412 models and 1,200 tests in 0 hours 8 minutes\n"
                      + "Completed with 2 errors and 0 warnings:\n"
                      + "Database Error in model orders (models/orders.sql)\n"
                      + "  column \"amount\" does not exist\n"
                      + "Failure in test not_null_customers_id (models/schema.yml)\n"
                      + "Done. PASS=1610 WARN=0 ERROR=2 SKIP=0 TOTAL=1612")
              .withNodes(
                  List.of(
                      new RunScript.Node(
                          "model.bench.orders", "error", "column \"amount\" does not exist"),
                      new RunScript.Node(
                          "test.bench.not_null_customers_id", "fail", "Got 3 results")));
    }
    return RunScript.forJobNamed(JOB_NAME)
        .queuedFor(queue, starting)
        .withSteps(
            List.of(
                new Step("Clone git repository", null, clone, Outcome.SUCCESS, null, List.of()),
                new Step(
                    "Create profile from connection",
                    null,
                    profile,
                    Outcome.SUCCESS,
                    null,
                    List.of()),
                Step.dbt("dbt deps").taking(deps),
                last));
  }

  private static Console recording(List<String> log) {
    return new Console() {
      @Override
      public void info(String line) {
        log.add(line);
      }

      @Override
      public void warn(String line) {
        log.add("[WARN] " + line);
      }

      @Override
      public void debug(String line) {}
    };
  }

  private static String seconds(List<Double> times) {
    List<String> out = new ArrayList<>();
    for (double t : times) {
      out.add(t == Math.rint(t) ? String.valueOf((long) t) : String.valueOf(t));
    }
    return String.join(", ", out);
  }
}
