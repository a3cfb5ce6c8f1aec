package io.github.dbtcloud.core.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link StepGraph} with bounded parallelism. A step starts once every step it waits for is
 * done; a failed step skips everything that waits for it, while independent steps carry on. With
 * fail-fast, or once the {@link StopSignal} is raised, nothing new starts, but steps already
 * running finish: a half-sent request is never abandoned.
 */
public final class StepExecutor {

  /** The work of one step; returns a short description of what was done. */
  @FunctionalInterface
  public interface Action<T> {
    /** Does the step's work or throws. */
    String run(T work) throws Exception;
  }

  private final int parallelism;
  private final boolean failFast;
  private final StopSignal stop;

  /**
   * @param parallelism how many steps may run at once (at least 1)
   * @param failFast stop starting new steps after the first failure
   * @param stop raised from outside (e.g. a shutdown hook) to stop starting new steps
   */
  public StepExecutor(int parallelism, boolean failFast, StopSignal stop) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    this.parallelism = parallelism;
    this.failFast = failFast;
    this.stop = stop;
  }

  /** Runs every step it can and returns one outcome per step, in graph order. */
  public <T> List<StepOutcome> run(StepGraph<T> graph, Action<T> action) {
    Map<String, StepOutcome> outcomes = new HashMap<>();
    Set<String> running = new HashSet<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallelism,
            r -> {
              Thread t = new Thread(r, "dbt-apply");
              t.setDaemon(true);
              return t;
            });
    CompletionService<StepOutcome> done = new ExecutorCompletionService<>(pool);
    try {
      boolean failed = false;
      while (true) {
        boolean mayStart = !stop.requested() && !(failFast && failed);
        if (mayStart) {
          for (Step<T> step : graph.order()) {
            if (running.size() >= parallelism) {
              break;
            }
            if (!outcomes.containsKey(step.id())
                && !running.contains(step.id())
                && ready(step, outcomes)) {
              running.add(step.id());
              done.submit(() -> attempt(step, action));
            }
          }
        }
        if (running.isEmpty()) {
          break;
        }
        StepOutcome outcome = take(done);
        running.remove(outcome.id());
        outcomes.put(outcome.id(), outcome);
        if (outcome instanceof StepOutcome.Failed) {
          failed = true;
          for (String dependent : graph.allDependents(outcome.id())) {
            outcomes.putIfAbsent(
                dependent,
                new StepOutcome.Skipped(dependent, "waits for " + outcome.id() + ", which failed"));
          }
        }
      }
      String why =
          stop.requested()
              ? "stopped: " + stop.reason()
              : "not started: fail-fast after the first failure";
      List<StepOutcome> ordered = new ArrayList<>();
      for (Step<T> step : graph.order()) {
        ordered.add(outcomes.computeIfAbsent(step.id(), id -> new StepOutcome.Skipped(id, why)));
      }
      return ordered;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> boolean ready(Step<T> step, Map<String, StepOutcome> outcomes) {
    for (String dependency : step.after()) {
      if (!(outcomes.get(dependency) instanceof StepOutcome.Done)) {
        return false;
      }
    }
    return true;
  }

  private static <T> StepOutcome attempt(Step<T> step, Action<T> action) {
    try {
      return new StepOutcome.Done(step.id(), action.run(step.work()));
    } catch (Exception | AssertionError e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new StepOutcome.Failed(step.id(), message, e);
    }
  }

  /**
   * Waits for the next finished step; an interrupt of the caller becomes a stop, not an abandon.
   */
  private StepOutcome take(CompletionService<StepOutcome> done) {
    while (true) {
      try {
        Future<StepOutcome> next = done.poll(100, TimeUnit.MILLISECONDS);
        if (next != null) {
          return next.get();
        }
      } catch (InterruptedException e) {
        // Keep waiting for the steps in flight; the caller sees the stop in the outcomes.
        stop.request("interrupted");
      } catch (ExecutionException e) {
        throw new IllegalStateException("a step escaped its own error handling", e.getCause());
      }
    }
  }
}
