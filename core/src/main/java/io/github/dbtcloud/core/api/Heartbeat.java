package io.github.dbtcloud.core.api;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.Durations;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says what the client is waiting for while calls are slow: one line per period (30 s by default)
 * naming the oldest call in flight, how long it has waited and when it gives up, so a pipeline's
 * log is never silent while dbt Cloud (or a server in the way) keeps a call waiting.
 */
final class Heartbeat implements AutoCloseable {

  /** Longest silence while a call is waiting. */
  static final Duration PERIOD = Duration.ofSeconds(30);

  private final Console console;
  private final Duration period;
  private final Duration callDeadline;
  private final Map<Long, Waiting> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final ScheduledExecutorService timer;

  private record Waiting(String what, long startedNanos) {}

  Heartbeat(Console console, Duration period, Duration callDeadline) {
    this.console = console;
    this.period = period;
    this.callDeadline = callDeadline;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dbt-cloud-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(1, period.toMillis());
    timer.scheduleAtFixedRate(this::beat, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Registers a call until the returned handle is closed. */
  AutoCloseable track(String what) {
    long id = ids.incrementAndGet();
    inFlight.put(id, new Waiting(what, System.nanoTime()));
    return () -> inFlight.remove(id);
  }

  private void beat() {
    long now = System.nanoTime();
    inFlight.values().stream()
        .filter(w -> now - w.startedNanos() >= period.toNanos())
        .min(Comparator.comparingLong(Waiting::startedNanos))
        .ifPresent(
            oldest -> {
              long waiting =
                  inFlight.values().stream()
                      .filter(w -> now - w.startedNanos() >= period.toNanos())
                      .count();
              Duration age = Duration.ofNanos(now - oldest.startedNanos());
              console.info(
                  "Still waiting for dbt Cloud: "
                      + oldest.what()
                      + " for "
                      + Durations.format(age)
                      + (waiting > 1 ? " (and " + (waiting - 1) + " other call(s))" : "")
                      + (callDeadline.isZero()
                          ? ""
                          : "; it gives up after "
                              + Durations.format(callDeadline)
                              + " (dbt.callTimeout)"));
            });
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
