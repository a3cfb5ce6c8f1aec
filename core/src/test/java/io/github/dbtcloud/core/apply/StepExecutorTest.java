package io.github.dbtcloud.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StepExecutorTest {

  private static Step<String> step(String id, String... after) {
    return new Step<>(id, id, Set.of(after));
  }

  @Test
  void runsAStepOnlyAfterEverythingItWaitsFor() {
    List<String> order = new CopyOnWriteArrayList<>();
    StepGraph<String> graph = StepGraph.of(List.of(step("c", "b"), step("b", "a"), step("a")));

    List<StepOutcome> outcomes =
        new StepExecutor(4, false, new StopSignal())
            .run(
                graph,
                w -> {
                  order.add(w);
                  return "done " + w;
                });

    assertThat(order).containsExactly("a", "b", "c");
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(StepOutcome.Done.class));
  }

  @Test
  void runsIndependentStepsTogetherButNeverMoreThanTheBound() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch twoRunning = new CountDownLatch(2);
    StepGraph<String> graph =
        StepGraph.of(List.of(step("a"), step("b"), step("c"), step("d"), step("e")));

    new StepExecutor(2, false, new StopSignal())
        .run(
            graph,
            w -> {
              peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              twoRunning.countDown();
              twoRunning.await(5, TimeUnit.SECONDS);
              inFlight.decrementAndGet();
              return w;
            });

    assertThat(peak.get()).isEqualTo(2);
  }

  @Test
  void aFailureSkipsWhatWaitsForItAndTheRestCompletes() {
    StepGraph<String> graph =
        StepGraph.of(
            List.of(step("env"), step("job", "env"), step("chained", "job"), step("other")));

    List<StepOutcome> outcomes =
        new StepExecutor(1, false, new StopSignal())
            .run(
                graph,
                w -> {
                  if (w.equals("env")) {
                    throw new IllegalStateException("dbt Cloud answered HTTP 400");
                  }
                  return w;
                });

    assertThat(outcomes)
        .containsExactly(
            outcomes.get(0),
            new StepOutcome.Skipped("job", "waits for env, which failed"),
            new StepOutcome.Skipped("chained", "waits for env, which failed"),
            new StepOutcome.Done("other", "other"));
    assertThat(outcomes.get(0))
        .isInstanceOfSatisfying(
            StepOutcome.Failed.class,
            f -> assertThat(f.message()).isEqualTo("dbt Cloud answered HTTP 400"));
  }

  @Test
  void failFastStartsNothingAfterTheFirstFailure() {
    List<String> ran = new CopyOnWriteArrayList<>();
    StepGraph<String> graph = StepGraph.of(List.of(step("a"), step("b"), step("c")));

    List<StepOutcome> outcomes =
        new StepExecutor(1, true, new StopSignal())
            .run(
                graph,
                w -> {
                  ran.add(w);
                  throw new IllegalStateException("boom");
                });

    assertThat(ran).containsExactly("a");
    assertThat(outcomes.get(1))
        .isEqualTo(new StepOutcome.Skipped("b", "not started: fail-fast after the first failure"));
  }

  @Test
  void aStopLetsTheRunningStepFinishAndStartsNothingMore() {
    StopSignal stop = new StopSignal();
    StepGraph<String> graph = StepGraph.of(List.of(step("a"), step("b"), step("c")));

    List<StepOutcome> outcomes =
        new StepExecutor(1, false, stop)
            .run(
                graph,
                w -> {
                  stop.request("Ctrl-C");
                  return "finished " + w;
                });

    assertThat(outcomes)
        .containsExactly(
            new StepOutcome.Done("a", "finished a"),
            new StepOutcome.Skipped("b", "stopped: Ctrl-C"),
            new StepOutcome.Skipped("c", "stopped: Ctrl-C"));
  }
}
