package io.github.dbtcloud.core.verify;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.Durations;
import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.Run;
import io.github.dbtcloud.core.api.RunClient;
import io.github.dbtcloud.core.api.RunStatus;
import io.github.dbtcloud.core.api.RunStep;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.config.VerifySettings;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows one run until it ends, the timeout passes or the build is interrupted: polls on the
 * {@link PollSchedule}, prints each status change and each step as it finishes, a heartbeat line
 * when nothing else was printed for {@link #HEARTBEAT}, and cancels the run on timeout (when
 * configured) and on interrupt or JVM shutdown.
 */
final class RunFollower {

  /** Longest silence in the log while waiting, so CI does not take the build for hung. */
  static final Duration HEARTBEAT = Duration.ofSeconds(30);

  /**
   * Failed polls in a row (no answer, 5xx, 429) tolerated before giving up: a blip must not fail a
   * long run.
   */
  static final int TOLERATED_POLL_FAILURES = 5;

  /** How following ended. */
  enum Ending {
    FINISHED,
    TIMED_OUT,
    INTERRUPTED
  }

  /**
   * The result.
   *
   * @param run the run as last read, with its steps
   * @param ending how following ended
   * @param cancelledByUs whether this build asked dbt Cloud to cancel the run
   * @param polls how many times the run was read while waiting
   */
  record Followed(Run run, Ending ending, boolean cancelledByUs, int polls) {}

  private final RunClient runs;
  private final long account;
  private final Console console;
  private final Clock clock;
  private final Sleeper sleeper;
  private final VerifySettings request;
  private final AtomicBoolean cancelRequested = new AtomicBoolean();
  private final AtomicBoolean done = new AtomicBoolean();
  private final Set<Integer> stepsShown = new HashSet<>();
  private volatile long runId;
  private RunStatus statusShown;
  private List<Long> blockersShown = List.of();
  private Instant lastLine;
  private int polls;

  RunFollower(
      RunClient runs,
      long account,
      Console console,
      Clock clock,
      Sleeper sleeper,
      VerifySettings request) {
    this.runs = runs;
    this.account = account;
    this.console = console;
    this.clock = clock;
    this.sleeper = sleeper;
    this.request = request;
  }

  Followed follow(Run triggered) {
    runId = triggered.id();
    Instant start = clock.instant();
    Instant deadline = start.plus(request.timeout());
    PollSchedule schedule = new PollSchedule(request.pollMin(), request.pollMax());
    lastLine = start;
    Run run = triggered;
    show(run, start);
    Instant nextPoll = start.plus(schedule.next());
    int failuresInRow = 0;
    try {
      while (!run.status().isTerminal()) {
        Instant now = clock.instant();
        if (!now.isBefore(deadline)) {
          return timedOut(run);
        }
        Instant wake = earliest(nextPoll, deadline, lastLine.plus(HEARTBEAT));
        if (wake.isAfter(now)) {
          sleeper.sleep(Duration.between(now, wake));
          now = clock.instant();
        }
        if (now.isBefore(nextPoll)) {
          if (!now.isBefore(lastLine.plus(HEARTBEAT))) {
            heartbeat(run, start, now);
          }
          continue;
        }
        try {
          run = poll();
          failuresInRow = 0;
        } catch (DbtCloudApiException e) {
          if (interruption(e)) {
            throw new InterruptedException("interrupted during a poll");
          }
          if (!transientFailure(e) || ++failuresInRow > TOLERATED_POLL_FAILURES) {
            throw e;
          }
          console.warn(
              "Could not read run "
                  + runId
                  + " ("
                  + e.getMessage()
                  + "); trying again ("
                  + failuresInRow
                  + " of "
                  + TOLERATED_POLL_FAILURES
                  + ").");
          nextPoll = now.plus(schedule.next());
          continue;
        }
        if (show(run, now)) {
          schedule.reset();
        } else if (!now.isBefore(lastLine.plus(HEARTBEAT)) && !run.status().isTerminal()) {
          heartbeat(run, start, now);
        }
        nextPoll = now.plus(schedule.next());
      }
      return new Followed(run, Ending.FINISHED, cancelRequested.get(), polls);
    } catch (InterruptedException e) {
      return interrupted(run);
    } finally {
      done.set(true);
    }
  }

  /**
   * For the JVM shutdown hook (Ctrl-C): cancel the run unless following already ended or cancelled
   * it.
   */
  void cancelOnShutdown() {
    if (done.get() || runId == 0 || !cancelRequested.compareAndSet(false, true)) {
      return;
    }
    try {
      runs.cancel(account, runId);
      console.warn("Build stopped: cancelled verification run " + runId + " in dbt Cloud.");
    } catch (RuntimeException e) {
      console.warn(
          "Build stopped: could not cancel verification run "
              + runId
              + " ("
              + e.getMessage()
              + "); cancel it in dbt Cloud.");
    }
  }

