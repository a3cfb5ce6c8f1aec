package io.github.dbtcloud.core.verify;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.Durations;
import io.github.dbtcloud.core.ShutdownHooks;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.NodeResult;
import io.github.dbtcloud.core.api.Run;
import io.github.dbtcloud.core.api.RunClient;
import io.github.dbtcloud.core.api.RunStatus;
import io.github.dbtcloud.core.api.RunStep;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.VerifySettings;
import io.github.dbtcloud.core.report.JUnitXmlWriter;
import io.github.dbtcloud.core.report.TestReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One verification run: trigger the configured job, follow the run in the log, write the JUnit
 * report, and fail with an explanation unless it succeeds. {@code dbt:verify} runs it on its own,
 * {@code dbt:apply} after a complete apply.
 */
public final class Verification {

  private final Console console;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ShutdownHooks hooks;

  /**
   * @param console where the run's progress goes
   * @param clock the time the run is measured in
   * @param sleeper how to wait between polls
   * @param hooks where to register the cancel-on-Ctrl-C
   */
  public Verification(Console console, Clock clock, Sleeper sleeper, ShutdownHooks hooks) {
    this.console = console;
    this.clock = clock;
    this.sleeper = sleeper;
    this.hooks = hooks;
  }

  /**
   * Triggers, follows and judges one run on an open client.
   *
   * @param settings the build's settings over the file's; they must name a job
   * @param buildLabel the build's name for the default cause
   * @param environment the process environment (for the default cause)
   * @param reportFile where the JUnit XML goes
   * @throws VerificationFailedException unless the run succeeds
   */
  public VerifyResult run(
      AdminClient client,
      DesiredState desired,
      VerifySettings settings,
      String buildLabel,
      Map<String, String> environment,
      Path reportFile) {
    VerifySettings request =
        VerifySettingsResolver.resolve(settings, buildLabel, environment, console::warn);
    return verify(desired, client, request, reportFile);
  }

  private VerifyResult verify(
      DesiredState desired, AdminClient client, VerifySettings request, Path reportFile) {
    long account = desired.account().id();
    JobResolver.ResolvedJob job = new JobResolver(client).resolve(desired, request);
    console.info("Verification: triggering job " + describe(job) + " in dbt Cloud");
    console.info("  cause: " + request.cause());
    List<String> watchers = AlertWatchers.of(client, desired, job.id(), console::warn);
    if (!watchers.isEmpty()) {
      console.info("  alerts that watch it:");
      watchers.forEach(w -> console.info("    " + w));
    } else if (desired.alerts().declared()) {
      console.info("  alerts that watch it: none (no notification or active webhook names it)");
    }
    RunClient runs = new RunClient(client);
    Run triggered = runs.trigger(account, job.id(), VerifySettingsResolver.trigger(request));
    console.info(
        "Run " + triggered.id() + ": " + triggered.href().orElse("(dbt Cloud gave no link)"));
    RunFollower follower = new RunFollower(runs, account, console, clock, sleeper, request);
    Runnable unregister = hooks.register(follower::cancelOnShutdown);
    RunFollower.Followed followed;
    try {
      followed = follower.follow(triggered);
    } finally {
      unregister.run();
    }
    Run run = followed.run();
    Optional<List<NodeResult>> nodes = Optional.empty();
    Explanation first = new Explanation(run, job.label(), nodes, null);
    Optional<RunStep> failing = first.failingStep();
    if (followed.ending() == RunFollower.Ending.FINISHED
        && run.status() == RunStatus.ERROR
        && failing.isPresent()) {
      nodes = runs.runResults(account, run.id(), failing.get().index());
    }
    String endedBecause =
        switch (followed.ending()) {
          case TIMED_OUT -> "timed out after " + Durations.format(request.timeout());
          case INTERRUPTED -> "was interrupted";
          default -> null;
        };
    Explanation explanation = new Explanation(run, job.label(), nodes, endedBecause);
    if (reportFile != null) {
      TestReport report = explanation.toTestReport(clock.instant());
      List<TestReport.TestCase> cases = new ArrayList<>(report.cases());
      cases.addAll(AlertWatchers.cases("dbt.verification.alerts", watchers));
      JUnitXmlWriter.write(new TestReport(report.suite(), cases), reportFile);
      console.info("  JUnit report: " + reportFile);
    }
    return judge(explanation, followed, job, request, reportFile);
  }

