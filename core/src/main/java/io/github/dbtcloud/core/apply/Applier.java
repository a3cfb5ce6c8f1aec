package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.ShutdownHooks;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.resource.WriteContext;
import io.github.dbtcloud.core.resource.Written;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a plan's changes in dependency order ({@link ApplyGraph}), independent ones in
 * parallel ({@link StepExecutor}), each by its kind: a failed change skips what waits for it while
 * the rest completes, and every change ends done, failed or skipped in the result.
 */
public final class Applier {

  private final WireApi api;
  private final Console console;
  private final ApplyOptions options;
  private final StopSignal stop;
  private final Sleeper sleeper;

  /**
   * @param api the account's Admin API (one rate limiter and request count for every change)
   * @param console where progress goes
   * @param sleeper how to wait before sending a rate-limited create again
   * @param options parallelism and fail-fast
   * @param stop raised from outside (Ctrl-C) to start nothing new
   */
  public Applier(
      WireApi api, Console console, Sleeper sleeper, ApplyOptions options, StopSignal stop) {
    this.api = api;
    this.console = console;
    this.options = options;
    this.stop = stop;
    this.sleeper = sleeper;
  }

  /** How long a stopping JVM waits for the changes in flight and the summary. */
  static final Duration GRACE = Duration.ofSeconds(30);

  /**
   * Applies the plan, prints what was done, and fails unless everything was. Ctrl-C starts nothing
   * new, lets the requests in flight finish (for at most {@link #GRACE}), and prints the same
   * account.
   *
   * @throws ApplyIncompleteException when a change failed or the build was stopped (what was done
   *     is in it)
   */
  public ApplyResult applyUntilStopped(Plan plan, ShutdownHooks hooks) {
    CountDownLatch reported = new CountDownLatch(1);
    Runnable unregister =
        hooks.register(
            () -> {
              stop.request("the build was interrupted");
              try {
                // the JVM ends when this hook returns: give the requests in flight, and the
                // summary, time to finish
                reported.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    try {
      ApplyResult result = apply(plan);
      ApplySummary.print(result, stop, console);
      if (!result.complete()) {
        throw new ApplyIncompleteException(ApplySummary.failureMessage(result, stop));
      }
      return result;
    } finally {
      reported.countDown();
      unregister.run();
    }
  }

  /** Applies every change of {@code plan} it can and reports each one's outcome. */
  public ApplyResult apply(Plan plan) {
    long started = System.nanoTime();
    int requestsBefore = api.requestCount();
    StepGraph<ApplyGraph.Item> graph = ApplyGraph.of(plan);
    WriteContext writes = new WriteContext(api, plan.accountId(), sleeper);
    Map<String, Written> written = new ConcurrentHashMap<>();
    console.info(
        "Applying " + graph.size() + " change(s), up to " + options.parallelism() + " at a time.");
    List<StepOutcome> outcomes =
        new StepExecutor(options.parallelism(), options.failFast(), stop)
            .run(
                graph,
                item -> {
                  String step = item.step();
                  try {
                    Written w = item.change().address().kind().write(item.change(), writes);
                    written.put(step, w);
                    console.info(step + ": " + w.detail());
                    return w.detail();
                  } catch (RuntimeException | InterruptedException e) {
                    console.warn(step + ": failed: " + e.getMessage());
                    throw e;
                  }
                });
    int added = 0;
    int changed = 0;
    int destroyed = 0;
    for (StepOutcome o : outcomes) {
      Written w = o instanceof StepOutcome.Done ? written.get(o.id()) : null;
      if (w != null) {
        switch (w.effect()) {
          case ADDED -> added++;
          case CHANGED -> changed++;
          case DESTROYED -> destroyed++;
        }
      }
    }
    return new ApplyResult(
        added,
        changed,
        destroyed,
        api.requestCount() - requestsBefore,
        Duration.ofNanos(System.nanoTime() - started),
        outcomes);
  }
}