  private Run poll() {
    polls++;
    return runs.get(account, runId, true);
  }

  /** Prints what changed since the last look; true when the status changed. */
  private boolean show(Run run, Instant now) {
    boolean statusChanged = run.status() != statusShown;
    List<Long> blockers = run.status() == RunStatus.QUEUED ? run.blockedBy() : List.of();
    boolean newBlockers = !blockers.isEmpty() && !blockers.equals(blockersShown);
    if ((statusChanged || newBlockers) && !run.status().isTerminal()) {
      String line = "  " + run.status().label();
      if (!blockers.isEmpty()) {
        line +=
            " behind run "
                + (blockers.size() == 1 ? blockers.get(0) : blockers)
                + " of the same job (dbt Cloud runs a job once at a time; this run starts when that one ends)";
      }
      say(line, now);
    }
    statusShown = run.status();
    blockersShown = blockers;
    for (RunStep step : run.steps()) {
      if (step.status().isTerminal() && stepsShown.add(step.index())) {
        say(
            "    Step "
                + step.index()
                + " "
                + step.name()
                + ": "
                + step.status().label()
                + step.elapsed(now).map(d -> " (" + Durations.format(d) + ")").orElse(""),
            now);
      }
    }
    return statusChanged;
  }

  private void heartbeat(Run run, Instant start, Instant now) {
    String line =
        "  Still "
            + run.status().label().toLowerCase(java.util.Locale.ROOT)
            + " after "
            + Durations.format(Duration.between(start, now));
    RunStep current =
        run.steps().stream().filter(s -> !s.status().isTerminal()).findFirst().orElse(null);
    if (current != null) {
      line +=
          ": step "
              + current.index()
              + " "
              + current.name()
              + current.elapsed(now).map(d -> " for " + Durations.format(d)).orElse("");
    } else if (!run.blockedBy().isEmpty()) {
      line += ", waiting for run " + run.blockedBy().get(0) + " of the same job";
    }
    say(line, now);
  }

  private void say(String line, Instant now) {
    console.info(line);
    lastLine = now;
  }

  private Followed timedOut(Run run) {
    String waited = Durations.format(request.timeout());
    if (!request.cancelOnTimeout()) {
      console.warn(
          "Timed out after "
              + waited
              + " waiting for run "
              + runId
              + " (still "
              + run.status().label()
              + "). It goes on in dbt Cloud (cancel_on_timeout is false)"
              + run.href().map(h -> ": " + h).orElse("."));
      return new Followed(latest(run), Ending.TIMED_OUT, false, polls);
    }
    console.warn(
        "Timed out after "
            + waited
            + " waiting for run "
            + runId
            + " (still "
            + run.status().label()
            + "); cancelling it in dbt Cloud so it does not run on unwatched.");
    Run after = cancel(run);
    show(after, clock.instant());
    if (after.status().isTerminal() && after.status() != RunStatus.CANCELLED) {
      // it finished between the last poll and the cancel: its own outcome counts
      return new Followed(after, Ending.FINISHED, false, polls);
    }
    console.warn("Cancelled run " + runId + ".");
    return new Followed(after, Ending.TIMED_OUT, true, polls);
  }

  private Followed interrupted(Run run) {
    Thread.interrupted(); // clear the flag so that the cancel request can be sent; restored below
    try {
      console.warn(
          "Interrupted while waiting for run "
              + runId
              + "; cancelling it in dbt Cloud so it does not run"
              + " on unwatched.");
      Run after = cancelRequested.get() ? latest(run) : cancel(run);
      show(after, clock.instant());
      return new Followed(after, Ending.INTERRUPTED, true, polls);
    } finally {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Asks dbt Cloud to cancel, then reads the run back with its steps (a refused cancel: the run
   * finished).
   */
  private Run cancel(Run run) {
    cancelRequested.set(true);
    try {
      runs.cancel(account, runId);
    } catch (DbtCloudApiException e) {
      if (!e.answered() || e.status() >= 500) {
        console.warn(
            "Could not cancel run "
                + runId
                + " ("
                + e.getMessage()
                + "); cancel it in dbt Cloud"
                + run.href().map(h -> ": " + h).orElse("."));
      }
    }
    return latest(run);
  }

  private Run latest(Run fallback) {
    try {
      return runs.get(account, runId, true);
    } catch (DbtCloudApiException e) {
      return fallback;
    }
  }

  private static boolean transientFailure(DbtCloudApiException e) {
    return !e.answered() || e.status() >= 500 || e.status() == 429 || e.status() == 408;
  }

  private static boolean interruption(DbtCloudApiException e) {
    return Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedIOException;
  }

  private static Instant earliest(Instant a, Instant b, Instant c) {
    Instant min = a.isBefore(b) ? a : b;
    return min.isBefore(c) ? min : c;
  }
}