  private VerifyResult judge(
      Explanation e,
      RunFollower.Followed followed,
      JobResolver.ResolvedJob job,
      VerifySettings request,
      Path reportFile) {
    Run run = e.run();
    String link = run.href().map(h -> " " + h).orElse("");
    String took = run.duration().map(Durations::format).orElse("?");
    String queued =
        run.queuedFor().map(q -> ", " + Durations.format(q) + " of it queued").orElse("");
    String where = "run " + run.id() + " of job " + job.label();
    if (followed.ending() == RunFollower.Ending.TIMED_OUT) {
      throw new VerificationFailedException(
          VerificationFailedException.Kind.TIMED_OUT,
          "Verification timed out: "
              + where
              + " did not finish within "
              + Durations.format(request.timeout())
              + (followed.cancelledByUs()
                  ? "; it was cancelled."
                  : "; it was left running (cancel_on_timeout is false).")
              + " See"
              + link
              + ". If the job needs longer, raise 'timeout' in the verify section (or -Ddbt.verify.timeout).");
    }
    if (followed.ending() == RunFollower.Ending.INTERRUPTED) {
      throw new VerificationFailedException(
          VerificationFailedException.Kind.INTERRUPTED,
          "Verification interrupted: " + where + " was cancelled because the build was stopped.");
    }
    switch (run.status()) {
      case SUCCESS -> {
        console.info("Run " + run.id() + ": Success in " + took + queued + "." + link);
        return new VerifyResult(
            run.id(),
            run.href().orElse(""),
            run.duration().orElse(java.time.Duration.ZERO),
            followed.polls());
      }
      case CANCELLED -> {
        String by =
            followed.cancelledByUs()
                ? "by this build"
                : "by someone or something other than this build";
        console.warn(
            "Run "
                + run.id()
                + ": Cancelled "
                + by
                + " after "
                + took
                + run.statusMessage().map(m -> " (" + m + ")").orElse("")
                + "."
                + link);
        if (followed.cancelledByUs()) {
          // only the shutdown hook cancels while the run is still being followed
          throw new VerificationFailedException(
              VerificationFailedException.Kind.INTERRUPTED,
              "Verification interrupted: "
                  + where
                  + " was cancelled because the build was stopped.");
        }
        throw new VerificationFailedException(
            VerificationFailedException.Kind.CANCELLED_ELSEWHERE,
            "Verification failed: "
                + where
                + " was cancelled "
                + by
                + ", so it proved nothing. See"
                + link
                + ". Find out who cancelled it (the run's page in dbt Cloud), then run 'mvn dbt:verify' again.");
      }
      default -> {
        explainFailure(e, took, link);
        String at =
            e.failingStep().map(s -> " at step " + s.index() + " \"" + s.name() + "\"").orElse("");
        throw new VerificationFailedException(
            VerificationFailedException.Kind.FAILED,
            "Verification failed: "
                + where
                + " ended in "
                + run.status().label()
                + at
                + e.nodeSummary()
                + ". Details are in the log above and in "
                + (reportFile != null ? reportFile.getFileName() : "the run's page")
                + "; the run:"
                + link
                + ". Fix what failed and run 'mvn dbt:verify' again.");
      }
    }
  }

  private void explainFailure(Explanation e, String took, String link) {
    Run run = e.run();
    console.warn(
        "Run "
            + run.id()
            + ": "
            + run.status().label()
            + " after "
            + took
            + run.statusMessage().map(m -> " (" + m + ")").orElse("")
            + "."
            + link);
    Optional<RunStep> failing = e.failingStep();
    if (failing.isEmpty()) {
      console.warn("The run failed before any step did; see its page in dbt Cloud.");
      return;
    }
    RunStep step = failing.get();
    List<String> tail = Explanation.logTail(step);
    console.warn(
        "Failing step "
            + step.index()
            + " \""
            + step.name()
            + "\". "
            + (tail.isEmpty()
                ? "Its log is empty."
                : "Last " + tail.size() + " lines of its log:"));
    tail.forEach(line -> console.info("  | " + line));
    if (e.failedNodes().isEmpty()) {
      console.info(
          "No run_results.json for step " + step.index() + " (the step saved no artifacts).");
      return;
    }
    List<String> nodes = e.nodeLines();
    if (nodes.isEmpty()) {
      console.info("run_results.json of step " + step.index() + " lists no failed node.");
      return;
    }
    console.warn("Failed nodes (run_results.json of step " + step.index() + "):");
    nodes.forEach(line -> console.warn("  " + line));
  }

  private static String describe(JobResolver.ResolvedJob job) {
    return (job.label().startsWith("id ") ? "" : job.label() + " ")
        + "(\""
        + job.name()
        + "\", id "
        + job.id()
        + ")";
  }
}
