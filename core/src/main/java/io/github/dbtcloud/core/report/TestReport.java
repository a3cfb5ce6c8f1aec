package io.github.dbtcloud.core.report;

import java.time.Duration;
import java.util.List;

/**
 * A result CI servers can show as tests: one suite (the verification run, the metric check) of
 * cases (run steps, metrics).
 *
 * @param suite the suite name, e.g. {@code dbt-verification}
 * @param cases the cases, in order
 */
public record TestReport(String suite, List<TestCase> cases) {

  public TestReport {
    cases = List.copyOf(cases);
  }

  /**
   * One case.
   *
   * @param className grouping shown by CI servers, e.g. {@code dbt.run.123}
   * @param name the case name, e.g. the step name or metric name
   * @param time how long it took
   * @param outcome passed, failed (with message and details), or skipped
   */
  public record TestCase(String className, String name, Duration time, Outcome outcome) {}

  /** How a case ended. */
  public sealed interface Outcome permits Passed, Failed, Skipped {}

  /** The case passed. */
  public record Passed() implements Outcome {}

  /**
   * The case failed.
   *
   * @param message one line, shown in CI summaries
   * @param details the full text (a log tail, the server's error)
   */
  public record Failed(String message, String details) implements Outcome {}

  /**
   * The case did not run.
   *
   * @param reason why
   */
  public record Skipped(String reason) implements Outcome {}

  /** Number of failed cases. */
  public long failures() {
    return cases.stream().filter(c -> c.outcome() instanceof Failed).count();
  }

  /** Number of skipped cases. */
  public long skipped() {
    return cases.stream().filter(c -> c.outcome() instanceof Skipped).count();
  }
}
