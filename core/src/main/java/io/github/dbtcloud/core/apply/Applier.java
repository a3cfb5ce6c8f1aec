package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.plan.Plan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries out a plan's changes in dependency order ({@link ApplyGraph}), independent ones in
 * parallel ({@link StepExecutor}), each by a {@link ChangeWriter}: a failed change skips what waits
 * for it while the rest completes, and every change ends done, failed or skipped in the result.
 */
public final class Applier {

  private final DbtCloudWrites api;
  private final Console console;
  private final ApplyOptions options;
  private final StopSignal stop;
  private final Sleeper sleeper;

  /**
   * @param api the account to write to
   * @param console where progress goes
   * @param options parallelism and fail-fast
   * @param stop raised from outside (Ctrl-C) to start nothing new
   * @param sleeper how to wait before sending a rate-limited create again
   */
  public Applier(
      DbtCloudWrites api, Console console, ApplyOptions options, StopSignal stop, Sleeper sleeper) {
    this.api = api;
    this.console = console;
    this.options = options;
    this.stop = stop;
    this.sleeper = sleeper;
  }

  /** Applies every change of {@code plan} it can and reports each one's outcome. */
  public ApplyResult apply(Plan plan) {
    long started = System.nanoTime();
    int requestsBefore = api.requestCount();
    StepGraph<ApplyGraph.Item> graph = ApplyGraph.of(plan);
    ChangeWriter writer = new ChangeWriter(api, sleeper);
    Map<String, ChangeWriter.Written> written = new ConcurrentHashMap<>();
    console.info(
        "Applying " + graph.size() + " change(s), up to " + options.parallelism() + " at a time.");
    List<StepOutcome> outcomes =
        new StepExecutor(options.parallelism(), options.failFast(), stop)
            .run(
                graph,
                item -> {
                  String step = item.step();
                  try {
                    ChangeWriter.Written w = writer.write(item.change());
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
      ChangeWriter.Written w = o instanceof StepOutcome.Done ? written.get(o.id()) : null;
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
