package io.github.dbtcloud.core.verify;

import io.github.dbtcloud.core.api.NodeResult;
import io.github.dbtcloud.core.api.Run;
import io.github.dbtcloud.core.api.RunStatus;
import io.github.dbtcloud.core.api.RunStep;
import io.github.dbtcloud.core.report.TestReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a finished verification run means to the user: the failing step, the tail of its log and the
 * failed nodes as text, and the whole run as a JUnit {@link TestReport} (one case per step).
 *
 * @param run the run as last read, with its steps
 * @param jobLabel how the job is named in messages (its key, or {@code id N})
 * @param failedNodes the failed nodes of the failing step's {@code run_results.json}, if it had one
 * @param endedBecause for a run that did not end on its own (timeout, interrupt), why; else null
 */
record Explanation(
    Run run, String jobLabel, Optional<List<NodeResult>> failedNodes, String endedBecause) {

  static final String SUITE = "dbt-verification";

  /** Lines of the failing step's log shown in the build log and the report. */
  static final int LOG_TAIL_LINES = 20;

  /** Failed nodes listed before "... and N more". */
  static final int NODES_SHOWN = 20;

  /** The step that failed: the first in error, else the first that did not succeed. */
  Optional<RunStep> failingStep() {
    List<RunStep> steps = run.steps();
    return steps.stream()
        .filter(s -> s.status() == RunStatus.ERROR)
        .findFirst()
        .or(() -> steps.stream().filter(s -> s.status() != RunStatus.SUCCESS).findFirst());
  }

  /** The last lines of a step's log, ANSI colours removed. */
  static List<String> logTail(RunStep step) {
    String text = step.logs().replaceAll("\u001B\\[[0-9;]*m", "");
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n")));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
  }

  /**
   * The failed nodes as lines: {@code error model.x.orders: the message} (continuation lines
   * indented).
   */
  List<String> nodeLines() {
    List<String> out = new ArrayList<>();
    List<NodeResult> failed =
        failedNodes.orElse(List.of()).stream().filter(NodeResult::failed).toList();
    for (NodeResult n : failed.subList(0, Math.min(NODES_SHOWN, failed.size()))) {
      String[] message = n.message().strip().split("\r?\n");
      out.add(
          String.format(
              "%-6s %s%s",
              n.status(), n.uniqueId(), message[0].isBlank() ? "" : ": " + message[0].strip()));
      for (int i = 1; i < message.length; i++) {
        if (!message[i].isBlank()) {
          out.add("         " + message[i].strip());
        }
      }
    }
    if (failed.size() > NODES_SHOWN) {
      out.add("... and " + (failed.size() - NODES_SHOWN) + " more");
    }
    return out;
  }

  /** One line naming the failed nodes, for the build failure's message. */
  String nodeSummary() {
    List<NodeResult> failed =
        failedNodes.orElse(List.of()).stream().filter(NodeResult::failed).toList();
    if (failed.isEmpty()) {
      return "";
    }
    List<String> names =
        failed.stream().limit(5).map(n -> n.uniqueId() + " (" + n.status() + ")").toList();
    return "; failed nodes: "
        + String.join(", ", names)
        + (failed.size() > 5 ? " and " + (failed.size() - 5) + " more" : "");
  }

  /** The run as JUnit XML cases: one per step (a run with no step at all is one case). */
  TestReport toTestReport(Instant now) {
    String className = "dbt.verification." + jobLabel.replaceAll("[^A-Za-z0-9_.-]", "_");
    List<TestReport.TestCase> cases = new ArrayList<>();
    Optional<RunStep> failing = failingStep();
    for (RunStep step : run.steps()) {
      Duration time = step.elapsed(now).orElse(Duration.ZERO);
      String name = "Step " + step.index() + ": " + step.name();
      cases.add(new TestReport.TestCase(className, name, time, outcome(step, failing)));
    }
    boolean runFailedOutsideSteps = run.status() != RunStatus.SUCCESS && failing.isEmpty();
    if (cases.isEmpty() || runFailedOutsideSteps) {
      TestReport.Outcome outcome =
          run.status() == RunStatus.SUCCESS && endedBecause == null
              ? new TestReport.Passed()
              : new TestReport.Failed(runMessage(), run.statusMessage().orElse(""));
      cases.add(
          new TestReport.TestCase(
              className, "Run " + run.id(), run.duration().orElse(Duration.ZERO), outcome));
    }
    return new TestReport(SUITE, cases);
  }

  private TestReport.Outcome outcome(RunStep step, Optional<RunStep> failing) {
    if (step.status() == RunStatus.SUCCESS) {
      return new TestReport.Passed();
    }
    boolean isFailing = failing.isPresent() && failing.get().index() == step.index();
    String message =
        switch (step.status()) {
          case ERROR ->
              "Step " + step.index() + " " + step.name() + " ended in Error" + nodeSummary();
          case CANCELLED ->
              "Step "
                  + step.index()
                  + " "
                  + step.name()
                  + " was cancelled"
                  + (endedBecause != null ? " (" + endedBecause + ")" : "");
          default ->
              "Step "
                  + step.index()
                  + " "
                  + step.name()
                  + " was still "
                  + step.status().label()
                  + (endedBecause != null ? " when " + endedBecause : "");
        };
    StringBuilder details = new StringBuilder();
    if (isFailing) {
      details.append("Last lines of the step's log:\n");
      logTail(step).forEach(l -> details.append(l).append('\n'));
      List<String> nodes = nodeLines();
      if (!nodes.isEmpty()) {
        details.append("\nFailed nodes (run_results.json):\n");
        nodes.forEach(l -> details.append(l).append('\n'));
      }
    }
    run.href().ifPresent(h -> details.append("\nRun: ").append(h).append('\n'));
    return new TestReport.Failed(message, details.toString());
  }

  private String runMessage() {
    if (endedBecause != null) {
      return "Run " + run.id() + " " + endedBecause + " (status " + run.status().label() + ")";
    }
    return "Run "
        + run.id()
        + " ended in "
        + run.status().label()
        + run.statusMessage().map(m -> ": " + m).orElse("");
  }
}
